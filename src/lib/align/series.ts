/** One run's points of one metric, on one axis: sorted by x, one point per x (the latest step). */

import type { AlignedPoint } from './types';

export interface Series {
  x: Float64Array;
  step: Float64Array;
  value: Float64Array;
  source: Int32Array;
  /** Memo of `medianInterval`: series never change once built. */
  interval?: number | null;
}

export function seriesLength(s: Series): number {
  return s.x.length;
}

export function pointAt(s: Series, i: number): AlignedPoint {
  return { x: s.x[i], step: s.step[i], value: s.value[i], sourceId: s.source[i] };
}

/** Index of the last point with x ≤ target, or -1. */
export function lastAtOrBefore(s: Series, target: number): number {
  let lo = 0;
  let hi = s.x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.x[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Median distance between consecutive x, or null with fewer than two points. */
export function medianInterval(s: Series): number | null {
  if (s.interval === undefined) s.interval = computeMedianInterval(s);
  return s.interval;
}

function computeMedianInterval(s: Series): number | null {
  const n = s.x.length;
  if (n < 2) return null;
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = s.x[i] - s.x[i - 1];
  gaps.sort();
  const mid = (n - 1) >>> 1;
  return (n - 1) % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/**
 * Builds series from points in any order: sorted by x, and where several points share an x
 * (epochs logged as integers, say) the one with the latest step stands for it.
 */
export function buildSeries(
  x: ArrayLike<number>,
  step: ArrayLike<number>,
  value: ArrayLike<number>,
  source: ArrayLike<number>,
): Series {
  const n = x.length;
  if (strictlyIncreasing(x)) {
    const kept = asSeries(x, step, value, source);
    if (kept) return kept;
  }
  let sorted = true;
  for (let i = 1; i < n && sorted; i++)
    if (x[i] < x[i - 1] || (x[i] === x[i - 1] && step[i] < step[i - 1])) sorted = false;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!sorted) order.sort((a, b) => x[a] - x[b] || step[a] - step[b]);
  let kept = 0;
  for (let k = 0; k < n; k++) if (k === n - 1 || x[order[k + 1]] !== x[order[k]]) kept++;
  const out: Series = {
    x: new Float64Array(kept),
    step: new Float64Array(kept),
    value: new Float64Array(kept),
    source: new Int32Array(kept),
  };
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (k < n - 1 && x[order[k + 1]] === x[order[k]]) continue;
    const i = order[k];
    out.x[j] = x[i];
    out.step[j] = step[i];
    out.value[j] = value[i];
    out.source[j] = source[i];
    j++;
  }
  return out;
}

function strictlyIncreasing(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (!(x[i] > x[i - 1])) return false;
  return true;
}

/** Arrays already of the series' types are kept as they are (series never change them). */
function asSeries(
  x: ArrayLike<number>,
  step: ArrayLike<number>,
  value: ArrayLike<number>,
  source: ArrayLike<number>,
): Series | null {
  return x instanceof Float64Array &&
    step instanceof Float64Array &&
    value instanceof Float64Array &&
    source instanceof Int32Array
    ? { x, step, value, source }
    : null;
}
