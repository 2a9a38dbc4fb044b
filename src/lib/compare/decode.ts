/** The compare table's Arrow IPC as long cells, column by column (no row proxies). */

import { tableFromIPC } from 'apache-arrow';
import type { CompareSection } from '../sql/compare';
import type { LongCell } from './diff';

export function decodeCompareCells(ipc: Uint8Array): LongCell[] {
  const table = tableFromIPC(ipc);
  const col = (name: string) => table.getChild(name)?.toArray() ?? [];
  const section = col('section') as CompareSection[];
  const key = col('key') as string[];
  const runId = col('run_id') as Int32Array;
  const value = col('value') as (string | null)[];
  const num = table.getChild('num');
  const out: LongCell[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const n = num?.get(i) as number | null | undefined;
    out[i] = {
      section: section[i],
      key: key[i],
      runId: runId[i],
      value: value[i] ?? null,
      num: n ?? null,
    };
  }
  return out;
}
