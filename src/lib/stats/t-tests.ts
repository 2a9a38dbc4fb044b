/** Welch's two-sample t-test and the paired t-test, two-sided, as R's `t.test` computes them. */

import type { Interval } from './percentile-interval';
import { mean, variance } from './sample';
import { tQuantile, tUpperTail } from './t-dist';

export interface TTest {
  /** Mean of x minus mean of y (paired: mean of x − y). */
  estimate: number;
  t: number;
  df: number;
  p: number;
  interval: Interval;
}

/**
 * Spread below this share of the values' magnitude is rounding, not variation (a learning rate
 * logged as the same number by every run): no test, rather than a p-value of 1e-36.
 */
export const NO_SPREAD = 1e-12;

function result(
  estimate: number,
  se: number,
  df: number,
  level: number,
  scale: number,
): TTest | null {
  if (!(se > NO_SPREAD * scale) || !Number.isFinite(df)) return null;
  const t = estimate / se;
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return {
    estimate,
    t,
    df,
    p: Math.min(1, 2 * tUpperTail(Math.abs(t), df)),
    interval: { lo: estimate - half, hi: estimate + half },
  };
}

/** `t.test(x, y)`: null below two values a side or when both variances are 0. */
export function welchTTest(x: readonly number[], y: readonly number[], level = 0.95): TTest | null {
  if (x.length < 2 || y.length < 2) return null;
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const se = Math.sqrt(vx + vy);
  const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  return result(mean(x) - mean(y), se, df, level, Math.max(Math.abs(mean(x)), Math.abs(mean(y))));
}

/** `t.test(x, y, paired = TRUE)`: null below two pairs or when every difference is the same. */
export function pairedTTest(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): TTest | null {
  if (x.length !== y.length) throw new RangeError('paired samples must have the same length');
  if (x.length < 2) return null;
  const d = x.map((v, i) => v - y[i]);
  const scale = Math.max(Math.abs(mean(x)), Math.abs(mean(y)));
  return result(mean(d), Math.sqrt(variance(d) / d.length), d.length - 1, level, scale);
}
