/**
 * The bootstrap of means, seeded: resamples of one group's mean, of the difference of two groups'
 * means (each group resampled within itself, as `boot(..., strata = group)` does), percentile and
 * BCa intervals, and how often each group comes out best. Typed arrays, nothing allocated per resample.
 */

import { normalCdf, normalQuantile } from './normal';
import { percentileInterval, quantileOfSorted, type Interval } from './percentile-interval';
import { mean } from './sample';

export interface BootstrapOptions {
  resamples: number;
  seed: number;
}

/**
 * The mean of one resample, drawing with `seededRandom`'s mulberry32 inlined (a closure call per
 * draw was most of the time): `state[0]` is the generator's state, carried from call to call.
 */
function resampleMean(values: Float64Array, state: Uint32Array): number {
  const n = values.length;
  let a = state[0];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    sum += values[((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0];
  }
  state[0] = a;
  return sum / n;
}

/** Means of `resamples` resamples (with replacement, the same size) of the values. */
export function bootstrapMeans(values: readonly number[], options: BootstrapOptions): Float64Array {
  const data = Float64Array.from(values);
  const state = Uint32Array.of(options.seed);
  const out = new Float64Array(options.resamples);
  for (let r = 0; r < out.length; r++) out[r] = resampleMean(data, state);
  return out;
}

/** mean(b*) − mean(a*) per resample, each group resampled within itself. */
export function bootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions,
): { differences: Float64Array } {
  const da = Float64Array.from(a);
  const db = Float64Array.from(b);
  const state = Uint32Array.of(options.seed);
  const differences = new Float64Array(options.resamples);
  for (let r = 0; r < differences.length; r++) {
    const ma = resampleMean(da, state);
    differences[r] = resampleMean(db, state) - ma;
  }
  return { differences };
}

/**
 * The BCa interval (Efron 1987) from the resampled estimates, the estimate itself and the
 * jackknife influence values of the estimate: bias correction z0 from the share of resamples
 * below the estimate, acceleration a = Σu³ / (6 (Σu²)^{3/2}).
 */
function bca(
  estimates: Float64Array,
  estimate: number,
  influence: readonly number[],
  level: number,
): Interval | null {
  let below = 0;
  for (const e of estimates) if (e < estimate) below++;
  const z0 = normalQuantile(below / estimates.length);
  if (!Number.isFinite(z0)) return null;
  let s2 = 0;
  let s3 = 0;
  for (const u of influence) {
    s2 += u * u;
    s3 += u * u * u;
  }
  const a = s2 > 0 ? s3 / (6 * s2 ** 1.5) : 0;
  const adjusted = (alpha: number) => {
    const z = z0 + normalQuantile(alpha);
    return normalCdf(z0 + z / (1 - a * z));
  };
  const lo = adjusted((1 - level) / 2);
  const hi = adjusted((1 + level) / 2);
  const sorted = Float64Array.from(estimates).sort();
  return { lo: quantileOfSorted(sorted, lo), hi: quantileOfSorted(sorted, hi) };
}

/** Jackknife influence of each value on the mean: (n − 1)(θ̄₍.₎ − θ₍₋ᵢ₎). */
function meanInfluence(values: readonly number[]): number[] {
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  const loo = values.map((v) => (total - v) / (n - 1));
  const centre = mean(loo);
  return loo.map((t) => (n - 1) * (centre - t));
}

/** BCa interval of a group's mean from its bootstrap means; null below two values. */
export function bcaInterval(
  values: readonly number[],
  estimates: Float64Array,
  level = 0.95,
): Interval | null {
  if (values.length < 2) return null;
  return bca(estimates, mean(values), meanInfluence(values), level);
}

/** BCa interval of mean(b) − mean(a), the jackknife taken within each group (strata). */
export function bcaDifferenceInterval(
  a: readonly number[],
  b: readonly number[],
  differences: Float64Array,
  level = 0.95,
): Interval | null {
  if (a.length < 2 || b.length < 2) return null;
  // Leaving out a value of a moves the difference the opposite way to its mean.
  const influence = [...meanInfluence(a).map((u) => -u), ...meanInfluence(b)];
  return bca(differences, mean(b) - mean(a), influence, level);
}

export { percentileInterval };

/** Share of resamples in which each group's mean is the best (ties shared); resample r of every group together. */
export function probabilityBest(
  resampled: readonly Float64Array[],
  direction: 'max' | 'min',
): number[] {
  const wins = new Float64Array(resampled.length);
  const count = Math.min(...resampled.map((r) => r.length));
  for (let r = 0; r < count; r++) {
    let best = direction === 'max' ? -Infinity : Infinity;
    let tied = 0;
    for (const g of resampled) {
      const v = g[r];
      if (direction === 'max' ? v > best : v < best) {
        best = v;
        tied = 1;
      } else if (v === best) tied++;
    }
    for (let k = 0; k < resampled.length; k++) if (resampled[k][r] === best) wins[k] += 1 / tied;
  }
  return Array.from(wins, (w) => w / count);
}
