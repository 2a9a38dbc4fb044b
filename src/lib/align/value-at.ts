/**
 * A baseline's value at the student's x*, by a named policy. Never extrapolates: past the
 * baseline's last point it is "not reached", whatever the policy.
 */

import { lastAtOrBefore, pointAt, type Series } from './series';
import type { AlignedValue, AlignMethod, AlignPolicy } from './types';

function none(method: AlignMethod): AlignedValue {
  return { method, value: null, used: [], tie: false };
}

export function valueAt(s: Series, xStar: number, policy: AlignPolicy): AlignedValue {
  const n = s.x.length;
  if (n === 0) return none('not logged');
  const lo = lastAtOrBefore(s, xStar);
  if (lo >= 0 && s.x[lo] === xStar) {
    const p = pointAt(s, lo);
    return { method: 'exact', value: p.value, used: [p], tie: false };
  }
  if (xStar > s.x[n - 1]) return none('not reached');
  if (policy === 'exact') return none('no exact point');
  const hi = lo + 1;
  if (policy === 'nearest') {
    if (lo < 0) return single('nearest', s, hi);
    const before = xStar - s.x[lo];
    const after = s.x[hi] - xStar;
    return { ...single('nearest', s, before <= after ? lo : hi), tie: before === after };
  }
  if (lo < 0) return none('no earlier point');
  if (policy === 'last') return single('last observed', s, lo);
  const a = pointAt(s, lo);
  const b = pointAt(s, hi);
  const t = (xStar - a.x) / (b.x - a.x);
  return {
    method: 'interpolated',
    value: a.value + (b.value - a.value) * t,
    used: [a, b],
    tie: false,
  };
}

function single(method: 'nearest' | 'last observed', s: Series, i: number): AlignedValue {
  const p = pointAt(s, i);
  return { method, value: p.value, used: [p], tie: false };
}

/**
 * The number `valueAt` would give, without saying how: NaN where it has none. For loops over
 * thousands of points (the catch-up line), where building a traced answer per point would dominate.
 */
export function valueNumberAt(s: Series, xStar: number, policy: AlignPolicy): number {
  return valueNumberFrom(s, xStar, policy, lastAtOrBefore(s, xStar));
}

/** `valueNumberAt` when the caller already knows `lo`, the last index with x ≤ x* (or -1). */
export function valueNumberFrom(s: Series, xStar: number, policy: AlignPolicy, lo: number): number {
  const n = s.x.length;
  if (n === 0 || xStar > s.x[n - 1]) return NaN;
  if (lo >= 0 && s.x[lo] === xStar) return s.value[lo];
  if (policy === 'exact') return NaN;
  const hi = lo + 1;
  if (policy === 'nearest')
    return lo < 0 || xStar - s.x[lo] > s.x[hi] - xStar ? s.value[hi] : s.value[lo];
  if (lo < 0) return NaN;
  if (policy === 'last') return s.value[lo];
  return s.value[lo] + ((s.value[hi] - s.value[lo]) * (xStar - s.x[lo])) / (s.x[hi] - s.x[lo]);
}
