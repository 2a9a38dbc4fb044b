/**
 * The tests and intervals of the statistics view against R 4.2.2 (Debian r-base-core, r-cran-boot)
 * on fixed data. The R calls, run with `options(digits = 17)`, are written above each expectation.
 */
import { describe, expect, it } from 'vitest';
import {
  bcaDifferenceInterval,
  bcaInterval,
  bootstrapDifference,
  bootstrapMeans,
  probabilityBest,
} from '../../../src/lib/stats/bootstrap';
import { cohensD, hedgesG } from '../../../src/lib/stats/effect-size';
import { holm } from '../../../src/lib/stats/holm';
import { normalCdf } from '../../../src/lib/stats/normal';
import { percentileInterval } from '../../../src/lib/stats/percentile-interval';
import { mannWhitney, wilcoxonSignedRank } from '../../../src/lib/stats/rank-tests';
import { seededRandom } from '../../../src/lib/stats/random';
import { runTrend } from '../../../src/lib/stats/run-trend';
import { pairedTTest, welchTTest } from '../../../src/lib/stats/t-tests';

// x <- c(0.812, 0.797, 0.825, 0.806, 0.819, 0.801); y <- c(0.781, 0.792, 0.776, 0.788, 0.795)
const x = [0.812, 0.797, 0.825, 0.806, 0.819, 0.801];
const y = [0.781, 0.792, 0.776, 0.788, 0.795];
// xp <- c(0.80, 0.83, 0.79, 0.85, 0.81, 0.84, 0.82); yp <- c(0.78, 0.80, 0.79, 0.81, 0.80, 0.815, 0.79)
const xp = [0.8, 0.83, 0.79, 0.85, 0.81, 0.84, 0.82];
const yp = [0.78, 0.8, 0.79, 0.81, 0.8, 0.815, 0.79];

const close = (actual: number, expected: number, relative = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + 1e-15);

describe('t-tests against R', () => {
  it("Welch's: t.test(x, y)", () => {
    // t 4.2075825356919676, df 8.8920757307180658, p 0.0023429254832425198,
    // conf.int 0.010888224359689206 0.03631177564031092
    const t = welchTTest(x, y);
    close(t?.t as number, 4.2075825356919676);
    close(t?.df as number, 8.8920757307180658);
    close(t?.p as number, 0.0023429254832425198, 1e-7);
    close(t?.interval.lo as number, 0.010888224359689206, 1e-8);
    close(t?.interval.hi as number, 0.03631177564031092, 1e-8);
  });

  it('paired: t.test(xp, yp, paired = TRUE)', () => {
    // t 4.340868260486836, df 6, p 0.0048707010835990078, conf.int 0.0096611101029249399 0.034624604182789287
    const t = pairedTTest(xp, yp);
    close(t?.t as number, 4.340868260486836);
    expect(t?.df).toBe(6);
    close(t?.p as number, 0.0048707010835990078, 1e-7);
    close(t?.interval.lo as number, 0.0096611101029249399, 1e-8);
    close(t?.interval.hi as number, 0.034624604182789287, 1e-8);
  });

  it('gives no test with one value a side or no variance', () => {
    expect(welchTTest([0.8], y)).toBeNull();
    expect(welchTTest([1, 1, 1], [1, 1])).toBeNull();
    expect(pairedTTest([1, 2, 3], [0, 1, 2])).toBeNull();
  });
});

describe('rank tests against R', () => {
  it('Mann–Whitney, exact without ties: wilcox.test(x, y)', () => {
    // W = 30, p-value = 0.004329004329004329
    expect(mannWhitney(x, y)).toEqual({ statistic: 30, p: expect.any(Number), method: 'exact' });
    close(mannWhitney(x, y)?.p as number, 0.004329004329004329, 1e-12);
  });

  it('Mann–Whitney, normal approximation with ties', () => {
    // wilcox.test(c(1, 2, 2, 3, 4, 4, 4, 6), c(2, 3, 3, 5, 5, 7, 8)): W = 17, p = 0.21888680104470828
    const r = mannWhitney([1, 2, 2, 3, 4, 4, 4, 6], [2, 3, 3, 5, 5, 7, 8]);
    expect(r).toMatchObject({ statistic: 17, method: 'normal approximation' });
    close(r?.p as number, 0.21888680104470828, 1e-9);
  });

  it('Mann–Whitney, normal approximation past 50 values', () => {
    // xb <- seq(0.5, 30, by = 0.5) + sin(1:60); yb <- seq(1, 60, by = 1)/2 + cos(1:60) + 1
    // wilcox.test(xb, yb): W = 1669, p = 0.49337713588883614
    const xb = Array.from({ length: 60 }, (_, i) => 0.5 * (i + 1) + Math.sin(i + 1));
    const yb = Array.from({ length: 60 }, (_, i) => (i + 1) / 2 + Math.cos(i + 1) + 1);
    const r = mannWhitney(xb, yb);
    expect(r).toMatchObject({ statistic: 1669, method: 'normal approximation' });
    close(r?.p as number, 0.49337713588883614, 1e-9);
  });

  it('Wilcoxon signed-rank, exact', () => {
    // wilcox.test(c(12,34,22,51,44,63,70), c(10,30,25,40,43,50,75), paired = TRUE): V = 20, p = 0.37500000000000006
    const r = wilcoxonSignedRank([12, 34, 22, 51, 44, 63, 70], [10, 30, 25, 40, 43, 50, 75]);
    expect(r).toMatchObject({ statistic: 20, method: 'exact' });
    close(r?.p as number, 0.375, 1e-12);
  });

  it('Wilcoxon signed-rank with ties (normal approximation)', () => {
    // wilcox.test(xp, yp, paired = TRUE): V = 21, p = 0.035522336623414599
    const r = wilcoxonSignedRank(xp, yp);
    expect(r).toMatchObject({ statistic: 21, method: 'normal approximation' });
    close(r?.p as number, 0.035522336623414599, 1e-9);
  });

  it('Wilcoxon signed-rank drops zero differences as R does', () => {
    // wilcox.test(1:7, c(1, 3, 2, 6, 4, 9, 7), paired = TRUE): V = 4, p = 0.40984672936846334
    const r = wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7], [1, 3, 2, 6, 4, 9, 7]);
    expect(r).toMatchObject({ statistic: 4, method: 'normal approximation' });
    close(r?.p as number, 0.40984672936846334, 1e-9);
  });
});

describe('Holm, effect sizes, the normal CDF and the trend against R', () => {
  it('p.adjust(c(0.01, 0.04, 0.03, 0.04, 0.2, 0.5), "holm")', () => {
    // 0.06 0.16 0.15 0.16 0.40 0.50
    const adjusted = holm([0.01, 0.04, 0.03, 0.04, 0.2, 0.5]);
    [0.06, 0.16, 0.15, 0.16, 0.4, 0.5].forEach((v, i) => close(adjusted[i], v, 1e-12));
    expect(holm([0.3, 0.6])).toEqual([0.6, 0.6]);
  });

  it("Cohen's d and Hedges' g (exact J)", () => {
    // sp <- sqrt((5*var(x)+4*var(y))/9); d <- (mean(y)-mean(x))/sp; J <- gamma(9/2)/(sqrt(9/2)*gamma(4))
    // d -2.4706361253938991, g -2.2578523217531203
    close(cohensD(x, y) as number, -2.4706361253938991);
    close(hedgesG(x, y) as number, -2.2578523217531203, 1e-9);
  });

  it('pnorm', () => {
    // pnorm(c(-8, -3, -1.5, -0.2, 0, 0.7, 2.5, 6))
    const r = [
      6.2209605742717849e-16, 0.0013498980316300946, 0.066807201268858071, 0.42074029056089696, 0.5,
      0.75803634777692697, 0.99379033467422384, 0.9999999990134123,
    ];
    [-8, -3, -1.5, -0.2, 0, 0.7, 2.5, 6].forEach((z, i) => close(normalCdf(z), r[i], 1e-12));
  });

  it('the slope per 1k steps: confint(lm(v ~ st)) * 1000', () => {
    // st <- seq(100, 1000, 100); v <- c(0.50, 0.52, 0.55, 0.54, 0.58, 0.60, 0.59, 0.63, 0.64, 0.66)
    // slope 0.17272727272727292, interval 0.14615490289119143 0.19929964256335445
    const step = Array.from({ length: 10 }, (_, i) => 100 * (i + 1));
    const value = [0.5, 0.52, 0.55, 0.54, 0.58, 0.6, 0.59, 0.63, 0.64, 0.66];
    const t = runTrend({ step, value });
    close(t?.slope as number, 0.17272727272727292);
    close(t?.lo as number, 0.14615490289119143, 1e-9);
    close(t?.hi as number, 0.19929964256335445, 1e-9);
  });
});

describe('the bootstrap against boot::boot.ci and against itself', () => {
  const options = { resamples: 20_000, seed: 7 };

  it('the mean of x: boot(x, mean, R = 20000); boot.ci(type = c("perc", "bca"))', () => {
    // set.seed(1): percent 0.80233 0.81783, bca 0.80233 0.81783. R uses another generator, so the
    // bounds agree to within the resampling error (~0.0005 here, a tenth of the interval's width).
    const means = bootstrapMeans(x, options);
    const perc = percentileInterval(means);
    const bca = bcaInterval(x, means);
    for (const [ours, r] of [
      [perc?.lo, 0.80233333333333334],
      [perc?.hi, 0.8178333333333333],
      [bca?.lo, 0.80233333333333334],
      [bca?.hi, 0.8178333333333333],
    ])
      expect(Math.abs((ours as number) - (r as number))).toBeLessThan(0.0008);
  });

  it('the difference of means with strata: boot(..., strata = g)', () => {
    // mean(y) − mean(x): percent −0.0335333 −0.0139333, bca −0.0340000 −0.0143333
    const { differences } = bootstrapDifference(x, y, options);
    const perc = percentileInterval(differences);
    const bca = bcaDifferenceInterval(x, y, differences);
    for (const [ours, r] of [
      [perc?.lo, -0.033533333333333304],
      [perc?.hi, -0.013933333333333353],
      [bca?.lo, -0.033999999999999919],
      [bca?.hi, -0.014333333333333309],
    ])
      expect(Math.abs((ours as number) - (r as number))).toBeLessThan(0.0008);
  });

  it('gives the same numbers for the same seed and others for another', () => {
    const a = bootstrapDifference(x, y, { resamples: 1000, seed: 3 }).differences;
    const b = bootstrapDifference(x, y, { resamples: 1000, seed: 3 }).differences;
    const c = bootstrapDifference(x, y, { resamples: 1000, seed: 4 }).differences;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('draws from the documented generator: resample r takes indices ⌊u·n⌋ of mulberry32(seed)', () => {
    const random = seededRandom(7);
    const draw = (values: number[]) =>
      values.reduce((sum) => sum + values[Math.floor(random() * values.length)], 0) / values.length;
    const expected = Array.from({ length: 200 }, () => {
      const ma = draw(x);
      return draw(y) - ma;
    });
    expect(Array.from(bootstrapDifference(x, y, { resamples: 200, seed: 7 }).differences)).toEqual(
      expected,
    );
    const again = seededRandom(7);
    const means = Array.from(
      { length: 200 },
      () => x.reduce((sum) => sum + x[Math.floor(again() * x.length)], 0) / x.length,
    );
    expect(Array.from(bootstrapMeans(x, { resamples: 200, seed: 7 }))).toEqual(means);
  });

  it('says which group is best how often, ties shared', () => {
    const best = probabilityBest(
      [
        bootstrapMeans(x, { resamples: 5000, seed: 1 }),
        bootstrapMeans(y, { resamples: 5000, seed: 2 }),
      ],
      'max',
    );
    expect(best[0]).toBeGreaterThan(0.99);
    close(best[0] + best[1], 1, 1e-12);
    expect(probabilityBest([Float64Array.of(1, 2), Float64Array.of(1, 3)], 'max')).toEqual([
      0.25, 0.75,
    ]);
  });

  it('resamples two groups of 50, 10,000 times, with both intervals, quickly (printed, not asserted)', () => {
    const a = Array.from({ length: 50 }, (_, i) => Math.sin(i) + 1);
    const b = Array.from({ length: 50 }, (_, i) => Math.cos(i) + 1.2);
    const started = performance.now();
    const { differences } = bootstrapDifference(a, b, { resamples: 10_000, seed: 1 });
    percentileInterval(differences);
    bcaDifferenceInterval(a, b, differences);
    console.log(
      `bootstrap 2 × 50, 10,000 resamples: ${(performance.now() - started).toFixed(1)} ms`,
    );
    expect(differences.length).toBe(10_000);
  });
});
