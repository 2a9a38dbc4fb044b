/** The vocabulary of same-step alignment, shared by the worker and the page (see DESIGN.md). */

import type { Direction, MetricRole } from '../schema/metric-roles';

/** What a baseline's value at the student's x* may be read from. */
export type AlignPolicy = 'exact' | 'nearest' | 'interpolate' | 'last';

export type AlignAxis =
  | { kind: 'step' }
  | { kind: 'epoch' }
  /** Seconds since the run's first logged point. */
  | { kind: 'wall' }
  /** Unix seconds (curves only: runs started at different times do not align on it). */
  | { kind: 'wallAbs' }
  /** The value a counter metric (samples, tokens) had at the same step of the same run. */
  | { kind: 'counter'; metric: string };

/**
 * How a number was obtained. `not reached`: the baseline stopped before x*. `not yet`: the student
 * has not logged the metric. `no exact point`: the exact policy found no point at x*. `no earlier
 * point`: the baseline's first point lies after x* and the policy needs one at or before it.
 * `not logged`: the baseline never logged the metric.
 */
export type AlignMethod =
  | 'exact'
  | 'nearest'
  | 'interpolated'
  | 'last observed'
  | 'not reached'
  | 'not yet'
  | 'no exact point'
  | 'no earlier point'
  | 'not logged';

/** One logged point as the page sees it. */
export interface AlignedPoint {
  x: number;
  step: number;
  value: number;
  sourceId: number;
}

/** A baseline's value at x*, with everything needed to trace it. */
export interface AlignedValue {
  method: AlignMethod;
  /** NaN when the point logged NaN; null when there is no value (see `method`). */
  value: number | null;
  /** The points the value was read from: one, or the two bracketing ones when interpolated. */
  used: AlignedPoint[];
  /** Nearest only: both neighbours were equally far, and the earlier one was taken. */
  tie: boolean;
}

export interface BaselineCell extends AlignedValue {
  runId: number;
  /** Student minus baseline, signed so that positive means the student is better. */
  delta: number | null;
  /** The baseline's own last point, shown as "final at its own step", never compared. */
  final: AlignedPoint | null;
  /** Median distance between logged x of this baseline's series (null below two points). */
  interval: number | null;
  projection: Projection | null;
}

/** Where the gap to a baseline is heading, from a straight line through its recent values. */
export interface Projection {
  /** The window of the student's aligned points the line was fitted to. */
  from: number;
  to: number;
  points: number;
  /** Change of the delta per unit of x (positive: the student gains). */
  slope: number;
  status: 'ahead' | 'closing' | 'beyond horizon' | 'widening';
  /** The projected x where the delta crosses zero, for `closing` and `beyond horizon`. */
  crossesAt: number | null;
}

export interface MetricAlignment {
  metric: string;
  metricId: number;
  role: MetricRole;
  direction: Direction;
  /** Null when the student has not logged this metric ("not yet"). */
  student: {
    xStar: number;
    point: AlignedPoint;
    /** The student's last (up to) five points, oldest first. */
    recent: AlignedPoint[];
    interval: number | null;
  } | null;
  baselines: BaselineCell[];
}

export interface AlignRequest {
  student: number;
  baselines: number[];
  axis: AlignAxis;
  policy: AlignPolicy;
  /** Roles and directions the user changed, by metric name; the rest are guessed from names. */
  roles?: Record<string, { role: MetricRole; direction: Direction }>;
  /** Share of the student's most recent aligned points the catch-up line is fitted to. */
  projectionWindow?: number;
}

export interface AlignResult {
  request: AlignRequest;
  metrics: MetricAlignment[];
  /** Source file names by id, for tracing every number to its file. */
  sources: Record<number, string>;
  /** Points without a value on the chosen axis (e.g. no epoch logged), per metric name. */
  withoutX: Record<string, number>;
}
