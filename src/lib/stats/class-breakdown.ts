/**
 * Where two runs differ, class by class: each class's precision, recall and F1 for both runs on the
 * same examples, the difference with a paired bootstrap interval, and both confusion matrices.
 *
 * The bootstrap is Poisson's (Hanley & MacGibbon, "Creating non-parametric bootstrap samples using
 * Poisson frequencies", Computer Methods and Programs in Biomedicine 83, 2006): each example is
 * weighted by a Poisson(1) draw instead of drawing n examples with replacement. Examples that agree
 * on (label, A's prediction, B's prediction) share a cell, and a cell of c examples gets one
 * Poisson(c) draw, so a resample costs the number of cells, not of examples: a million examples
 * of ten classes are a few hundred cells.
 */

import type { PairedMetric, PairedPredictions } from './paired-bootstrap';
import { percentileInterval, type Interval } from './percentile-interval';
import { poisson } from './poisson';
import { seededRandom } from './random';

export interface ClassMetrics {
  /** NaN where the run never predicted the class (no denominator). */
  precision: number;
  /** NaN where the class never is the label. */
  recall: number;
  /** NaN where the class is neither a label nor a prediction. */
  f1: number;
}

export interface ClassDifference {
  /** b − a. */
  difference: number;
  interval: Interval | null;
}

export interface ClassRow {
  /** The class's code (index into the caller's class names). */
  cls: number;
  /** Examples whose label is the class. */
  support: number;
  a: ClassMetrics;
  b: ClassMetrics;
  precision: ClassDifference;
  recall: ClassDifference;
  f1: ClassDifference;
}

export interface ClassBreakdown {
  /** Sorted by how much F1 changed, largest first (NaN last). */
  rows: ClassRow[];
  /** Row = label, column = prediction, the last column "no prediction"; k × (k + 1), row-major. */
  confusionA: Float64Array;
  confusionB: Float64Array;
  resamples: number;
  /** Accuracy and macro F1 from the same resamples (as `pairedBootstrap` defines them). */
  overall: { accuracy: PairedMetric; macroF1: PairedMetric };
  /** Time it took, cells to intervals. */
  elapsedMs: number;
}

/** Distinct (label, A, B) triples with how many examples each has. */
export interface Cells {
  label: Int32Array;
  a: Int32Array;
  b: Int32Array;
  count: Float64Array;
}

/** The distinct (label, A, B) triples and how many examples each has. */
function cellsOf(data: PairedPredictions): Cells {
  const k = data.classes + 1;
  const counts = new Map<number, number>();
  for (let i = 0; i < data.label.length; i++) {
    const key = (data.label[i] * k + (data.a[i] + 1)) * k + (data.b[i] + 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const n = counts.size;
  const cells: Cells = {
    label: new Int32Array(n),
    a: new Int32Array(n),
    b: new Int32Array(n),
    count: new Float64Array(n),
  };
  let c = 0;
  for (const [key, count] of counts) {
    cells.b[c] = (key % k) - 1;
    cells.a[c] = (Math.floor(key / k) % k) - 1;
    cells.label[c] = Math.floor(key / (k * k));
    cells.count[c] = count;
    c++;
  }
  return cells;
}

/** tp, fp, fn per class of one run, from the cells weighted by `weight`. */
export class Counts {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;

  constructor(classes: number) {
    this.tp = new Float64Array(classes);
    this.fp = new Float64Array(classes);
    this.fn = new Float64Array(classes);
  }

  fill(label: Int32Array, predicted: Int32Array, weight: Float64Array): void {
    this.tp.fill(0);
    this.fp.fill(0);
    this.fn.fill(0);
    for (let c = 0; c < weight.length; c++) {
      const w = weight[c];
      if (w === 0) continue;
      if (label[c] === predicted[c]) this.tp[label[c]] += w;
      else {
        this.fn[label[c]] += w;
        if (predicted[c] >= 0) this.fp[predicted[c]] += w;
      }
    }
  }

  correct(): number {
    let sum = 0;
    for (let k = 0; k < this.tp.length; k++) sum += this.tp[k];
    return sum;
  }

  /** The mean F1 of the classes that appear as a label or a prediction. */
  macroF1(): number {
    let sum = 0;
    let classes = 0;
    for (let k = 0; k < this.tp.length; k++) {
      const denominator = 2 * this.tp[k] + this.fp[k] + this.fn[k];
      if (denominator === 0) continue;
      sum += (2 * this.tp[k]) / denominator;
      classes++;
    }
    return classes === 0 ? NaN : sum / classes;
  }

  metrics(k: number): ClassMetrics {
    const tp = this.tp[k];
    const fp = this.fp[k];
    const fn = this.fn[k];
    return {
      precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
      recall: tp + fn > 0 ? tp / (tp + fn) : NaN,
      f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : NaN,
    };
  }
}

function confusion(cells: Cells, predicted: Int32Array, classes: number): Float64Array {
  const out = new Float64Array(classes * (classes + 1));
  for (let c = 0; c < cells.count.length; c++) {
    const column = predicted[c] < 0 ? classes : predicted[c];
    out[cells.label[c] * (classes + 1) + column] += cells.count[c];
  }
  return out;
}

export function classBreakdown(
  data: PairedPredictions,
  options: { resamples: number; seed: number; level: number },
): ClassBreakdown {
  const started = performance.now();
  const classes = data.classes;
  const cells = cellsOf(data);
  const ca = new Counts(classes);
  const cb = new Counts(classes);
  ca.fill(cells.label, cells.a, cells.count);
  cb.fill(cells.label, cells.b, cells.count);
  const pointA = Array.from({ length: classes }, (_, k) => ca.metrics(k));
  const pointB = Array.from({ length: classes }, (_, k) => cb.metrics(k));
  const n = data.label.length;
  const point = {
    accuracy: { a: ca.correct() / n, b: cb.correct() / n },
    macroF1: { a: ca.macroF1(), b: cb.macroF1() },
  };

  const R = cells.count.length > 0 ? options.resamples : 0;
  // Per class and resample, the three differences: [metric][class * R + r].
  const diffs = [0, 1, 2].map(() => new Float64Array(classes * R));
  const accuracyDiffs = new Float64Array(R);
  const f1Diffs = new Float64Array(R);
  const weight = new Float64Array(cells.count.length);
  const random = seededRandom(options.seed);
  for (let r = 0; r < R; r++) {
    let total = 0;
    for (let c = 0; c < weight.length; c++) total += weight[c] = poisson(random, cells.count[c]);
    ca.fill(cells.label, cells.a, weight);
    cb.fill(cells.label, cells.b, weight);
    accuracyDiffs[r] = total > 0 ? (cb.correct() - ca.correct()) / total : NaN;
    f1Diffs[r] = cb.macroF1() - ca.macroF1();
    for (let k = 0; k < classes; k++) {
      const ma = ca.metrics(k);
      const mb = cb.metrics(k);
      diffs[0][k * R + r] = mb.precision - ma.precision;
      diffs[1][k * R + r] = mb.recall - ma.recall;
      diffs[2][k * R + r] = mb.f1 - ma.f1;
    }
  }
  const difference = (metric: 0 | 1 | 2, k: number, a: number, b: number): ClassDifference => {
    const own = diffs[metric].subarray(k * R, (k + 1) * R).filter((d) => !Number.isNaN(d));
    return {
      difference: b - a,
      interval:
        R > 0 && own.length >= R / 2 && !Number.isNaN(b - a)
          ? percentileInterval(own, options.level)
          : null,
    };
  };
  const support = new Float64Array(classes);
  for (let c = 0; c < cells.count.length; c++) support[cells.label[c]] += cells.count[c];
  const rows: ClassRow[] = pointA.map((a, k) => {
    const b = pointB[k];
    return {
      cls: k,
      support: support[k],
      a,
      b,
      precision: difference(0, k, a.precision, b.precision),
      recall: difference(1, k, a.recall, b.recall),
      f1: difference(2, k, a.f1, b.f1),
    };
  });
  const size = (row: ClassRow) => Math.abs(row.f1.difference);
  rows.sort((x, y) => {
    const sx = size(x);
    const sy = size(y);
    if (Number.isNaN(sx)) return Number.isNaN(sy) ? x.cls - y.cls : 1;
    if (Number.isNaN(sy)) return -1;
    return sy - sx || y.support - x.support || x.cls - y.cls;
  });
  return {
    rows,
    confusionA: confusion(cells, cells.a, classes),
    confusionB: confusion(cells, cells.b, classes),
    resamples: R,
    overall: {
      accuracy: overallMetric(point.accuracy, accuracyDiffs, options.level),
      macroF1: overallMetric(point.macroF1, f1Diffs, options.level),
    },
    elapsedMs: performance.now() - started,
  };
}

function overallMetric(
  m: { a: number; b: number },
  diffs: Float64Array,
  level: number,
): PairedMetric {
  return {
    ...m,
    difference: m.b - m.a,
    interval: diffs.length > 0 ? percentileInterval(diffs, level) : null,
  };
}
