/**
 * Where two runs differ, segment by segment (a column of the predictions file such as `language`):
 * each value's accuracy and macro F1 for both runs on the examples both predicted, the
 * differences with Poisson-bootstrap intervals over the value's (label, A, B) cells, as the
 * per-class breakdown resamples them (see class-breakdown.ts). Sorted by the change in accuracy.
 */

import { Counts, type Cells } from './class-breakdown';
import type { PairedMetric } from './paired-bootstrap';
import { percentileInterval } from './percentile-interval';
import { poisson } from './poisson';
import { seededRandom } from './random';

export interface SegmentRow {
  /** The value as the file writes it; null for examples without one. */
  value: string | null;
  examples: number;
  accuracy: PairedMetric;
  macroF1: PairedMetric;
}

export interface SegmentBreakdown {
  segment: string;
  /** Resamples each value took (fewer than asked when there are very many cells, see below). */
  resamples: number;
  /** Sorted by how much accuracy changed, largest first. */
  rows: SegmentRow[];
}

/** One value's cells, with the number of classes of the whole comparison. */
export interface SegmentCells {
  segment: string;
  value: string | null;
  cells: Cells;
}

export function segmentRow(
  cells: Cells,
  classes: number,
  value: string | null,
  options: { resamples: number; seed: number; level: number },
): SegmentRow {
  const ca = new Counts(classes);
  const cb = new Counts(classes);
  ca.fill(cells.label, cells.a, cells.count);
  cb.fill(cells.label, cells.b, cells.count);
  let n = 0;
  for (let c = 0; c < cells.count.length; c++) n += cells.count[c];
  const accuracy = { a: ca.correct() / n, b: cb.correct() / n };
  const macroF1 = { a: ca.macroF1(), b: cb.macroF1() };
  const R = n > 0 ? options.resamples : 0;
  const accuracyDiffs = new Float64Array(R);
  const f1Diffs = new Float64Array(R);
  const weight = new Float64Array(cells.count.length);
  const random = seededRandom(options.seed);
  let kept = 0;
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let c = 0; c < weight.length; c++) total += weight[c] = poisson(random, cells.count[c]);
    if (total === 0) continue;
    ca.fill(cells.label, cells.a, weight);
    cb.fill(cells.label, cells.b, weight);
    accuracyDiffs[kept] = (cb.correct() - ca.correct()) / total;
    f1Diffs[kept] = cb.macroF1() - ca.macroF1();
    kept++;
  }
  const metric = (m: { a: number; b: number }, diffs: Float64Array): PairedMetric => ({
    ...m,
    difference: m.b - m.a,
    interval: kept > 0 ? percentileInterval(diffs.subarray(0, kept), options.level) : null,
  });
  return {
    value,
    examples: n,
    accuracy: metric(accuracy, accuracyDiffs),
    macroF1: metric(macroF1, f1Diffs),
  };
}

/** Cell draws all segments together may cost (~0.3 s in the worker), and the fewest resamples. */
const CELL_DRAWS = 5e7;
const MIN_RESAMPLES = 200;

/** Every segment column's rows, sorted by the size of the change in accuracy. */
export function segmentBreakdowns(
  parts: readonly SegmentCells[],
  classes: number,
  options: { resamples: number; seed: number; level: number },
): SegmentBreakdown[] {
  const cells = parts.reduce((sum, p) => sum + p.cells.count.length, 0);
  const resamples = Math.min(
    options.resamples,
    Math.max(MIN_RESAMPLES, Math.floor(CELL_DRAWS / Math.max(1, cells))),
  );
  const bySegment = new Map<string, SegmentRow[]>();
  for (const part of parts) {
    const rows = bySegment.get(part.segment) ?? [];
    rows.push(segmentRow(part.cells, classes, part.value, { ...options, resamples }));
    bySegment.set(part.segment, rows);
  }
  return [...bySegment].map(([segment, rows]) => ({
    segment,
    resamples,
    rows: rows.sort(
      (x, y) =>
        Math.abs(y.accuracy.difference) - Math.abs(x.accuracy.difference) ||
        y.examples - x.examples,
    ),
  }));
}
