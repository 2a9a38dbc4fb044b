/** The runs a sweep view keeps, as CSV: one row per run, a column per axis (missing values empty). */

import type { SweepColumn, SweepTable } from '../sweep/types';
import { csvTable } from './csv';

export function sweepCsv(
  table: SweepTable,
  kept: ArrayLike<number>,
  columns: readonly SweepColumn[],
  label: (runId: number) => { name: string; runKey: string },
): string {
  const header = ['run', 'run_id', ...columns.map((c) => c.label)];
  const rows = Array.from(kept, (i) => {
    const runId = table.runIds[i];
    const { name, runKey } = label(runId);
    return [name, runKey, ...columns.map((c) => cell(c, i))];
  });
  return csvTable(header, rows);
}

function cell(c: SweepColumn, i: number): string | number | null {
  if (c.type === 'numeric') return Number.isNaN(c.values[i]) ? null : c.values[i];
  return c.codes[i] < 0 ? null : c.categories[c.codes[i]];
}
