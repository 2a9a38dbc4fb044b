/**
 * The page's view state in and out of a link. `capture` reads every view's choices into a
 * ViewState (runs named by tracker id); `apply` writes one back, as far as the loaded runs allow,
 * and says which runs and files it could not find. A state waits (`pending`) until the runs it
 * names are loaded, so a link opened before its files are dropped restores the page once they are.
 */

import type { AlignAxis } from '../align/types';
import type { ViewName, ViewState } from '../share/view-state';
import type { PageContext } from './workspace-context';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../stats/types';
import { TREND_POINTS } from './statistics.svelte';

/** The page's state objects a link reads and writes. */
export type ViewParts = Pick<
  PageContext,
  'workspace' | 'comparison' | 'curves' | 'compare' | 'sweep' | 'statistics'
>;

export interface Restored {
  /** Run keys the state names that no loaded run has. */
  missingRuns: string[];
  /** Files the state was made from that are not loaded (by name). */
  missingFiles: { name: string; bytes: number | null }[];
}

export class ViewLink {
  #parts: ViewParts;
  /** The section the link points at; null for the whole page from the top. */
  view = $state<ViewName | null>(null);
  /** A state from a link whose runs are not all loaded yet. */
  pending = $state.raw<ViewState | null>(null);
  /** What the last restore could not find, said on the page. */
  restored = $state.raw<Restored | null>(null);
  /** Why a link could not be read, said on the page. */
  problem = $state<string | null>(null);
  /** What the link being written leaves out, said on the page. */
  note = $state<string | null>(null);

  constructor(parts: ViewParts) {
    this.#parts = parts;
  }

  capture(): ViewState {
    const { workspace, comparison, curves, compare, sweep, statistics } = this.#parts;
    const key = (id: number) => workspace.runLabel(id).runKey;
    const keys = (ids: Iterable<number>) => [...ids].map(key);
    const state: ViewState = { v: 1 };
    if (this.view) state.view = this.view;
    state.files = workspace.files
      .filter((f) => f.status !== 'failed' && f.status !== 'cancelled' && f.status !== 'duplicate')
      .map((f) => ({ name: f.name, bytes: f.bytes }));
    if (workspace.selection.size > 0) state.runs = keys(workspace.selection);

    const sameStep: NonNullable<ViewState['sameStep']> = {};
    if (comparison.picked !== null) sameStep.student = key(comparison.picked);
    if (comparison.axis.kind !== 'step') sameStep.axis = comparison.axis;
    if (comparison.policy !== 'interpolate') sameStep.policy = comparison.policy;
    if (Object.keys(comparison.roles).length > 0) sameStep.roles = comparison.roles;
    if (Object.keys(sameStep).length > 0) state.sameStep = sameStep;

    state.curves = {
      ...(curves.filter ? { filter: curves.filter } : {}),
      ...(curves.axis.kind !== 'step' ? { axis: curves.axis } : {}),
      smoothing: curves.smoothing,
      showRaw: curves.showRaw,
      logX: curves.logX,
      logY: curves.logY,
      ...(curves.grouping.kind !== 'none' ? { grouping: curves.grouping } : {}),
      center: curves.center,
      band: curves.band,
      ...(curves.hidden.size > 0 ? { hidden: keys(curves.hidden) } : {}),
    };

    const ranges = Object.fromEntries(
      Object.entries(sweep.ranges)
        .filter(([, rs]) => rs.length > 0)
        .map(([column, rs]) => [column, rs.map(([lo, hi]) => [lo, hi] as [number, number])]),
    );
    state.sweep = {
      ...(sweep.mode.kind !== 'last' ? { mode: sweep.mode } : {}),
      ...(sweep.chosenAxes ? { axes: sweep.chosenAxes } : {}),
      ...(sweep.chosenColor ? { color: sweep.chosenColor } : {}),
      ...(sweep.log.size > 0 ? { log: [...sweep.log] } : {}),
      ...(sweep.notLog.size > 0 ? { notLog: [...sweep.notLog] } : {}),
      ...(sweep.flipped.size > 0 ? { flipped: [...sweep.flipped] } : {}),
      ...(Object.keys(ranges).length > 0 ? { ranges } : {}),
      ...(sweep.topPercent !== null ? { topPercent: sweep.topPercent } : {}),
    };

    state.compare = {
      ...(compare.picked !== null ? { base: key(compare.picked) } : {}),
      ...(compare.order.length > 0 ? { order: keys(compare.order) } : {}),
      ...(compare.removed.size > 0 ? { removed: keys(compare.removed) } : {}),
      ...(compare.hideIdentical ? { hideIdentical: true } : {}),
    };

    state.statistics = {
      ...(statistics.grouping.kind !== 'seeds' ? { grouping: statistics.grouping } : {}),
      ...(statistics.reference !== null ? { reference: statistics.reference } : {}),
      ...(statistics.aggregation !== 'aligned' ? { aggregation: statistics.aggregation } : {}),
      ...(statistics.resamples !== DEFAULT_RESAMPLES ? { resamples: statistics.resamples } : {}),
      ...(statistics.seed !== DEFAULT_SEED ? { seed: statistics.seed } : {}),
      ...(statistics.trendPoints !== TREND_POINTS ? { trendPoints: statistics.trendPoints } : {}),
      ...(statistics.primary !== null ? { primary: statistics.primary } : {}),
      ...(statistics.direction !== null ? { direction: statistics.direction } : {}),
      ...(statistics.constraints.length > 0 ? { constraints: statistics.constraints } : {}),
    };
    for (const part of ['curves', 'sweep', 'compare', 'statistics'] as const)
      if (Object.keys(state[part] ?? {}).length === 0) delete state[part];
    return state;
  }

  /**
   * Takes a state from a link: applied now as far as the loaded runs go, and kept pending while
   * runs it names are missing (see `retry`).
   */
  open(state: ViewState): void {
    this.problem = null;
    this.view = state.view ?? null;
    this.pending = state;
    this.retry();
  }

  /** Applies the pending state again once runs are loaded; done when every run it names is there. */
  retry(): void {
    const state = this.pending;
    if (!state) return;
    if (this.#parts.workspace.runs.length === 0) {
      this.restored = { missingRuns: [], missingFiles: this.#missingFiles(state) };
      return;
    }
    this.restored = this.apply(state);
    if (this.restored.missingRuns.length === 0) this.pending = null;
  }

  apply(state: ViewState): Restored {
    const { workspace, comparison, curves, compare, sweep, statistics } = this.#parts;
    const byKey = new Map(workspace.runs.map((r) => [r.runKey, r.runId])); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const missing = new Set<string>(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const ids = (list: readonly string[] = []) =>
      list.flatMap((k) => {
        const id = byKey.get(k);
        if (id === undefined) missing.add(k);
        return id === undefined ? [] : [id];
      });
    const id = (k: string | undefined) => (k === undefined ? null : (ids([k])[0] ?? null));

    this.view = state.view ?? null;
    workspace.selection.replace(ids(state.runs));

    const s = state.sameStep ?? {};
    comparison.picked = id(s.student);
    comparison.axis = s.axis ?? ({ kind: 'step' } as AlignAxis);
    comparison.policy = s.policy ?? 'interpolate';
    comparison.roles = s.roles ?? {};

    const c = state.curves ?? {};
    curves.filter = c.filter ?? '';
    curves.axis = c.axis ?? { kind: 'step' };
    curves.smoothing = c.smoothing ?? { kind: 'ema', weight: 0.6 };
    curves.showRaw = c.showRaw ?? true;
    curves.logX = c.logX ?? false;
    curves.logY = c.logY ?? false;
    curves.grouping = c.grouping ?? { kind: 'none' };
    curves.center = c.center ?? 'mean';
    curves.band = c.band ?? 'ci95';
    curves.hidden.clear();
    for (const r of ids(c.hidden)) curves.hidden.add(r);

    const w = state.sweep ?? {};
    sweep.mode = w.mode ?? { kind: 'last' };
    sweep.chosenAxes = w.axes ?? null;
    sweep.chosenColor = w.color ?? null;
    replace(sweep.log, w.log);
    replace(sweep.notLog, w.notLog);
    replace(sweep.flipped, w.flipped);
    sweep.ranges = w.ranges ?? {};
    sweep.topPercent = w.topPercent ?? null;

    const p = state.compare ?? {};
    compare.picked = id(p.base);
    compare.order = ids(p.order);
    compare.removed.clear();
    for (const r of ids(p.removed)) compare.removed.add(r);
    compare.hideIdentical = p.hideIdentical ?? false;

    const t = state.statistics ?? {};
    statistics.grouping = t.grouping ?? { kind: 'seeds' };
    statistics.reference = t.reference ?? null;
    statistics.aggregation = t.aggregation ?? 'aligned';
    statistics.resamples = t.resamples ?? DEFAULT_RESAMPLES;
    statistics.seed = t.seed ?? DEFAULT_SEED;
    statistics.trendPoints = t.trendPoints ?? TREND_POINTS;
    statistics.primary = t.primary ?? null;
    statistics.direction = t.direction ?? null;
    statistics.constraints = t.constraints ?? [];

    return { missingRuns: [...missing], missingFiles: this.#missingFiles(state) };
  }

  #missingFiles(state: ViewState): Restored['missingFiles'] {
    const loaded = new Set(this.#parts.workspace.files.map((f) => f.name)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    return (state.files ?? []).filter((f) => !loaded.has(f.name));
  }
}

function replace(set: Set<string>, values: readonly string[] = []): void {
  set.clear();
  for (const v of values) set.add(v);
}
