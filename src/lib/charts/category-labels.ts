/**
 * Labels of a categorical axis, every category named. When they all fit at their own ticks, each
 * sits there; when there are more than fit, a window of consecutive categories is listed evenly down
 * the axis, each label joined to its tick by a leader line, and the window scrolls (the wheel over
 * the axis) through all of them. Nothing is thinned out.
 */

export interface CategoryLabel {
  /** The category's index. */
  index: number;
  /** Where its tick is (axis position, 0 at the bottom, 1 at the top). */
  tick: number;
  /** Where its label is, in the same units. */
  at: number;
}

export interface CategoryWindow {
  labels: CategoryLabel[];
  /** The first label shown, counted from the top of the axis; 0 when all fit. */
  offset: number;
  /** How many categories there are, and whether they are listed in a window. */
  count: number;
  scrolls: boolean;
}

/**
 * The labels of `count` categories whose ticks are at `tick(k)`, on an axis with room for `fit`
 * labels, the window starting `offset` labels from the top (clamped).
 */
export function categoryLabels(
  count: number,
  tick: (k: number) => number,
  fit: number,
  offset: number,
): CategoryWindow {
  const fromTop = Array.from({ length: count }, (_, k) => k).sort((a, b) => tick(b) - tick(a));
  const room = Math.max(1, Math.floor(fit));
  if (count <= room)
    return {
      labels: fromTop.map((k) => ({ index: k, tick: tick(k), at: tick(k) })),
      offset: 0,
      count,
      scrolls: false,
    };
  const first = clampOffset(offset, count, room);
  const labels = fromTop.slice(first, first + room).map((k, slot) => ({
    index: k,
    tick: tick(k),
    // Slots spread from the top of the axis to its bottom, a half slot in from each end.
    at: 1 - (slot + 0.5) / room,
  }));
  return { labels, offset: first, count, scrolls: true };
}

/** The window's first label kept between the top and the last full window. */
export function clampOffset(offset: number, count: number, fit: number): number {
  const room = Math.max(1, Math.floor(fit));
  return Math.max(0, Math.min(Math.max(0, count - room), Math.round(offset)));
}
