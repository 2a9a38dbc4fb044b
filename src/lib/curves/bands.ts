/** A group of runs as one curve with a band, on a common grid of x. */

import { tQuantile } from '../stats/t-dist';

export type BandKind = 'ci95' | 'sd' | 'se' | 'minmax';

export interface GroupBand {
  x: Float64Array;
  center: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  n: Int32Array;
}

/**
 * A group's curve on a common grid: each run is linearly interpolated at the grid's x only within its own
 * [first x, last x] (never extrapolated; non-finite points skipped), then per grid x the mean (or median) of the runs
 * present and the band: 95 % t-interval of the mean (mean ± t(0.975, n−1)·sd/√n), ±1 sd, ±1 se, or min–max.
 * n is how many runs contribute at each x; where n = 0 center/lo/hi are NaN; where n = 1 the band collapses to the value
 * for sd/se/minmax and is NaN for ci95 (no interval from one run).
 *
 * Runs' x ascending. sd is the sample sd (n − 1). The ci95, sd and se bands are about the mean
 * even when the center is the median (they measure the mean's spread); min–max is the runs' range.
 * At a run's x where it logged several values, the last one counts.
 */
export function groupBand(
  runs: readonly { x: Float64Array; y: Float64Array }[],
  grid: Float64Array,
  center: 'mean' | 'median',
  band: BandKind,
): GroupBand {
  const g = grid.length;
  const r = runs.length;
  // values[k * r + j]: run j at grid x k, NaN where it has none.
  const values = new Float64Array(g * r);
  runs.forEach((run, j) => {
    const { x, y } = finitePoints(run);
    for (let k = 0; k < g; k++) values[k * r + j] = interpolate(x, y, grid[k]);
  });
  const out: GroupBand = {
    x: grid.slice(),
    center: new Float64Array(g).fill(NaN),
    lo: new Float64Array(g).fill(NaN),
    hi: new Float64Array(g).fill(NaN),
    n: new Int32Array(g),
  };
  const present = new Float64Array(r);
  const t975 = new Float64Array(r + 1).fill(NaN);
  for (let k = 0; k < g; k++) {
    let n = 0;
    for (let j = 0; j < r; j++) {
      const v = values[k * r + j];
      if (!Number.isNaN(v)) present[n++] = v;
    }
    out.n[k] = n;
    if (n === 0) continue;
    const sample = present.subarray(0, n);
    const mean = meanOf(sample);
    out.center[k] = center === 'mean' ? mean : medianOf(sample);
    if (band === 'minmax') {
      let min = Infinity;
      let max = -Infinity;
      for (const v of sample) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      out.lo[k] = min;
      out.hi[k] = max;
      continue;
    }
    if (n === 1) {
      if (band !== 'ci95') out.lo[k] = out.hi[k] = mean;
      continue;
    }
    const sd = sdOf(sample, mean);
    let half = band === 'sd' ? sd : sd / Math.sqrt(n);
    if (band === 'ci95') {
      if (Number.isNaN(t975[n])) t975[n] = tQuantile(0.975, n - 1);
      half *= t975[n];
    }
    out.lo[k] = mean - half;
    out.hi[k] = mean + half;
  }
  return out;
}

/** An even grid of `points` x values over [x0, x1], ending exactly at x1 (one point: x0). */
export function evenGrid(x0: number, x1: number, points: number): Float64Array {
  const n = Math.max(0, Math.floor(points));
  const grid = new Float64Array(n);
  if (n === 1) grid[0] = x0;
  else for (let i = 0; i < n; i++) grid[i] = i === n - 1 ? x1 : x0 + ((x1 - x0) * i) / (n - 1);
  return grid;
}

/** A run's finite points only. */
function finitePoints(run: { x: Float64Array; y: Float64Array }) {
  let n = 0;
  for (let i = 0; i < run.y.length; i++) if (Number.isFinite(run.y[i])) n++;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  n = 0;
  for (let i = 0; i < run.y.length; i++)
    if (Number.isFinite(run.y[i])) {
      x[n] = run.x[i];
      y[n++] = run.y[i];
    }
  return { x, y };
}

/** The value at `at` by linear interpolation between the bracketing points; NaN outside them. */
function interpolate(x: Float64Array, y: Float64Array, at: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  const before = lo - 1;
  if (before < 0) return NaN;
  if (x[before] === at) return y[before];
  if (lo >= x.length) return NaN;
  return y[before] + ((y[lo] - y[before]) * (at - x[before])) / (x[lo] - x[before]);
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sdOf(values: Float64Array, mean: number): number {
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / (values.length - 1));
}

function medianOf(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >>> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
