/**
 * "Is my run improving?": the least-squares slope of a metric over a run's last points, with its
 * t-interval (R's `confint(lm(value ~ step))`), per 1,000 steps, and a plain sentence about it.
 */

import type { Direction } from '../schema/metric-roles';
import { formatStat } from './format';
import { tQuantile } from './t-dist';

const PER = 1000;

export interface Trend {
  points: number;
  fromStep: number;
  toStep: number;
  /** Change per 1,000 steps, and its interval. */
  slope: number;
  lo: number;
  hi: number;
}

/** Null below three points or when every step is the same. */
export function runTrend(
  points: { step: readonly number[]; value: readonly number[] },
  level = 0.95,
): Trend | null {
  const n = points.step.length;
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points.step[i] / n;
    my += points.value[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (points.step[i] - mx) ** 2;
    sxy += (points.step[i] - mx) * (points.value[i] - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (points.value[i] - my - slope * (points.step[i] - mx)) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const half = tQuantile(1 - (1 - level) / 2, n - 2) * se;
  return {
    points: n,
    fromStep: points.step[0],
    toStep: points.step[n - 1],
    slope: slope * PER,
    lo: (slope - half) * PER,
    hi: (slope + half) * PER,
  };
}

/** "still improving: +0.4 per 1k steps, 95 % CI 0.1 to 0.7 (last 10 points, steps 2000–3000)". */
export function describeTrend(trend: Trend, direction: Direction, level = 0.95): string {
  const better = direction === 'max' ? trend.lo > 0 : trend.hi < 0;
  const worse = direction === 'max' ? trend.hi < 0 : trend.lo > 0;
  const verdict = better
    ? 'still improving'
    : worse
      ? 'getting worse'
      : 'flat (the interval includes no change)';
  const sign = trend.slope > 0 ? '+' : '';
  return `${verdict}: ${sign}${formatStat(trend.slope)} per 1k steps, ${Math.round(level * 100)} % CI ${formatStat(trend.lo)} to ${formatStat(trend.hi)} (last ${trend.points} points, steps ${trend.fromStep}–${trend.toStep})`;
}
