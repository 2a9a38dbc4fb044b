/**
 * McNemar's test, the exact binomial test and the paired bootstrap of per-example predictions,
 * checked against R 4.2 (the calls are beside each number).
 */
import { describe, expect, it } from 'vitest';
import { binomialTestHalf, mcnemar, mcnemarChiSquared } from '../../../src/lib/stats/mcnemar';
import { pairedBootstrap } from '../../../src/lib/stats/paired-bootstrap';

describe('McNemar with continuity correction, as mcnemar.test(matrix(c(10, c, b, 20), 2))', () => {
  const cases: [number, number, number, number][] = [
    [30, 12, 6.88095238095238, 0.00871191296237958],
    [40, 40, 0, 1],
    [100, 73, 3.90751445086705, 0.0480706429215065],
    [3, 1, 0.25, 0.617075077451974],
  ];
  for (const [b, c, statistic, p] of cases)
    it(`b = ${b}, c = ${c}`, () => {
      const r = mcnemarChiSquared(b, c);
      expect(r.statistic).toBeCloseTo(statistic, 12);
      expect(r.p).toBeCloseTo(p, 12);
    });
});

describe('the exact binomial test, as binom.test(k, n)$p.value', () => {
  const cases: [number, number, number][] = [
    [2, 9, 0.1796875],
    [0, 5, 0.0625],
    [7, 20, 0.263175964355469],
    [12, 24, 1],
    [3, 30, 8.43033194541932e-6],
    [1, 1, 1],
  ];
  for (const [k, n, p] of cases)
    it(`${k} of ${n}`, () => {
      expect(binomialTestHalf(k, n) / p).toBeCloseTo(1, 10);
      expect(binomialTestHalf(n - k, n)).toBeCloseTo(binomialTestHalf(k, n), 15);
    });
});

describe('mcnemar picks the test by the number of discordant pairs', () => {
  it('exact below 25 discordant pairs, the χ² approximation from there', () => {
    expect(mcnemar(2, 7)).toMatchObject({ method: 'exact binomial', statistic: 2 });
    expect(mcnemar(2, 7).p).toBeCloseTo(0.1796875, 12);
    expect(mcnemar(30, 12)).toMatchObject({ method: 'χ² with continuity correction' });
    expect(mcnemar(30, 12).p).toBeCloseTo(0.00871191296237958, 12);
  });
});

/**
 * 300 examples of 3 classes, as in R:
 *   i <- 0:299; label <- i %% 3
 *   a <- ifelse(i %% 5 == 0, (label + 1) %% 3, label)
 *   b <- ifelse(i %% 7 == 0, (label + 2) %% 3, label); b[i %% 11 == 0] <- label[i %% 11 == 0]
 */
function example() {
  const n = 300;
  const label = new Int32Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    label[i] = i % 3;
    a[i] = i % 5 === 0 ? (label[i] + 1) % 3 : label[i];
    b[i] = i % 7 === 0 && i % 11 !== 0 ? (label[i] + 2) % 3 : label[i];
  }
  return { label, a, b, classes: 3 };
}

describe('paired bootstrap of per-example predictions', () => {
  it('matches boot::boot.ci(type = "perc") on the accuracy difference within resampling error', () => {
    // f <- function(d, idx) { x <- d[idx,]; mean(x$b == x$label) - mean(x$a == x$label) }
    // set.seed(1); boot.ci(boot(data.frame(label, a, b), f, R = 20000), type = "perc")
    //   → 0.01, 0.13; accuracies 0.8 and 0.87; discordant pairs 31 (a only) and 52 (b only).
    const r = pairedBootstrap(example(), { resamples: 20_000, seed: 7, level: 0.95 });
    expect(r.accuracy.a).toBeCloseTo(0.8, 15);
    expect(r.accuracy.b).toBeCloseTo(0.87, 15);
    expect(r.accuracy.difference).toBeCloseTo(0.07, 15);
    expect(r.accuracy.interval?.lo).toBeCloseTo(0.01, 2);
    expect(r.accuracy.interval?.hi).toBeCloseTo(0.13, 2);
  });

  it('computes macro F1 as the mean of the classes’ F1, by hand on a small set', () => {
    // labels 0 0 1 1 2; a predicts 0 1 1 1 2: class 0 F1 = 2/3, class 1 = 4/5, class 2 = 1.
    const data = {
      label: Int32Array.from([0, 0, 1, 1, 2]),
      a: Int32Array.from([0, 1, 1, 1, 2]),
      b: Int32Array.from([0, 0, 1, 1, 2]),
      classes: 3,
    };
    const r = pairedBootstrap(data, { resamples: 10, seed: 1, level: 0.95 });
    expect(r.macroF1.a).toBeCloseTo((2 / 3 + 4 / 5 + 1) / 3, 15);
    expect(r.macroF1.b).toBe(1);
  });

  it('gives the same numbers for the same seed, and others for another', () => {
    const options = { resamples: 2000, seed: 99, level: 0.95 };
    const first = pairedBootstrap(example(), options);
    expect(pairedBootstrap(example(), options)).toEqual(first);
    const other = pairedBootstrap(example(), { ...options, seed: 100 });
    expect(other.macroF1.interval).not.toEqual(first.macroF1.interval);
  });
});
