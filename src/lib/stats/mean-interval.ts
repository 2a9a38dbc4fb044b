/** A sample's mean with its 95 % t-interval (none from a single value). */

import { tQuantile } from './t-dist';

export interface MeanInterval {
  mean: number;
  n: number;
  /** Null when n < 2: one run gives no interval. */
  lo: number | null;
  hi: number | null;
}

export function meanInterval(values: readonly number[], level = 0.95): MeanInterval | null {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, n, lo: null, hi: null };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, n, lo: mean - half, hi: mean + half };
}
