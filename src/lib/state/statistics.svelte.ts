/**
 * The statistics view: which runs are grouped how, which group is the reference, where each run's
 * number comes from (the same step as the comparison above, or final, or best), the bootstrap's
 * size and seed, and the best-run question. The worker answers; a stale answer is dropped.
 */

import type { Params } from '../engine/run-params';
import type { Direction } from '../schema/metric-roles';
import { isSeedKey, seedGroups } from '../stats/seed-groups';
import {
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Aggregation,
  type Constraint,
  type StatsGroup,
  type StatsRequest,
  type StatsResult,
} from '../stats/types';
import type { Comparison } from './comparison.svelte';
import type { Grouping } from './curves.svelte';

export interface StatsEngine {
  statistics(request: StatsRequest): Promise<StatsResult>;
}

export const TREND_POINTS = 10;

/**
 * The most groups tested against a reference at once: each is a bootstrap of its own, and a
 * table row per metric; thousands of one-run groups would say nothing a sweep view does not.
 */
export const MAX_GROUPS = 50;

export class StatisticsView {
  #comparison: Comparison;
  #engine: StatsEngine;
  #asked = 0;
  grouping = $state.raw<Grouping>({ kind: 'seeds' });
  /** The reference group's label; null picks the group without the student. */
  reference = $state<string | null>(null);
  aggregation = $state<Aggregation['kind']>('aligned');
  resamples = $state(DEFAULT_RESAMPLES);
  seed = $state(DEFAULT_SEED);
  trendPoints = $state(TREND_POINTS);
  primary = $state<string | null>(null);
  direction = $state<Direction | null>(null);
  constraints = $state.raw<Constraint[]>([]);
  result = $state.raw<StatsResult | null>(null);
  error = $state<string | null>(null);
  pending = $state(false);

  constructor(comparison: Comparison, engine: StatsEngine) {
    this.#comparison = comparison;
    this.#engine = engine;
  }

  /** The comparison's runs in groups: by config without the seed, by chosen keys, or one each. */
  readonly groups: StatsGroup[] = $derived.by(() => {
    const runs = this.#comparison.runs;
    if (this.grouping.kind === 'none')
      return runs.map((r) => ({ label: r.name, runIds: [r.runId] }));
    const keys = this.grouping.kind === 'params' ? this.grouping.keys : undefined;
    return seedGroups(
      runs.map((r) => ({ runId: r.runId, params: r.params })),
      keys,
    ).map((g) => ({ label: g.key, runIds: g.runIds }));
  });

  get metrics(): string[] {
    const names = new Set(this.#comparison.runs.flatMap((r) => r.metricNames)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    return [...names].sort();
  }

  /** Every key a constraint may name: metrics, then numeric hyperparameters. */
  get constraintKeys(): string[] {
    const params = new Set<string>(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    for (const r of this.#comparison.runs)
      for (const k of r.params.keys()) {
        const v = r.params.get(k);
        if (v !== null && v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)))
          params.add(k);
      }
    return [...this.metrics, ...[...params].filter((k) => !this.metrics.includes(k)).sort()];
  }

  get referenceIndex(): number {
    const groups = this.groups;
    const named = groups.findIndex((g) => g.label === this.reference);
    if (named >= 0) return named;
    const student = this.#comparison.student?.runId;
    const other = groups.findIndex((g) => student === undefined || !g.runIds.includes(student));
    return Math.max(0, other);
  }

  /** Past MAX_GROUPS groups (a sweep's runs, each a config of its own) nothing is tested. */
  get tooManyGroups(): boolean {
    return this.groups.length > MAX_GROUPS;
  }

  get request(): StatsRequest | null {
    const groups = this.groups;
    const student = this.#comparison.student;
    if (groups.length < 2 || groups.length > MAX_GROUPS || !student) return null;
    const comparison = this.#comparison;
    const aggregation: Aggregation =
      this.aggregation === 'aligned'
        ? {
            kind: 'aligned',
            student: student.runId,
            axis: comparison.axis,
            policy: comparison.policy,
          }
        : { kind: this.aggregation };
    const primary = this.primary ?? defaultPrimary(this.metrics);
    return {
      groups,
      reference: this.referenceIndex,
      aggregation,
      seeds: seedsOf(comparison.runs),
      roles: comparison.roles,
      resamples: this.resamples,
      seed: this.seed,
      trend: { runId: student.runId, points: this.trendPoints },
      selection: primary
        ? {
            primary,
            ...(this.direction ? { direction: this.direction } : {}),
            constraints: this.constraints,
          }
        : undefined,
    };
  }

  addConstraint(constraint: Constraint): void {
    this.constraints = [...this.constraints, constraint];
  }

  removeConstraint(index: number): void {
    this.constraints = this.constraints.filter((_, i) => i !== index);
  }

  async recompute(request: StatsRequest | null): Promise<void> {
    const asked = ++this.#asked;
    if (!request) {
      this.result = null;
      this.error = null;
      return;
    }
    this.pending = true;
    try {
      const result = await this.#engine.statistics(request);
      if (asked !== this.#asked) return;
      this.result = result;
      this.error = null;
      performance.mark('lockstep:statistics-drawn', { detail: result.elapsedMs });
    } catch (error) {
      if (asked !== this.#asked) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (asked === this.#asked) this.pending = false;
    }
  }
}

/** The first downstream-looking metric (eval/val/test), else the first metric. */
export function defaultPrimary(metrics: readonly string[]): string | null {
  const target = metrics.find((m) =>
    /^(eval|val|valid|validation|test|downstream)[_/.\-\s]/i.test(m),
  );
  return target ?? metrics[0] ?? null;
}

/** Each run's seed: the value of its first seed key (`seed`, `random_seed`, `*_seed`). */
export function seedsOf(
  runs: readonly { runId: number; params: Params }[],
): Record<number, string> {
  const out: Record<number, string> = {};
  for (const r of runs) {
    const key = r.params.keys().find((k) => isSeedKey(k) && r.params.get(k) != null);
    if (key !== undefined) out[r.runId] = r.params.get(key) as string;
  }
  return out;
}
