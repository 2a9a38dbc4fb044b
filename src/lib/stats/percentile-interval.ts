import { quantileSorted } from 'd3';

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * The percentile bootstrap interval: the (1 − level) / 2 and (1 + level) / 2 quantiles (R's type 7)
 * of the resampled estimates, leaving out resamples that gave no number; null when none did.
 */
export function percentileInterval(estimates: ArrayLike<number>, level = 0.95): Interval | null {
  const finite = Array.from(estimates)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  if (finite.length === 0) return null;
  return {
    lo: quantileSorted(finite, (1 - level) / 2) as number,
    hi: quantileSorted(finite, (1 + level) / 2) as number,
  };
}
