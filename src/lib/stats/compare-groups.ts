/**
 * One metric's groups compared: each group's n, mean, sd and bootstrap intervals; each group
 * against the reference with the difference of means, its intervals, Welch's t, Mann–Whitney U,
 * the paired tests when runs pair up by seed, effect sizes, and the chance each group is best.
 * With fewer than two runs on a side no test is run and the page says so.
 */

import type { Direction, MetricRole } from '../schema/metric-roles';
import {
  bcaDifferenceInterval,
  bcaInterval,
  bootstrapDifference,
  bootstrapMeans,
  probabilityBest,
} from './bootstrap';
import { cohensD, hedgesG } from './effect-size';
import { holm } from './holm';
import { percentileInterval, type Interval } from './percentile-interval';
import { streamSeed } from './random';
import { mannWhitney, wilcoxonSignedRank } from './rank-tests';
import { NO_SPREAD, pairedTTest, welchTTest } from './t-tests';
import type {
  GroupComparison,
  GroupSummary,
  MetricStats,
  RunValue,
  StatsGroup,
  TestResult,
} from './types';

export const SINGLE_SEED = 'single seed: no test possible';

export interface MetricInput {
  metric: string;
  role: MetricRole;
  direction: Direction;
  xStar: number | null;
  groups: readonly StatsGroup[];
  reference: number;
  byRun: Map<number, RunValue>;
  seeds: Record<number, string>;
  resamples: number;
  seed: number;
  level: number;
}

interface Sample {
  runIds: number[];
  values: number[];
}

function finite(group: StatsGroup, byRun: Map<number, RunValue>): Sample {
  const runIds: number[] = [];
  const values: number[] = [];
  for (const id of group.runIds) {
    const v = byRun.get(id)?.value;
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      runIds.push(id);
      values.push(v);
    }
  }
  return { runIds, values };
}

export function compareGroups(input: MetricInput): MetricStats {
  const samples = input.groups.map((g) => finite(g, input.byRun));
  const options = { resamples: input.resamples, seed: input.seed };
  // Each group draws from a stream of its own: resampling every group by the same indices would tie them.
  const resampled = samples.map((s, i) =>
    s.values.length >= 2
      ? bootstrapMeans(s.values, { ...options, seed: streamSeed(input.seed, i) })
      : null,
  );
  const allTestable = resampled.every((r) => r !== null);
  const pBest = allTestable ? probabilityBest(resampled as Float64Array[], input.direction) : null;
  const groups: GroupSummary[] = input.groups.map((g, i) => {
    const { values } = samples[i];
    const n = values.length;
    const mean = n === 0 ? null : values.reduce((a, b) => a + b, 0) / n;
    const spread =
      n < 2 || mean === null
        ? null
        : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
    // Identical values give a mean a rounding away from each of them, and an sd of ~1e-20.
    const sd = spread === null || spread > NO_SPREAD * Math.abs(mean as number) ? spread : 0;
    const boot = resampled[i];
    return {
      label: g.label,
      runIds: g.runIds,
      values: g.runIds.map((id) => input.byRun.get(id) ?? missing(id)),
      n,
      mean,
      sd,
      percentile: boot ? percentileInterval(boot, input.level) : null,
      bca: boot ? bcaInterval(values, boot, input.level) : null,
      pBest: pBest ? pBest[i] : null,
    };
  });
  const comparisons = input.groups
    .map((_, b) => b)
    .filter((b) => b !== input.reference)
    .map((b) => compareTwo(input, samples, groups, input.reference, b));
  return {
    metric: input.metric,
    role: input.role,
    direction: input.direction,
    xStar: input.xStar,
    groups,
    comparisons,
  };
}

function missing(runId: number): RunValue {
  return { runId, value: null, method: 'not logged', steps: [], sourceId: null };
}

function compareTwo(
  input: MetricInput,
  samples: Sample[],
  groups: GroupSummary[],
  a: number,
  b: number,
): GroupComparison {
  const A = samples[a].values;
  const B = samples[b].values;
  const difference =
    groups[a].mean === null || groups[b].mean === null
      ? null
      : (groups[b].mean as number) - (groups[a].mean as number);
  const bBetter =
    difference === null || difference === 0
      ? null
      : input.direction === 'max'
        ? difference > 0
        : difference < 0;
  const empty: GroupComparison = {
    a,
    b,
    noTest: SINGLE_SEED,
    difference,
    bBetter,
    percentile: null,
    bca: null,
    welch: null,
    mannWhitney: null,
    paired: null,
    cohenD: null,
    hedgesG: null,
  };
  if (A.length < 2 || B.length < 2) return empty;
  const boot = bootstrapDifference(A, B, { resamples: input.resamples, seed: input.seed });
  // Every statistic reads as b against a, like the difference: t > 0 and W above n_a·n_b / 2 when b is higher.
  const welch = welchTTest(B, A, input.level);
  const mw = mannWhitney(B, A);
  return {
    ...empty,
    noTest: null,
    percentile: percentileInterval(boot.differences, input.level),
    bca: bcaDifferenceInterval(A, B, boot.differences, input.level),
    welch: welch && test(welch.t, welch.p, "Welch's t", welch.df),
    mannWhitney: mw && test(mw.statistic, mw.p, mw.method),
    paired: pairedBySeed(input, samples[a], samples[b]),
    cohenD: cohensD(A, B),
    hedgesG: hedgesG(A, B),
  };
}

/** The paired tests over runs of the two groups that share a seed; null with fewer than two pairs. */
function pairedBySeed(input: MetricInput, a: Sample, b: Sample): GroupComparison['paired'] {
  const bySeed = new Map<string, number>();
  a.runIds.forEach((id, i) => {
    const seed = input.seeds[id];
    if (seed !== undefined && !bySeed.has(seed)) bySeed.set(seed, a.values[i]);
  });
  const x: number[] = [];
  const y: number[] = [];
  const used = new Set<string>();
  b.runIds.forEach((id, i) => {
    const seed = input.seeds[id];
    if (seed === undefined || used.has(seed) || !bySeed.has(seed)) return;
    used.add(seed);
    x.push(bySeed.get(seed) as number);
    y.push(b.values[i]);
  });
  if (x.length < 2) return null;
  const t = pairedTTest(y, x, input.level);
  const w = wilcoxonSignedRank(y, x);
  return {
    pairs: x.length,
    t: t && test(t.t, t.p, 'paired t', t.df),
    wilcoxon: w && test(w.statistic, w.p, w.method),
  };
}

function test(statistic: number, p: number, method: string, df?: number): TestResult {
  return { statistic, p, pHolm: p, method, ...(df === undefined ? {} : { df }) };
}

/**
 * Holm across every comparison in the answer, one family per test (all Welch p-values together,
 * all Mann–Whitney together…), so comparing many metrics or groups at once is not a fishing trip.
 */
export function adjustHolm(metrics: MetricStats[]): void {
  const families: ((c: GroupComparison) => TestResult | null)[] = [
    (c) => c.welch,
    (c) => c.mannWhitney,
    (c) => c.paired?.t ?? null,
    (c) => c.paired?.wilcoxon ?? null,
  ];
  for (const pick of families) {
    const tests = metrics
      .flatMap((m) => m.comparisons.map(pick))
      .filter((t): t is TestResult => t !== null);
    const adjusted = holm(tests.map((t) => t.p));
    tests.forEach((t, i) => (t.pHolm = adjusted[i]));
  }
}

/** The winner's margin over the runner-up (values of b minus a): its BCa interval and Welch's p. */
export function marginTest(
  a: number[],
  b: number[],
  options: { resamples: number; seed: number; level: number },
): { interval: Interval | null; p: number | null } {
  if (a.length < 2 || b.length < 2) return { interval: null, p: null };
  const boot = bootstrapDifference(a, b, options);
  return {
    interval: bcaDifferenceInterval(a, b, boot.differences, options.level),
    p: welchTTest(b, a, options.level)?.p ?? null,
  };
}
