import { describe, expect, it } from 'vitest';
import { meanInterval } from '../../../src/lib/stats/mean-interval';

describe('meanInterval', () => {
  it('matches R’s t.test', () => {
    // R 4.2.2: print(t.test(c(0.781, 0.779, 0.786))$conf.int, digits = 10)
    //   [1] 0.7730433141 0.7909566859;  mean(...) = 0.782
    const r = meanInterval([0.781, 0.779, 0.786]);
    expect(r?.mean).toBeCloseTo(0.782, 12);
    expect(r?.lo).toBeCloseTo(0.7730433141, 9);
    expect(r?.hi).toBeCloseTo(0.7909566859, 9);
  });

  it('gives no interval from one value, and nothing from none', () => {
    expect(meanInterval([0.5])).toEqual({ mean: 0.5, n: 1, lo: null, hi: null });
    expect(meanInterval([NaN])).toBeNull();
  });
});
