/**
 * The numbers of the summary (and resources) sections as bars: a cluster per metric, a bar per run,
 * or per seed group its mean with a 95 % t-interval and its n.
 */

import { meanInterval } from '../stats/mean-interval';
import { numberOf } from './diff';
import type { CompareTable } from './view-data';

export interface Bar {
  label: string;
  runId: number | null;
  value: number;
  lo: number | null;
  hi: number | null;
  n: number;
}

export interface BarCluster {
  metric: string;
  bars: Bar[];
}

const isSummary = (table: CompareTable, f: number) => {
  const section = table.section(f);
  return section === 'summary' || section === 'resources';
};

/** Whether any run has a finite summary number (stops at the first). */
export function hasSummaryValues(table: CompareTable): boolean {
  for (let f = 0; f < table.fields; f++) {
    if (!isSummary(table, f)) continue;
    for (let r = 0; r < table.runs; r++)
      if (Number.isFinite(numberOf(table.cell(f, r)))) return true;
  }
  return false;
}

export function summaryBars(
  table: CompareTable,
  runs: readonly { runId: number; name: string }[],
  groups: readonly { key: string; runIds: number[] }[] | null,
): BarCluster[] {
  const column = new Map(table.data.runIds.map((id, i) => [id, i]));
  const out: BarCluster[] = [];
  for (let f = 0; f < table.fields; f++) {
    if (!isSummary(table, f)) continue;
    const valueOf = (runId: number) => {
      const at = column.get(runId);
      return at === undefined ? null : numberOf(table.cell(f, at));
    };
    const bars: Bar[] = [];
    if (groups) {
      for (const g of groups) {
        const values = g.runIds.map(valueOf).filter((v): v is number => v !== null);
        const m = meanInterval(values);
        if (m) bars.push({ label: g.key, runId: null, value: m.mean, lo: m.lo, hi: m.hi, n: m.n });
      }
    } else {
      for (const r of runs) {
        const v = valueOf(r.runId);
        if (v !== null && Number.isFinite(v))
          bars.push({ label: r.name, runId: r.runId, value: v, lo: null, hi: null, n: 1 });
      }
    }
    if (bars.length > 0) out.push({ metric: table.key(f), bars });
  }
  return out;
}
