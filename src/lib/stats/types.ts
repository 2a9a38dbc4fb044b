/**
 * The vocabulary of the statistics view, shared by the worker and the page: which groups of runs
 * are compared, at which step, and what the worker answers (every number traced to its runs).
 */

import type { AlignAxis, AlignMethod, AlignPolicy } from '../align/types';
import type { Direction, MetricRole } from '../schema/metric-roles';
import type { Interval } from './percentile-interval';

/**
 * Where each run's number comes from. `aligned`: every run at the student's x* (its last point of
 * the metric), by the policy — the same-step rule. `final`: each run's last value at its own step.
 * `best`: each run's best value by the metric's direction.
 */
export type Aggregation =
  | { kind: 'aligned'; student: number; axis: AlignAxis; policy: AlignPolicy }
  | { kind: 'final' }
  | { kind: 'best' };

export interface StatsGroup {
  /** Readable, e.g. "lr=3e-4, warmup=500" (the config without its seed). */
  label: string;
  runIds: number[];
}

export type ConstraintOp = '<=' | '<' | '>=' | '>';

/** `key` names a metric, else a numeric summary value, else a numeric hyperparameter. */
export interface Constraint {
  key: string;
  op: ConstraintOp;
  value: number;
}

export interface SelectionRequest {
  primary: string;
  /** Defaults to the metric's own direction. */
  direction?: Direction;
  constraints: Constraint[];
}

export interface StatsRequest {
  groups: StatsGroup[];
  /** Index into `groups` of the group every other group is compared against. */
  reference: number;
  aggregation: Aggregation;
  /** Each run's seed (the value of its seed key), to pair runs across groups. */
  seeds?: Record<number, string>;
  roles?: Record<string, { role: MetricRole; direction: Direction }>;
  /** Default 10,000. */
  resamples?: number;
  /** Seed of the bootstrap; default `DEFAULT_SEED`. */
  seed?: number;
  /** Default 0.95. */
  level?: number;
  /** "Is my run improving?": the trend of every metric of one run over its last points. */
  trend?: { runId: number; points: number };
  selection?: SelectionRequest;
}

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_SEED = 20261205;
export const DEFAULT_LEVEL = 0.95;

/** One run's number for a metric, with where it came from. */
export interface RunValue {
  runId: number;
  /** Null when the run has no number here (see `method`); NaN when it logged NaN. */
  value: number | null;
  method: AlignMethod | 'final' | 'best';
  /** The step(s) the value was read from (two when interpolated). */
  steps: number[];
  sourceId: number | null;
}

export interface GroupSummary {
  label: string;
  runIds: number[];
  values: RunValue[];
  /** Runs with a finite value: the n every number of this group rests on. */
  n: number;
  mean: number | null;
  sd: number | null;
  /** Bootstrap intervals of the mean; null below two runs. */
  percentile: Interval | null;
  bca: Interval | null;
  /** Share of bootstrap resamples in which this group's mean is the best; null when any group has n < 2. */
  pBest: number | null;
}

export interface TestResult {
  statistic: number;
  /** Degrees of freedom (t-tests). */
  df?: number;
  p: number;
  /** Holm-adjusted across every comparison of this test in the answer. */
  pHolm: number;
  method: string;
}

export interface GroupComparison {
  /** Indices into the metric's groups: `b` is compared against `a` (the reference). */
  a: number;
  b: number;
  /** Set when a side has fewer than two runs: no test is possible, only the values are shown. */
  noTest: string | null;
  /** Mean of b minus mean of a, as measured (not signed by direction). */
  difference: number | null;
  /** True when b is better than a by the metric's direction. */
  bBetter: boolean | null;
  percentile: Interval | null;
  bca: Interval | null;
  welch: TestResult | null;
  mannWhitney: TestResult | null;
  /** Runs paired by seed (both groups have runs with the same seeds). */
  paired: { pairs: number; t: TestResult | null; wilcoxon: TestResult | null } | null;
  cohenD: number | null;
  hedgesG: number | null;
}

export interface MetricStats {
  metric: string;
  role: MetricRole;
  direction: Direction;
  /** The aligned x* (the student's last point of this metric); null for final and best. */
  xStar: number | null;
  groups: GroupSummary[];
  comparisons: GroupComparison[];
}

export interface TrendResult {
  metric: string;
  direction: Direction;
  points: number;
  fromStep: number;
  toStep: number;
  /** Change per 1,000 steps, with its interval at the request's level. */
  slope: number;
  lo: number;
  hi: number;
  sentence: string;
}

export interface StatsResult {
  request: StatsRequest;
  resamples: number;
  seed: number;
  level: number;
  metrics: MetricStats[];
  trends: TrendResult[];
  selection: SelectionResult | null;
  /** Source file names by id, for tracing every number to its file. */
  sources: Record<number, string>;
  /** Milliseconds the worker spent, for the page's footnote and the benchmark. */
  elapsedMs: number;
}

export interface CandidateRow {
  /** Index into the request's groups. */
  group: number;
  label: string;
  n: number;
  primary: number | null;
  /** Value of each constraint's key (group mean), in the order of the constraints. */
  constrained: (number | null)[];
  satisfies: boolean;
  /** Why it is out: "latency_ms = 61.2 > 50", "no value of model_size_mb". */
  failed: string[];
}

export interface SelectionResult {
  primary: string;
  direction: Direction;
  /** Every candidate: those that satisfy every constraint first, ranked; then the excluded ones. */
  candidates: CandidateRow[];
  recommendation: Recommendation | null;
  /** When nothing is recommended, why (e.g. "no run satisfies every constraint"). */
  none: string | null;
  /** Per constrained key: the candidates on the Pareto front of primary against it. */
  tradeoffs: { key: string; direction: Direction; front: number[] }[];
}

export interface Recommendation {
  group: number;
  label: string;
  runIds: number[];
  runnerUp: number | null;
  /** Winner minus runner-up on the primary metric, signed so that positive is better. */
  margin: number | null;
  marginInterval: Interval | null;
  /** Welch's test of the margin (null when a side has one run). */
  p: number | null;
  significant: boolean | null;
  caveats: string[];
  sentence: string;
}
