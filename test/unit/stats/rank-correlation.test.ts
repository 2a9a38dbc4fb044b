import { describe, expect, it } from 'vitest';
import { spearmanAgainst } from '../../../src/lib/stats/rank-correlation';

// Ties in y (0.71, 0.74, 0.80) and in every x; batch is missing inside a run of tied y values,
// dropout only outside one, so both ways of ranking y without the missing items are exercised.
const y = [0.71, 0.74, 0.74, 0.8, 0.62, 0.74, 0.69, 0.8, 0.77, 0.66, 0.71, 0.83];
const lr = [1e-4, 3e-4, 3e-4, 1e-3, 1e-5, 3e-4, 1e-4, 1e-3, 3e-3, 3e-5, 1e-4, 1e-3];
const batch = [32, 64, NaN, 128, 32, 64, 32, NaN, 128, 64, NaN, 128];
const dropout = [0.1, 0.0, 0.2, 0.2, NaN, 0.3, 0.0, 0.2, 0.1, 0.3, 0.3, NaN];
const warmup = [1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1];
const xs = [lr, batch, dropout, warmup];

const expectEach = (actual: Float64Array, expected: number[]) =>
  expected.forEach((r, k) => expect(Math.abs(actual[k] - r)).toBeLessThan(1e-12));

describe('spearmanAgainst', () => {
  it('matches R’s cor(method = "spearman") with ties and missing values', () => {
    // R 4.2.2, with NA for NaN:
    //   for (x in list(lr, batch, dropout, warmup))
    //     cat(sprintf("%.17g", cor(x, y, method = "spearman", use = "complete.obs")), "\n")
    const r = [0.9459038524177652, 0.84680979843994109, -0.07325435168354287, 0.32166657854850572];
    expectEach(spearmanAgainst(y, xs)(), r);
  });

  it('treats a weight as that many copies of the item, as a bootstrap resample needs', () => {
    // R 4.2.2: w <- c(2, 0, 1, 3, 1, 0, 2, 1, 1, 1, 0, 1)
    //   cor(rep(x, w), rep(y, w), method = "spearman", use = "complete.obs") for each x
    const r = [0.88660263656614036, 0.79484319267046599, 0.38233297135637323, 0.49619766344887323];
    const weights = Int32Array.from([2, 0, 1, 3, 1, 0, 2, 1, 1, 1, 0, 1]);
    const rho = spearmanAgainst(y, xs);
    expectEach(rho(weights), r);
    // The buffers it reuses do not leak one call into the next.
    expectEach(rho(), [0.9459038524177652, 0.84680979843994109]);
  });

  it('gives NaN when a side has a single value or fewer than two items count', () => {
    const rho = spearmanAgainst(
      [1, 2, 3, 4],
      [
        [5, 5, 5, 5],
        [1, NaN, NaN, NaN],
        [4, 3, 2, 1],
      ],
    );
    expect(Array.from(rho())).toEqual([NaN, NaN, -1]);
    expect(rho(Int32Array.from([0, 0, 4, 0]))[2]).toBeNaN();
  });
});
