/** The per-class breakdown as CSV: a row per class, both runs' metrics, the differences and intervals. */

import type { ClassBreakdown, ClassDifference } from '../stats/class-breakdown';
import { csvTable } from './csv';

const METRICS = ['precision', 'recall', 'f1'] as const;

export function classBreakdownCsv(
  breakdown: ClassBreakdown,
  classNames: readonly string[],
  runs: { a: string; b: string },
): string {
  const header = [
    'class',
    'support',
    ...METRICS.flatMap((m) => [
      `${m}_a`,
      `${m}_b`,
      `${m}_difference`,
      `${m}_ci_low`,
      `${m}_ci_high`,
    ]),
    'run_a',
    'run_b',
  ];
  const num = (x: number) => (Number.isNaN(x) ? null : x);
  const rows = breakdown.rows.map((r) => [
    classNames[r.cls],
    r.support,
    ...METRICS.flatMap((m) => {
      const d: ClassDifference = r[m];
      return [
        num(r.a[m]),
        num(r.b[m]),
        num(d.difference),
        d.interval?.lo ?? null,
        d.interval?.hi ?? null,
      ];
    }),
    runs.a,
    runs.b,
  ]);
  return csvTable(header, rows);
}
