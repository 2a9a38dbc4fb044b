/**
 * The same-step comparison the page shows: which runs, which student, axis, policy and metric
 * roles, and the engine's answer. Changing any of them asks the worker again; files are never
 * re-read, and an answer that arrives after a newer question is dropped.
 */

import { chooseStudent, type StudentChoice } from '../align/student';
import type { AlignAxis, AlignPolicy, AlignRequest, AlignResult } from '../align/types';
import type { RunRow } from '../engine/runs-decode';
import type { Direction, MetricRole } from '../schema/metric-roles';
import type { Workspace } from './workspace.svelte';

/** Below this many runs, all are compared when the user has not selected any. */
export const COMPARE_ALL_UP_TO = 12;

export interface AlignEngine {
  align(request: AlignRequest): Promise<AlignResult>;
}

const COUNTER =
  /(^|[/_.\-\s])(samples|tokens|examples|images|sequences|seen|consumed|flops)([/_.\-\s]|$)/i;

export class Comparison {
  #workspace: Workspace;
  #engine: AlignEngine;
  #asked = 0;
  policy = $state<AlignPolicy>('interpolate');
  axis = $state.raw<AlignAxis>({ kind: 'step' });
  /** The student the user picked; null lets the page choose. */
  picked = $state<number | null>(null);
  roles = $state.raw<Record<string, { role: MetricRole; direction: Direction }>>({});
  result = $state.raw<AlignResult | null>(null);
  error = $state<string | null>(null);
  pending = $state(false);

  constructor(workspace: Workspace, engine: AlignEngine) {
    this.#workspace = workspace;
    this.#engine = engine;
  }

  /** The runs in the comparison: the selection, or every run of a small workspace. */
  get runs(): RunRow[] {
    const chosen = this.#workspace.chosenRuns(2);
    return this.#workspace.selection.size >= 2 || chosen.length <= COMPARE_ALL_UP_TO ? chosen : [];
  }

  get student(): StudentChoice | null {
    return chooseStudent(this.runs, this.picked);
  }

  /** Metrics that count something (samples, tokens) and can serve as the x axis. */
  get counterMetrics(): string[] {
    const names = new Set(this.runs.flatMap((r) => r.metricNames)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    return [...names].filter((n) => COUNTER.test(n)).sort();
  }

  get request(): AlignRequest | null {
    const student = this.student;
    if (!student) return null;
    const baselines = this.runs.map((r) => r.runId).filter((id) => id !== student.runId);
    return {
      student: student.runId,
      baselines,
      axis: this.axis,
      policy: this.policy,
      roles: this.roles,
    };
  }

  setRole(metric: string, role: MetricRole, direction: Direction): void {
    this.roles = { ...this.roles, [metric]: { role, direction } };
  }

  async recompute(request: AlignRequest | null): Promise<void> {
    const asked = ++this.#asked;
    if (!request) {
      this.result = null;
      this.error = null;
      return;
    }
    this.pending = true;
    try {
      const result = await this.#engine.align($state.snapshot(request) as AlignRequest);
      if (asked !== this.#asked) return;
      this.result = result;
      this.error = null;
    } catch (error) {
      if (asked !== this.#asked) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (asked === this.#asked) this.pending = false;
    }
  }
}
