/** A row's best and worst cells by the metric's direction (NaN and missing cells never count). */

import type { Direction } from '../schema/metric-roles';

export function rowExtremes(
  values: readonly (number | null | undefined)[],
  direction: Direction,
): { best: number; worst: number } | null {
  let hi = -1;
  let lo = -1;
  values.forEach((v, i) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (hi < 0 || v > (values[hi] as number)) hi = i;
    if (lo < 0 || v < (values[lo] as number)) lo = i;
  });
  if (hi < 0 || hi === lo) return null;
  return direction === 'min' ? { best: lo, worst: hi } : { best: hi, worst: lo };
}
