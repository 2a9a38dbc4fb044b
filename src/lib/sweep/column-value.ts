import type { SweepColumn } from './types';

/** A run's value in a column as a number (a category's code), NaN where it is missing. */
export function numberAt(column: SweepColumn, row: number): number {
  if (column.type === 'numeric') return column.values[row];
  const code = column.codes[row];
  return code < 0 ? NaN : code;
}
