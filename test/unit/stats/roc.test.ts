/**
 * ROC and PR curves against scikit-learn's documented examples (sklearn/metrics/_ranking.py
 * docstrings): y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] give roc_curve fpr
 * [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1],
 * roc_auc_score 0.75 and average_precision_score 0.8333…; DeLong's variance against its
 * definition (the placement values summed pair by pair).
 */

import { describe, expect, it } from 'vitest';
import { delongPaired, scoreCurves } from '../../../src/lib/stats/roc';
import { seededRandom } from '../../../src/lib/stats/random';

describe('ROC and precision–recall curves', () => {
  it('give scikit-learn’s worked example', () => {
    const c = scoreCurves(Uint8Array.from([0, 0, 1, 1]), Float64Array.from([0.1, 0.4, 0.35, 0.8]));
    expect([...c.fpr]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect([...c.tpr]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...c.thresholds]).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(c.auc).toBe(0.75);
    expect(c.averagePrecision).toBeCloseTo(0.8333333333, 9);
    expect([...c.precision]).toEqual([1, 1, 0.5, 2 / 3, 0.5]);
  });

  it('cross tied scores together, as one threshold', () => {
    const c = scoreCurves(Uint8Array.from([1, 0, 1, 0]), Float64Array.from([0.5, 0.5, 0.9, 0.1]));
    expect([...c.thresholds]).toEqual([Infinity, 0.9, 0.5, 0.1]);
    // A tie of a positive and a negative counts half, as the Mann–Whitney statistic does.
    expect(c.auc).toBe(0.875);
  });

  it('has DeLong’s variance, by the midranks the same as by every pair', () => {
    const random = seededRandom(5);
    const n = 60;
    const positive = Uint8Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
    const a = Float64Array.from(positive, (y) => Math.round((y * 0.6 + random()) * 20) / 20);
    const b = Float64Array.from(positive, (y) => Math.round((y * 0.9 + random()) * 20) / 20);
    const r = delongPaired(positive, a, b);

    // The definition: ψ(x, y) = 1, ½, 0 for x > y, x = y, x < y; V10, V01 its row and column means.
    const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
    const pos = [...positive.keys()].filter((i) => positive[i]);
    const neg = [...positive.keys()].filter((i) => !positive[i]);
    const parts = (s: Float64Array) => ({
      v10: pos.map((i) => neg.reduce((t, j) => t + psi(s[i], s[j]), 0) / neg.length),
      v01: neg.map((j) => pos.reduce((t, i) => t + psi(s[i], s[j]), 0) / pos.length),
    });
    const cov = (x: number[], y: number[]) => {
      const mx = x.reduce((t, v) => t + v, 0) / x.length;
      const my = y.reduce((t, v) => t + v, 0) / y.length;
      return x.reduce((t, v, k) => t + (v - mx) * (y[k] - my), 0) / (x.length - 1);
    };
    const pa = parts(a);
    const pb = parts(b);
    const auc = (p: typeof pa) => p.v10.reduce((t, v) => t + v, 0) / p.v10.length;
    const v = (x: typeof pa, y: typeof pa) =>
      cov(x.v10, y.v10) / pos.length + cov(x.v01, y.v01) / neg.length;
    expect(r.a.auc).toBeCloseTo(auc(pa), 12);
    expect(r.b.auc).toBeCloseTo(auc(pb), 12);
    expect(r.a.auc).toBeCloseTo(scoreCurves(positive, a).auc, 12);
    expect(r.a.se).toBeCloseTo(Math.sqrt(v(pa, pa)), 12);
    expect(r.se).toBeCloseTo(Math.sqrt(v(pa, pa) + v(pb, pb) - 2 * v(pa, pb)), 12);
    expect(r.lo).toBeLessThan(r.difference);
    expect(r.hi).toBeGreaterThan(r.difference);
  });

  it('says two identical scorers do not differ', () => {
    const positive = Uint8Array.from([0, 1, 0, 1, 1, 0]);
    const s = Float64Array.from([0.2, 0.7, 0.4, 0.9, 0.3, 0.1]);
    const r = delongPaired(positive, s, s);
    expect(r).toMatchObject({ difference: 0, se: 0, p: 1 });
  });
});
