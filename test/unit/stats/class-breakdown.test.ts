/**
 * Per-class metrics and confusion matrices against worked examples, and the Poisson bootstrap
 * behind their intervals. The first example is scikit-learn's `classification_report` docstring
 * (sklearn/metrics/_classification.py): y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1] gives
 * precision 0.50 0.00 1.00, recall 1.00 0.00 0.67, f1 0.67 0.00 0.80, support 1 1 3.
 */

import { describe, expect, it } from 'vitest';
import { classBreakdown } from '../../../src/lib/stats/class-breakdown';
import { poisson } from '../../../src/lib/stats/poisson';
import { seededRandom } from '../../../src/lib/stats/random';

const data = (label: number[], a: number[], b: number[], classes: number) => ({
  label: Int32Array.from(label),
  a: Int32Array.from(a),
  b: Int32Array.from(b),
  classes,
});
const options = { resamples: 2000, seed: 7, level: 0.95 };

describe('per-class breakdown', () => {
  it('gives scikit-learn’s worked example, and the confusion matrices it comes from', () => {
    const y = [0, 1, 2, 2, 2];
    const r = classBreakdown(data(y, [0, 0, 2, 2, 1], y, 3), options);
    const byClass = [...r.rows].sort((p, q) => p.cls - q.cls);
    expect(byClass.map((c) => c.support)).toEqual([1, 1, 3]);
    expect(byClass.map((c) => c.a.precision)).toEqual([0.5, 0, 1]);
    expect(byClass.map((c) => c.a.recall)).toEqual([1, 0, 2 / 3]);
    expect(byClass.map((c) => c.a.f1)).toEqual([2 / 3, 0, 0.8]);
    // B is perfect: every difference is B's 1 minus A's.
    expect(byClass.map((c) => c.f1.difference)).toEqual([1 - 2 / 3, 1 - 0, 1 - 0.8]);
    // Rows: label; columns: prediction, then "no prediction".
    expect([...r.confusionA]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 0]);
    expect([...r.confusionB]).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0]);
    // Sorted by the size of the change in F1.
    expect(r.rows.map((c) => c.cls)).toEqual([1, 0, 2]);
  });

  it('counts a missing prediction as a miss of its class, in a column of its own', () => {
    const r = classBreakdown(data([0, 0, 1], [-1, 0, 1], [0, 0, 1], 2), options);
    expect([...r.confusionA]).toEqual([1, 0, 1, 0, 1, 0]);
    const c0 = r.rows.find((c) => c.cls === 0);
    expect(c0?.a).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
  });

  it('leaves undefined what has no denominator, and gives it no interval', () => {
    // Class 2 is never a label and never predicted by A; B predicts it once, wrongly.
    const r = classBreakdown(data([0, 1, 1], [0, 1, 1], [0, 1, 2], 3), options);
    const c2 = r.rows.find((c) => c.cls === 2);
    expect(c2?.support).toBe(0);
    expect(c2?.a.precision).toBeNaN();
    expect(c2?.a.recall).toBeNaN();
    expect(c2?.b.precision).toBe(0);
    expect(c2?.f1.interval).toBeNull();
    expect(r.rows.at(-1)?.cls).toBe(2);
  });

  it('gives the same intervals for the same seed, and an interval of nothing for identical runs', () => {
    const n = 400;
    const rand = seededRandom(3);
    const label = Array.from({ length: n }, () => Math.floor(rand() * 4));
    const a = label.map((l) => (rand() < 0.7 ? l : Math.floor(rand() * 4)));
    const b = label.map((l) => (rand() < 0.8 ? l : Math.floor(rand() * 4)));
    const one = classBreakdown(data(label, a, b, 4), options);
    const two = classBreakdown(data(label, a, b, 4), options);
    expect({ ...two, elapsedMs: 0 }).toEqual({ ...one, elapsedMs: 0 });
    for (const row of one.rows) {
      expect(row.f1.interval?.lo).toBeLessThan(row.f1.difference);
      expect(row.f1.interval?.hi).toBeGreaterThan(row.f1.difference);
    }
    const same = classBreakdown(data(label, a, a, 4), options);
    for (const row of same.rows) expect(row.f1.interval).toEqual({ lo: 0, hi: 0 });
  });

  it('costs a resample per cell, not per example: a million examples in well under a second', () => {
    const n = 1_000_000;
    const rand = seededRandom(11);
    const label = new Int32Array(n);
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      label[i] = Math.floor(rand() * 10);
      a[i] = rand() < 0.9 ? label[i] : Math.floor(rand() * 10);
      b[i] = rand() < 0.92 ? label[i] : Math.floor(rand() * 10);
    }
    const r = classBreakdown({ label, a, b, classes: 10 }, { ...options, resamples: 1000 });
    expect(r.resamples).toBe(1000);
    expect(r.rows.reduce((s, c) => s + c.support, 0)).toBe(n);
    // B is right more often on every class: each interval lies above zero.
    for (const row of r.rows) expect(row.recall.interval?.lo).toBeGreaterThan(0);
  });
});

describe('Poisson variates', () => {
  // Mean and variance of 20,000 draws within 4 standard errors of the mean's; the pmf at the mode
  // within 4 standard errors of the exact one, for a mean in each branch of the sampler.
  for (const mean of [0.5, 3, 10, 57.5, 4000]) {
    it(`has the mean, variance and mode probability of Poisson(${mean})`, () => {
      const random = seededRandom(Math.round(mean * 100));
      const n = 20_000;
      const draws = Array.from({ length: n }, () => poisson(random, mean));
      const m = draws.reduce((s, x) => s + x, 0) / n;
      const v = draws.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(v - mean)).toBeLessThan(4 * mean * Math.sqrt(2 / n) + 0.05);
      const mode = Math.floor(mean);
      let logP = -mean + mode * Math.log(mean);
      for (let i = 2; i <= mode; i++) logP -= Math.log(i);
      const p = Math.exp(logP);
      const seen = draws.filter((x) => x === mode).length / n;
      expect(Math.abs(seen - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
      expect(draws.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    });
  }
});
