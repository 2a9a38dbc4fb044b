import { sortedPresent } from './sorted-values';

export interface Interval {
  lo: number;
  hi: number;
}

/** R's type-7 quantile of ascending values (p clamped to [0, 1]). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/**
 * The percentile bootstrap interval: the (1 − level) / 2 and (1 + level) / 2 quantiles (R's type 7)
 * of the resampled estimates, leaving out resamples that gave no number; null when none did.
 */
export function percentileInterval(estimates: ArrayLike<number>, level = 0.95): Interval | null {
  const finite = sortedPresent(estimates);
  if (finite.length === 0) return null;
  return {
    lo: quantileOfSorted(finite, (1 - level) / 2),
    hi: quantileOfSorted(finite, (1 + level) / 2),
  };
}
