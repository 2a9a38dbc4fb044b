/**
 * Paired bootstrap over examples: both runs' predictions on the same resampled examples, so the
 * interval of the difference keeps what the runs share (hard examples are hard for both).
 */

import { percentileInterval, type Interval } from './percentile-interval';
import { randomIndex, seededRandom } from './random';

/** Two runs' predictions on the same examples, classes as codes 0..classes−1 (−1: none). */
export interface PairedPredictions {
  label: Int32Array;
  a: Int32Array;
  b: Int32Array;
  classes: number;
}

export interface PairedMetric {
  a: number;
  b: number;
  /** b − a. */
  difference: number;
  interval: Interval | null;
}

export interface PairedBootstrapResult {
  n: number;
  accuracy: PairedMetric;
  /** The unweighted mean of each class's F1 (classes that appear as a label or a prediction). */
  macroF1: PairedMetric;
}

/** Counts over the examples at `index` (every example when null). */
class Tally {
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;
  correct = 0;

  constructor(classes: number) {
    this.tp = new Float64Array(classes);
    this.fp = new Float64Array(classes);
    this.fn = new Float64Array(classes);
  }

  reset(): void {
    this.tp.fill(0);
    this.fp.fill(0);
    this.fn.fill(0);
    this.correct = 0;
  }

  add(label: number, predicted: number): void {
    if (label === predicted) {
      this.correct++;
      this.tp[label]++;
      return;
    }
    this.fn[label]++;
    if (predicted >= 0) this.fp[predicted]++;
  }

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
}

export function pairedBootstrap(
  data: PairedPredictions,
  options: { resamples: number; seed: number; level: number },
): PairedBootstrapResult {
  const n = data.label.length;
  const ta = new Tally(data.classes);
  const tb = new Tally(data.classes);
  const tally = (pick: (i: number) => number) => {
    ta.reset();
    tb.reset();
    for (let i = 0; i < n; i++) {
      const j = pick(i);
      ta.add(data.label[j], data.a[j]);
      tb.add(data.label[j], data.b[j]);
    }
  };
  tally((i) => i);
  const accuracy = { a: ta.correct / n, b: tb.correct / n };
  const f1 = { a: ta.macroF1(), b: tb.macroF1() };
  const accuracyDiffs = new Float64Array(options.resamples);
  const f1Diffs = new Float64Array(options.resamples);
  const random = seededRandom(options.seed);
  for (let r = 0; r < options.resamples; r++) {
    tally(() => randomIndex(random, n));
    accuracyDiffs[r] = (tb.correct - ta.correct) / n;
    f1Diffs[r] = tb.macroF1() - ta.macroF1();
  }
  const metric = (m: { a: number; b: number }, diffs: Float64Array): PairedMetric => ({
    ...m,
    difference: m.b - m.a,
    interval: n > 0 && options.resamples > 0 ? percentileInterval(diffs, options.level) : null,
  });
  return { n, accuracy: metric(accuracy, accuracyDiffs), macroF1: metric(f1, f1Diffs) };
}
