/** The scalar table: one number per metric and run, chosen by a rule, each with the step it is from. */

import type { Direction } from '../schema/metric-roles';
import type { AlignMethod } from '../align/types';

export type ScalarMode =
  | { kind: 'last' }
  | { kind: 'min' }
  | { kind: 'max' }
  /** The value logged at step k (else the nearest logged step, and said). */
  | { kind: 'at'; step: number }
  /** Each metric at the step where metric `of` is best for that run (by its direction). */
  | { kind: 'atBest'; of: string };

export interface ScalarRequest {
  runIds: number[];
  mode: ScalarMode;
  directions?: Record<string, Direction>;
}

export interface ScalarCell {
  value: number | null;
  /** The step the value is from. */
  step: number | null;
  method: AlignMethod | 'last' | 'min' | 'max';
}

export interface ScalarRow {
  metric: string;
  direction: Direction;
  /** One per run id asked for, in that order; null when the run has no such metric. */
  cells: (ScalarCell | null)[];
}
