/** Reading the step of a row: a whole number, from the step column or else the epoch column. */

import type { RowView } from '../table';

export type StepResult = number | string;

/** The row's step, or the reason it has none (for the report). */
export function readStep(row: RowView, stepCol: number, epochCol: number): StepResult {
  if (stepCol >= 0) {
    if (row.isEmpty(stepCol)) return 'no step';
    const step = row.num(stepCol);
    if (step === undefined) return 'the step is not a number';
    if (!Number.isSafeInteger(step)) return 'the step is not a whole number';
    return step;
  }
  if (epochCol >= 0 && !row.isEmpty(epochCol)) {
    const epoch = row.num(epochCol);
    if (epoch === undefined) return 'the epoch is not a number';
    if (!Number.isSafeInteger(epoch)) return 'no step column, and the epoch is not a whole number';
    return epoch;
  }
  return 'no step';
}

export function readOptional(row: RowView, col: number): number | undefined {
  if (col < 0 || row.isEmpty(col)) return undefined;
  return row.num(col);
}
