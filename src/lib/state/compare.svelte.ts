/**
 * The compare view: which runs side by side (the selection, or every run), in which order, which
 * is the base, and the fields of those runs as the worker gave them.
 */

import { SvelteSet } from 'svelte/reactivity';
import { CompareTable, type CompareViewData, type CompareViewRequest } from '../compare/view-data';
import type { RunRow } from '../engine/runs-decode';
import type { Workspace } from './workspace.svelte';

export interface CompareEngine {
  compareView(request: CompareViewRequest): Promise<CompareViewData>;
}

/** The most runs compared side by side. */
export const MAX_COMPARED = 200;

export class CompareView {
  #workspace: Workspace;
  #engine: CompareEngine;
  #asked = 0;
  /** What was last asked for: the request and the runs table it was asked against. */
  #loaded: { key: string | null; data: readonly RunRow[] | null } = { key: null, data: null };
  picked = $state<number | null>(null);
  /** Run ids in the order the user put them; runs not listed follow in table order. */
  order = $state.raw<number[]>([]);
  readonly removed = new SvelteSet<number>();
  hideIdentical = $state(false);
  /** The fields of the runs last loaded, diffed against the base they were loaded with. */
  table = $state.raw<CompareTable | null>(null);

  constructor(workspace: Workspace, engine: CompareEngine) {
    this.#workspace = workspace;
    this.#engine = engine;
  }

  /** Every run the user chose to compare, in their order. Derived once per change. */
  readonly chosen: RunRow[] = $derived.by(() => {
    const chosen = this.#workspace.chosenRuns(2).filter((r) => !this.removed.has(r.runId));
    const rank = (id: number) => {
      const at = this.order.indexOf(id);
      return at < 0 ? this.order.length + id : at;
    };
    return [...chosen].sort((a, b) => rank(a.runId) - rank(b.runId));
  });

  /**
   * The runs side by side: the first MAX_COMPARED chosen (the page says when there are more).
   * Ten thousand columns read by nobody cost the worker a second it owes the other views.
   */
  readonly runs: RunRow[] = $derived(this.chosen.slice(0, MAX_COMPARED));

  /** The base run: the one picked, else the first column. */
  get base(): number | null {
    const runs = this.runs;
    if (this.picked !== null && runs.some((r) => r.runId === this.picked)) return this.picked;
    return runs[0]?.runId ?? null;
  }

  /** Moves a run one column left (-1) or right (+1). */
  move(runId: number, by: -1 | 1): void {
    const ids = this.runs.map((r) => r.runId);
    const at = ids.indexOf(runId);
    const to = at + by;
    if (at < 0 || to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to], ids[at]];
    this.order = ids;
  }

  /**
   * Asks the worker for these runs against this base, unless the table shown (or on its way) is
   * already that for the current data: scrolling away and back asks nothing.
   */
  async load(runIds: number[], base: number | null): Promise<void> {
    const key = base === null || runIds.length === 0 ? null : `${base}|${runIds.join(',')}`;
    const data = this.#workspace.runs;
    if (key !== null && key === this.#loaded.key && data === this.#loaded.data) return;
    const asked = ++this.#asked;
    this.#loaded = { key, data };
    if (key === null || base === null) {
      this.table = null;
      return;
    }
    try {
      const answer = await this.#engine.compareView({ runIds, base });
      if (asked === this.#asked) this.table = new CompareTable(answer);
    } catch (error) {
      if (asked === this.#asked) this.#loaded = { key: null, data: null };
      throw error;
    }
  }
}
