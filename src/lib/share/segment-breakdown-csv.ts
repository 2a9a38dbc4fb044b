/** The per-segment breakdown as CSV: a row per segment value, both runs' accuracy and macro F1. */

import type { PairedMetric } from '../stats/paired-bootstrap';
import type { SegmentBreakdown } from '../stats/segment-breakdown';
import { csvTable } from './csv';
import { pairedCells, pairedColumns } from './paired-csv';

const METRICS = ['accuracy', 'macro_f1'] as const;

export function segmentBreakdownCsv(
  segments: readonly SegmentBreakdown[],
  runs: { a: string; b: string },
): string {
  const header = [
    'segment',
    'value',
    'examples',
    ...METRICS.flatMap(pairedColumns),
    'run_a',
    'run_b',
  ];
  const metric = (m: PairedMetric) => pairedCells(m.a, m.b, m.difference, m.interval);
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
