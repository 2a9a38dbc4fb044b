/**
 * Catch-up projection: a straight line through the delta at the student's most recent aligned
 * points, extended from the current gap to zero. Always an extrapolation, and labelled as one.
 */

import { linearRegression } from 'simple-statistics';
import type { Series } from './series';
import { valueAt } from './value-at';
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
  const points: [number, number][] = [];
  for (let i = first; i < n; i++) {
    const b = valueAt(baseline, student.x[i], policy).value;
    const delta = b === null ? NaN : sign * (student.value[i] - b);
    if (Number.isFinite(delta)) points.push([student.x[i], delta]);
  }
  if (points.length < MIN_POINTS) return null;
  const { m: slope } = linearRegression(points);
  const [xStar, current] = points[points.length - 1];
  const window = { from: points[0][0], to: xStar, points: points.length, slope };
  if (current >= 0) return { ...window, status: 'ahead', crossesAt: null };
  if (!(slope > 0)) return { ...window, status: 'widening', crossesAt: null };
  const crossesAt = xStar - current / slope;
  const horizon = baseline.x[baseline.x.length - 1];
  return { ...window, status: crossesAt > horizon ? 'beyond horizon' : 'closing', crossesAt };
}
