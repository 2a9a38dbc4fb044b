/**
 * The Pareto front of two objectives: the points that no other point beats. A point dominates
 * another when it is at least as good on both objectives and strictly better on one, so exact
 * duplicates of a front point do not dominate each other and are all on the front. A point with
 * NaN in either objective cannot be compared: it is left out and counted, never silently.
 * ±Infinity are values like any other (the best or worst possible).
 */

import type { Direction } from '../schema/metric-roles';

export interface ParetoDirections {
  x: Direction;
  y: Direction;
}

export interface ParetoResult {
  /** Indices of the non-dominated points by x ascending; duplicates by index. */
  front: number[];
  /** How many points were left out because x or y is NaN. */
  excluded: number;
}

/** O(n log n): sort best-x first, then sweep keeping the best y seen at a strictly better x. */
export function paretoFront(
  x: Float64Array,
  y: Float64Array,
  directions: ParetoDirections,
): ParetoResult {
  if (x.length !== y.length)
    throw new RangeError(`x has ${x.length} values and y has ${y.length}; they must match`);
  const betterX = betterOf(directions.x);
  const betterY = betterOf(directions.y);
  const order: number[] = [];
  let excluded = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) excluded++;
    else order.push(i);
  }
  order.sort((a, b) => rank(betterX, x[a], x[b]) || rank(betterY, y[a], y[b]) || a - b);

  const front: number[] = [];
  let bestY = 0;
  let seen = false;
  for (let start = 0; start < order.length;) {
    // Points with the same x: the first has the group's best y, and only its equals can be on the front.
    const groupX = x[order[start]];
    const groupY = y[order[start]];
    let end = start + 1;
    while (end < order.length && x[order[end]] === groupX) end++;
    if (!seen || betterY(groupY, bestY)) {
      for (let k = start; k < end && y[order[k]] === groupY; k++) front.push(order[k]);
      bestY = groupY;
      seen = true;
    }
    start = end;
  }
  front.sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
  return { front, excluded };
}

/**
 * The front as a staircase through its points (given by x ascending): the outline of the region
 * the front dominates. When larger x is better the line drops vertically at each point before
 * running to the next; when smaller x is better it runs horizontally first.
 */
export function frontStaircase(
  xs: readonly number[],
  ys: readonly number[],
  xDirection: Direction,
): { x: number[]; y: number[] } {
  const out = { x: [] as number[], y: [] as number[] };
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) {
      const verticalFirst = xDirection === 'max';
      out.x.push(verticalFirst ? xs[i - 1] : xs[i]);
      out.y.push(verticalFirst ? ys[i] : ys[i - 1]);
    }
    out.x.push(xs[i]);
    out.y.push(ys[i]);
  }
  return out;
}

function betterOf(direction: Direction): (a: number, b: number) => boolean {
  return direction === 'max' ? (a, b) => a > b : (a, b) => a < b;
}

/** Sort key: the better value first. */
function rank(better: (a: number, b: number) => boolean, a: number, b: number): number {
  return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}
