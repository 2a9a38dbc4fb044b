/** The per-segment breakdown as CSV: a row per segment value, both runs' accuracy and macro F1. */

import type { PairedMetric } from '../stats/paired-bootstrap';
import type { SegmentBreakdown } from '../stats/segment-breakdown';
import { csvTable } from './csv';

const METRICS = ['accuracy', 'macro_f1'] as const;

export function segmentBreakdownCsv(
  segments: readonly SegmentBreakdown[],
  runs: { a: string; b: string },
): string {
  const header = [
    'segment',
    'value',
    'examples',
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
  const metric = (m: PairedMetric) => [
    num(m.a),
    num(m.b),
    num(m.difference),
    m.interval?.lo ?? null,
    m.interval?.hi ?? null,
  ];
  const rows = segments.flatMap((s) =>
    s.rows.map((r) => [
      s.segment,
      r.value,
      r.examples,
      ...metric(r.accuracy),
      ...metric(r.macroF1),
      runs.a,
      runs.b,
    ]),
  );
  return csvTable(header, rows);
}
