/** Standardized differences of two groups' means. */

import { logGamma } from './incomplete-beta';
import { mean, variance } from './sample';
import { NO_SPREAD } from './t-tests';

/** Cohen's d: (mean(b) − mean(a)) over the pooled standard deviation; null when it is 0 or a side has one value. */
export function cohensD(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const df = a.length + b.length - 2;
  const pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / df);
  const scale = Math.max(Math.abs(mean(a)), Math.abs(mean(b)));
  return pooled > NO_SPREAD * scale ? (mean(b) - mean(a)) / pooled : null;
}

/** Hedges' g: d times the exact small-sample correction J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2)). */
export function hedgesG(a: readonly number[], b: readonly number[]): number | null {
  const d = cohensD(a, b);
  if (d === null) return null;
  const df = a.length + b.length - 2;
  const j =
    df > 1 ? Math.exp(logGamma(df / 2) - 0.5 * Math.log(df / 2) - logGamma((df - 1) / 2)) : NaN;
  return Number.isFinite(j) ? d * j : null;
}
