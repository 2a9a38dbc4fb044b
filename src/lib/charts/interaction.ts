/** Pointer math for curve charts: pixels to data, box zoom, and the crosshair's sorted readout. */

import type { HoverValue } from '../curves/types';
import type { Frame } from './frame';

/** A dragged box, in plot pixels, as data ranges; null for a click or a box too thin to mean a zoom. */
export function boxToRanges(
  frame: Frame,
  a: { x: number; y: number },
  b: { x: number; y: number },
  minPixels = 5,
): { x: [number, number] | null; y: [number, number] | null } | null {
  const dx = Math.abs(a.x - b.x);
  const dy = Math.abs(a.y - b.y);
  if (dx < minPixels && dy < minPixels) return null;
  const xs = [frame.x.invert(Math.min(a.x, b.x)), frame.x.invert(Math.max(a.x, b.x))] as [
    number,
    number,
  ];
  const ys = [frame.y.invert(Math.max(a.y, b.y)), frame.y.invert(Math.min(a.y, b.y))] as [
    number,
    number,
  ];
  return { x: dx >= minPixels ? xs : null, y: dy >= minPixels ? ys : null };
}

/** Crosshair values, highest first (NaN last), so the reader finds the order of runs at that x. */
export function sortedReadout(values: readonly HoverValue[], smoothed: boolean): HoverValue[] {
  const key = (v: HoverValue) => (smoothed ? v.smoothed : v.value);
  return [...values].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (Number.isNaN(ka)) return Number.isNaN(kb) ? 0 : 1;
    if (Number.isNaN(kb)) return -1;
    return kb - ka;
  });
}

/** The index of the grid x nearest to x (grids are sorted), or -1 for an empty grid. */
export function nearestIndex(grid: Float64Array, x: number): number {
  if (grid.length === 0) return -1;
  let lo = 0;
  let hi = grid.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - grid[lo - 1] <= grid[lo] - x ? lo - 1 : lo;
}

/**
 * The run whose line passes nearest the pointer at the hovered x, within `tolerance` pixels; null
 * when none does. `toPixel` maps a value to the plot's y pixel (the chart's scale).
 */
export function runNearPointer(
  readout: readonly HoverValue[],
  pointerY: number,
  toPixel: (value: number) => number,
  smoothed: boolean,
  tolerance = 6,
): number | null {
  let best: number | null = null;
  let bestDistance = tolerance;
  for (const v of readout) {
    const value = smoothed ? v.smoothed : v.value;
    if (!Number.isFinite(value)) continue;
    const distance = Math.abs(toPixel(value) - pointerY);
    if (distance <= bestDistance) {
      best = v.runId;
      bestDistance = distance;
    }
  }
  return best;
}
