/** The columns and cells CSV tables share for a metric compared between run A and run B. */

import type { Interval } from '../stats/percentile-interval';

export function pairedColumns(metric: string): string[] {
  return [
    `${metric}_a`,
    `${metric}_b`,
    `${metric}_difference`,
    `${metric}_ci_low`,
    `${metric}_ci_high`,
  ];
}

const num = (x: number) => (Number.isNaN(x) ? null : x);

/** A's value, B's, b − a and its interval; NaN (no value) as an empty cell. */
export function pairedCells(
  a: number,
  b: number,
  difference: number,
  interval: Interval | null,
): (number | null)[] {
  return [num(a), num(b), num(difference), interval?.lo ?? null, interval?.hi ?? null];
}
