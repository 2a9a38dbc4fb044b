/**
 * Catch-up projection: a straight line through the delta at the student's most recent aligned
 * points, extended from the current gap to zero. Always an extrapolation, and labelled as one.
 */

import { lastAtOrBefore, type Series } from './series';
import { valueNumberFrom } from './value-at';
import type { AlignPolicy, Projection } from './types';

/** Fewer aligned points than this give no line worth drawing. */
const MIN_POINTS = 3;

export function projectGap(
  student: Series,
  baseline: Series,
  policy: AlignPolicy,
  sign: 1 | -1,
  windowShare: number,
): Projection | null {
  const n = student.x.length;
  const first = Math.max(0, n - Math.max(MIN_POINTS, Math.ceil(n * windowShare)));
  // Least squares of delta on x (shifted to the window's start, to keep the sums exact enough),
  // accumulated without building the points.
  const x0 = student.x[first];
  let count = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let from = NaN;
  let xStar = NaN;
  let current = NaN;
  // Student x only grow, so the baseline's bracketing index only moves forward.
  let lo = lastAtOrBefore(baseline, x0);
  const last = baseline.x.length - 1;
  for (let i = first; i < n; i++) {
    const x = student.x[i];
    while (lo < last && baseline.x[lo + 1] <= x) lo++;
    const delta = sign * (student.value[i] - valueNumberFrom(baseline, x, policy, lo));
    if (!Number.isFinite(delta)) continue;
    if (count === 0) from = x;
    count++;
    sx += x - x0;
    sy += delta;
    sxx += (x - x0) * (x - x0);
    sxy += (x - x0) * delta;
    xStar = x;
    current = delta;
  }
  if (count < MIN_POINTS) return null;
  const slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  const window = { from, to: xStar, points: count, slope };
  if (current >= 0) return { ...window, status: 'ahead', crossesAt: null };
  if (!(slope > 0)) return { ...window, status: 'widening', crossesAt: null };
  const crossesAt = xStar - current / slope;
  const horizon = baseline.x[baseline.x.length - 1];
  return { ...window, status: crossesAt > horizon ? 'beyond horizon' : 'closing', crossesAt };
}
