/** The AP bootstrap's weighted pass, checked where the answer is known without it. */
import { describe, expect, it } from 'vitest';
import { averagePrecisionBootstrap } from '../../../src/lib/stats/average-precision-bootstrap';
import { scoreCurves } from '../../../src/lib/stats/roc';

describe('averagePrecisionBootstrap', () => {
  it('gives [1, 1] to a scorer that ranks every positive first, and brackets a weaker one', () => {
    const positive = Uint8Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    // Perfect: positives score 1 + i, negatives −i; every resample's AP is 1.
    const perfect = Float64Array.from(positive, (p, i) => (p ? 1 + i : -i));
    // Weaker: a tie-heavy score, one threshold per ten examples.
    const weak = Float64Array.from(positive, (p, i) => Math.floor(((i * 37) % 60) / 10) + p * 2);
    const r = averagePrecisionBootstrap(positive, [perfect, weak], {
      resamples: 300,
      seed: 11,
      level: 0.95,
    });
    expect(r.intervals[0]).toEqual({ lo: 1, hi: 1 });
    const ap = scoreCurves(positive, weak).averagePrecision;
    expect(r.intervals[1]?.lo).toBeLessThan(ap);
    expect(r.intervals[1]?.hi).toBeGreaterThan(ap);
    expect(r.intervals[1]?.hi).toBeLessThan(1);
  });
});
