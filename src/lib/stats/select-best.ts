/**
 * The best run (or seed group) under constraints: candidates that satisfy every constraint, ranked
 * by the primary metric, and a recommendation that names the winner, its margin over the runner-up
 * with an interval, whether that margin is significant, and every caveat that applies.
 */

import type { Direction, MetricRole } from '../schema/metric-roles';
import { paretoFront } from '../sweep/pareto';
import { formatP, formatSigned, formatStat as format } from './format';
import type { Interval } from './percentile-interval';
import type {
  Aggregation,
  CandidateRow,
  Constraint,
  Recommendation,
  RunValue,
  SelectionResult,
  StatsGroup,
} from './types';

/** A constraint met by less than this share of its bound is "satisfied only narrowly". */
export const NARROW_SHARE = 0.05;

export interface ConstraintValues {
  constraint: Constraint;
  /** The key's number per run id (null: the run has none). */
  byRun: Map<number, number | null>;
}

export interface SelectionInput {
  groups: readonly StatsGroup[];
  primary: {
    metric: string;
    direction: Direction;
    role: MetricRole;
    byRun: Map<number, RunValue>;
  };
  constraints: readonly ConstraintValues[];
  aggregation: Aggregation['kind'];
  /** Some metric of these runs is a downstream target (so a proxy-only choice is worth saying). */
  targets: string[];
  level: number;
  /** The margin's interval and p-value from the two groups' values (b − a). */
  margin(a: number[], b: number[]): { interval: Interval | null; p: number | null };
  /** Caveats about whether the winner's runs have converged on the primary metric. */
  convergence(runIds: readonly number[]): string[];
  /** A caveat when the two groups were evaluated on different data, else null. */
  evalSets(a: readonly number[], b: readonly number[]): string | null;
  runName(runId: number): string;
}

export function selectBest(input: SelectionInput): SelectionResult {
  const { primary, constraints } = input;
  const candidates = input.groups.map((g, i) => candidate(input, g, i));
  const better = (a: number, b: number) => (primary.direction === 'max' ? b - a : a - b);
  const ranked = candidates
    .filter((c) => c.satisfies && c.primary !== null)
    .sort(
      (a, b) => better(a.primary as number, b.primary as number) || b.n - a.n || a.group - b.group,
    );
  const rest = candidates.filter((c) => !ranked.includes(c));
  const tradeoffs = constraints.map(({ constraint }, k) => {
    const direction: Direction = constraint.op.startsWith('<') ? 'min' : 'max';
    const x = Float64Array.from(candidates, (c) => c.constrained[k] ?? NaN);
    const y = Float64Array.from(candidates, (c) => c.primary ?? NaN);
    const { front } = paretoFront(x, y, { x: direction, y: primary.direction });
    return { key: constraint.key, direction, front: front.map((i) => candidates[i].group) };
  });
  const base = { primary: primary.metric, direction: primary.direction, tradeoffs };
  if (ranked.length === 0)
    return {
      ...base,
      candidates: rest,
      recommendation: null,
      none: nothingLeft(candidates, constraints.length),
    };
  return {
    ...base,
    candidates: [...ranked, ...rest],
    recommendation: recommend(input, ranked),
    none: null,
  };
}

function finiteValues(byRun: Map<number, RunValue>, runIds: readonly number[]): number[] {
  const out: number[] = [];
  for (const id of runIds) {
    const v = byRun.get(id)?.value;
    if (v !== null && v !== undefined && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function candidate(input: SelectionInput, group: StatsGroup, index: number): CandidateRow {
  const values = finiteValues(input.primary.byRun, group.runIds);
  const failed: string[] = [];
  const constrained = input.constraints.map(({ constraint, byRun }) => {
    const own = group.runIds
      .map((id) => byRun.get(id) ?? null)
      .filter((v): v is number => v !== null && Number.isFinite(v));
    const value = mean(own);
    if (value === null) failed.push(`no value of ${constraint.key}`);
    else if (!holds(value, constraint))
      failed.push(`${constraint.key} = ${format(value)}, not ${constraint.op} ${constraint.value}`);
    return value;
  });
  const primary = mean(values);
  if (primary === null) failed.push(`no value of ${input.primary.metric}`);
  return {
    group: index,
    label: group.label,
    n: values.length,
    primary,
    constrained,
    satisfies: failed.length === 0,
    failed,
  };
}

export function holds(value: number, c: Constraint): boolean {
  switch (c.op) {
    case '<=':
      return value <= c.value;
    case '<':
      return value < c.value;
    case '>=':
      return value >= c.value;
    case '>':
      return value > c.value;
  }
}

function nothingLeft(candidates: readonly CandidateRow[], constraints: number): string {
  if (candidates.length === 0) return 'There are no runs to choose from.';
  if (candidates.every((c) => c.primary === null))
    return 'No run has a value of the primary metric here.';
  return constraints > 0
    ? `No run satisfies every constraint (all ${candidates.length} excluded): loosen a constraint to see a recommendation.`
    : 'No run has a value of the primary metric here.';
}

function recommend(input: SelectionInput, ranked: CandidateRow[]): Recommendation {
  const { primary } = input;
  const winner = ranked[0];
  const runnerUp = ranked[1] ?? null;
  const group = input.groups[winner.group];
  const caveats: string[] = [];
  const sign = primary.direction === 'max' ? 1 : -1;
  let margin: number | null = null;
  let interval: Interval | null = null;
  let p: number | null = null;
  if (runnerUp) {
    margin = sign * ((winner.primary as number) - (runnerUp.primary as number));
    const a = finiteValues(primary.byRun, input.groups[runnerUp.group].runIds);
    const b = finiteValues(primary.byRun, group.runIds);
    const m = input.margin(a, b);
    interval = m.interval && {
      lo: sign > 0 ? m.interval.lo : -m.interval.hi,
      hi: sign > 0 ? m.interval.hi : -m.interval.lo,
    };
    p = m.p;
    if (margin === 0)
      caveats.push(`tie: ${winner.label} and ${runnerUp.label} have the same ${primary.metric}`);
    const evalSets = input.evalSets(input.groups[runnerUp.group].runIds, group.runIds);
    if (evalSets) caveats.push(evalSets);
  }
  const significant = p === null ? null : p < 1 - input.level;
  if (winner.n < 2) caveats.push('single seed: the margin has no interval and no test is possible');
  else if (runnerUp && runnerUp.n < 2)
    caveats.push(`single seed for the runner-up (${runnerUp.label}): no test is possible`);
  if (primary.role === 'proxy')
    caveats.push(
      input.targets.length > 0
        ? `proxy metric only: ${primary.metric} is a proxy; check the downstream target (${input.targets.join(', ')})`
        : `proxy metric only: ${primary.metric} is a proxy and no downstream target is loaded`,
    );
  if (input.aggregation !== 'aligned')
    caveats.push(
      `${input.aggregation === 'final' ? 'final values' : 'best values'} at each run's own step, not at the same step`,
    );
  caveats.push(...input.convergence(group.runIds));
  caveats.push(...narrowCaveats(input, winner, group));
  return {
    group: winner.group,
    label: winner.label,
    runIds: group.runIds,
    runnerUp: runnerUp?.group ?? null,
    margin,
    marginInterval: interval,
    p,
    significant,
    caveats,
    sentence: sentence(input, winner, runnerUp, margin, interval, p, significant),
  };
}

function narrowCaveats(input: SelectionInput, winner: CandidateRow, group: StatsGroup): string[] {
  const out: string[] = [];
  input.constraints.forEach(({ constraint, byRun }, k) => {
    const value = winner.constrained[k] as number;
    const room = Math.abs(value - constraint.value);
    const scale = Math.abs(constraint.value) || 1;
    if (room <= NARROW_SHARE * scale)
      out.push(
        `satisfied only narrowly: ${constraint.key} = ${format(value)} against ${constraint.op} ${constraint.value}`,
      );
    const breaking = group.runIds.filter((id) => {
      const v = byRun.get(id);
      return v !== null && v !== undefined && Number.isFinite(v) && !holds(v, constraint);
    });
    if (breaking.length > 0)
      out.push(
        `${breaking.length} of ${group.runIds.length} runs break ${constraint.key} ${constraint.op} ${constraint.value} on their own (${breaking.map(input.runName).join(', ')}); the group's mean meets it`,
      );
  });
  return out;
}

function sentence(
  input: SelectionInput,
  winner: CandidateRow,
  runnerUp: CandidateRow | null,
  margin: number | null,
  interval: Interval | null,
  p: number | null,
  significant: boolean | null,
): string {
  const metric = input.primary.metric;
  const head = `Best under the constraints: ${winner.label} (n = ${winner.n}), ${metric} ${format(winner.primary)}.`;
  if (!runnerUp || margin === null) return `${head} No other candidate satisfies every constraint.`;
  const level = Math.round(input.level * 100);
  const ci = interval ? `, ${level} % CI ${format(interval.lo)} to ${format(interval.hi)}` : '';
  const verdict =
    significant === null
      ? 'no test is possible with a single seed'
      : significant
        ? `significant (Welch p = ${formatP(p as number)})`
        : `not significant (Welch p = ${formatP(p as number)}): the difference may be noise`;
  return `${head} It leads ${runnerUp.label} (n = ${runnerUp.n}) by ${formatSigned(margin)}${ci}; ${verdict}.`;
}
