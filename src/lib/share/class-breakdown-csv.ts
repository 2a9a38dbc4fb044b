/** The per-class breakdown as CSV: a row per class, both runs' metrics, the differences and intervals. */

import type { ClassBreakdown, ClassDifference } from '../stats/class-breakdown';
import { csvTable } from './csv';
import { pairedCells, pairedColumns } from './paired-csv';

const METRICS = ['precision', 'recall', 'f1'] as const;

export function classBreakdownCsv(
  breakdown: ClassBreakdown,
  classNames: readonly string[],
  runs: { a: string; b: string },
): string {
  const header = ['class', 'support', ...METRICS.flatMap(pairedColumns), 'run_a', 'run_b'];
  const rows = breakdown.rows.map((r) => [
    classNames[r.cls],
    r.support,
    ...METRICS.flatMap((m) => {
      const d: ClassDifference = r[m];
      return pairedCells(r.a[m], r.b[m], d.difference, d.interval);
    }),
    runs.a,
    runs.b,
  ]);
  return csvTable(header, rows);
}
