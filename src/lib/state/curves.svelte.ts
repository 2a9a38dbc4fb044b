/**
 * What the curve charts show: which metrics, on which axis, smoothed how, grouped how, and the
 * state shared between charts (hidden runs, the hovered x). Each chart asks the worker for its
 * own lines (see CurveChart.svelte); nothing here holds points.
 */

import { SvelteSet } from 'svelte/reactivity';
import type { AlignAxis } from '../align/types';
import type { BandKind } from '../curves/bands';
import type { Smoothing } from '../curves/smoothing';
import type { RunRow } from '../engine/runs-decode';
import { seedGroups } from '../stats/seed-groups';
import type { Workspace } from './workspace.svelte';

export type Grouping = { kind: 'none' } | { kind: 'seeds' } | { kind: 'params'; keys: string[] };

export class CurvesView {
  #workspace: Workspace;
  filter = $state('');
  axis = $state.raw<AlignAxis>({ kind: 'step' });
  smoothing = $state.raw<Smoothing>({ kind: 'ema', weight: 0.6 });
  showRaw = $state(true);
  logX = $state(false);
  logY = $state(false);
  grouping = $state.raw<Grouping>({ kind: 'none' });
  center = $state<'mean' | 'median'>('mean');
  band = $state<BandKind>('ci95');
  readonly hidden = new SvelteSet<number>();
  /** The x under the pointer in any chart, shown in all of them. */
  hoveredX = $state<number | null>(null);

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  // Derived once per change rather than getters: every chart reads these in each update.

  /** The selected runs, or every run when none is selected: never a silent subset. */
  readonly runs: RunRow[] = $derived.by(() => this.#workspace.chosenRuns(1));

  readonly visibleRuns: RunRow[] = $derived.by(() =>
    this.runs.filter((r) => !this.hidden.has(r.runId)),
  );

  /** Every metric of the runs shown, filtered by name (a /regex/ or a substring). */
  readonly metrics: string[] = $derived.by(() => {
    const names = new Set(this.runs.flatMap((r) => r.metricNames)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    return [...names].filter(matcher(this.filter)).sort();
  });

  get filterError(): string | null {
    return regexError(this.filter);
  }

  readonly groups: { key: string; runIds: number[] }[] | null = $derived.by(() => {
    if (this.grouping.kind === 'none') return null;
    const runs = this.visibleRuns.map((r) => ({ runId: r.runId, params: r.params }));
    return seedGroups(runs, this.grouping.kind === 'params' ? this.grouping.keys : undefined);
  });

  toggle(runId: number): void {
    if (this.hidden.has(runId)) this.hidden.delete(runId);
    else this.hidden.add(runId);
  }
}

function regexError(filter: string): string | null {
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (!m) return null;
  try {
    new RegExp(m[1], m[2]);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** `/…/flags` is a regular expression; anything else a case-insensitive substring. */
export function matcher(filter: string): (name: string) => boolean {
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (m) {
    try {
      const re = new RegExp(m[1], m[2]);
      return (name) => re.test(name);
    } catch {
      return () => true;
    }
  }
  const needle = filter.trim().toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
