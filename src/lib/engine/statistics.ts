/**
 * Answers a statistics request in the worker: each run's number per metric (same step, final or
 * best), the group comparisons with Holm across them, the student's trend, and the best run under
 * constraints. Seeded: the same request gives the same numbers.
 */

import type { Series } from '../align/series';
import { guessMetricRole, type Direction } from '../schema/metric-roles';
import { keyValueRows } from '../sql/sweep';
import { compareGroups, adjustHolm, marginTest } from '../stats/compare-groups';
import { selectBest, type ConstraintValues } from '../stats/select-best';
import { describeTrend, runTrend } from '../stats/run-trend';
import {
  DEFAULT_LEVEL,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Constraint,
  type StatsRequest,
  type StatsResult,
  type TrendResult,
} from '../stats/types';
import type { AlignHost } from './align';
import { queryRows } from './db';
import { runValues, type MetricValues } from './run-values';

export interface StatsHost extends AlignHost {
  runName(runId: number): string;
}

/** Hyperparameter keys that name the data a run was evaluated on. */
const EVAL_SET_KEY = /(^|[._/])(eval|val|valid|validation|test)?[._]?(data(set)?|split|set)$/i;

export function statistics(host: StatsHost, request: StatsRequest): StatsResult {
  const started = performance.now();
  const resamples = request.resamples ?? DEFAULT_RESAMPLES;
  const seed = request.seed ?? DEFAULT_SEED;
  const level = DEFAULT_LEVEL;
  const runIds = [...new Set(request.groups.flatMap((g) => g.runIds))];
  const values = runValues(host, runIds, request.aggregation, request.roles);
  const metrics = values.map((m) =>
    compareGroups({
      metric: m.metric,
      role: m.role,
      direction: m.direction,
      xStar: m.xStar,
      groups: request.groups,
      reference: request.reference,
      byRun: m.byRun,
      seeds: request.seeds ?? {},
      resamples,
      seed,
      level,
    }),
  );
  adjustHolm(metrics);
  const trends = request.trend
    ? trendsOf(host, request.trend.runId, request.trend.points, values, level)
    : [];
  const selection = request.selection
    ? selectionOf(host, request, values, { resamples, seed, level })
    : null;
  return {
    request,
    resamples,
    seed,
    level,
    metrics,
    trends,
    selection,
    sources: sourceNames(host, values),
    elapsedMs: performance.now() - started,
  };
}

function trendsOf(
  host: StatsHost,
  runId: number,
  points: number,
  values: readonly MetricValues[],
  level: number,
): TrendResult[] {
  const out: TrendResult[] = [];
  for (const m of values) {
    const s = host.store.metric(m.metricId, { kind: 'step' }, [runId]).get(runId);
    if (!s) continue;
    const trend = runTrend(lastPoints(s, points), level);
    if (trend)
      out.push({
        metric: m.metric,
        direction: m.direction,
        ...trend,
        sentence: describeTrend(trend, m.direction, level),
      });
  }
  return out;
}

/** The last `count` finite points of a series, oldest first. */
export function lastPoints(s: Series, count: number): { step: number[]; value: number[] } {
  const step: number[] = [];
  const value: number[] = [];
  for (let i = s.value.length - 1; i >= 0 && step.length < count; i--)
    if (Number.isFinite(s.value[i])) {
      step.push(s.step[i]);
      value.push(s.value[i]);
    }
  return { step: step.reverse(), value: value.reverse() };
}

function selectionOf(
  host: StatsHost,
  request: StatsRequest,
  values: readonly MetricValues[],
  bootstrap: { resamples: number; seed: number; level: number },
): StatsResult['selection'] {
  const asked = request.selection;
  if (!asked) return null;
  const primary = values.find((m) => m.metric === asked.primary);
  const direction: Direction =
    asked.direction ?? primary?.direction ?? guessMetricRole(asked.primary).direction;
  const runIds = [...new Set(request.groups.flatMap((g) => g.runIds))];
  const constraints = constraintValues(host, asked.constraints, values, runIds);
  const runName = (id: number) => host.runName(id);
  return selectBest({
    groups: request.groups,
    primary: {
      metric: asked.primary,
      direction,
      role: primary?.role ?? guessMetricRole(asked.primary).role,
      byRun: primary?.byRun ?? new Map(),
    },
    constraints,
    aggregation: request.aggregation.kind,
    targets: values.filter((m) => m.role === 'target').map((m) => m.metric),
    level: bootstrap.level,
    margin: (a, b) => marginTest(a, b, bootstrap),
    convergence: (ids) =>
      primary ? convergence(host, primary, direction, ids, bootstrap.level) : [],
    evalSets: (a, b) => evalSetDifference(host, a, b),
    runName,
  });
}

function constraintValues(
  host: StatsHost,
  constraints: readonly Constraint[],
  values: readonly MetricValues[],
  runIds: readonly number[],
): ConstraintValues[] {
  const keyed = (table: 'summary' | 'params') => {
    const byKey = new Map<string, Map<number, number | null>>();
    for (const r of queryRows<{ run_id: number; key: string; num: number }>(
      host.db,
      keyValueRows(table, runIds),
    )) {
      let m = byKey.get(r.key);
      if (!m) byKey.set(r.key, (m = new Map()));
      m.set(r.run_id, Number.isNaN(r.num) ? null : r.num);
    }
    return byKey;
  };
  let summary: Map<string, Map<number, number | null>> | null = null;
  let params: Map<string, Map<number, number | null>> | null = null;
  return constraints.map((constraint) => {
    const metric = values.find((m) => m.metric === constraint.key);
    if (metric) {
      const byRun = new Map<number, number | null>();
      for (const [id, v] of metric.byRun) byRun.set(id, v.value);
      return { constraint, byRun };
    }
    summary ??= keyed('summary');
    const fromSummary = summary.get(constraint.key);
    if (fromSummary) return { constraint, byRun: fromSummary };
    params ??= keyed('params');
    return { constraint, byRun: params.get(constraint.key) ?? new Map() };
  });
}

/** "Not converged" caveats: a run of the group still improving over its last points, with them. */
function convergence(
  host: StatsHost,
  primary: MetricValues,
  direction: Direction,
  runIds: readonly number[],
  level: number,
): string[] {
  const out: string[] = [];
  const series = host.store.metric(primary.metricId, { kind: 'step' }, runIds);
  for (const id of runIds) {
    const s = series.get(id);
    if (!s) continue;
    const recent = lastPoints(s, 5);
    const trend = runTrend(lastPoints(s, 10), level);
    if (!trend) continue;
    const improving = direction === 'max' ? trend.lo > 0 : trend.hi < 0;
    if (!improving) continue;
    const last = recent.step.map((st, i) => `${st}: ${format(recent.value[i])}`).join(', ');
    out.push(
      `not converged: ${host.runName(id)} is ${describeTrend(trend, direction, level)}; last 5 points ${last}`,
    );
  }
  return out;
}

function format(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** A caveat when the two groups' runs name different evaluation data in their hyperparameters. */
function evalSetDifference(
  host: StatsHost,
  a: readonly number[],
  b: readonly number[],
): string | null {
  const rows = queryRows<{ run_id: number; key: string; value: string | null }>(
    host.db,
    keyValueRows('params', [...a, ...b]),
  ).filter((r) => EVAL_SET_KEY.test(r.key));
  const inA = new Set(a);
  const sets = new Map<string, { a: Set<string>; b: Set<string> }>();
  for (const r of rows) {
    if (!inA.has(r.run_id) && !b.includes(r.run_id)) continue;
    let s = sets.get(r.key);
    if (!s) sets.set(r.key, (s = { a: new Set(), b: new Set() }));
    (inA.has(r.run_id) ? s.a : s.b).add(r.value ?? '(missing)');
  }
  for (const [key, s] of sets) {
    const same = s.a.size === s.b.size && [...s.a].every((v) => s.b.has(v));
    if (!same)
      return `different eval sets: ${key} is ${[...s.b].join(' / ')} for the winner and ${[...s.a].join(' / ')} for the runner-up`;
  }
  return null;
}

function sourceNames(host: StatsHost, values: readonly MetricValues[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const m of values)
    for (const v of m.byRun.values())
      if (v.sourceId !== null && !(v.sourceId in out))
        out[v.sourceId] = host.sourceName(v.sourceId);
  return out;
}
