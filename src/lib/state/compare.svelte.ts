/**
 * The compare view: which runs side by side (the selection, or every run), in which order, which
 * is the base, and the fields of those runs as the worker gave them.
 */

import { SvelteSet } from 'svelte/reactivity';
import { decodeCompareCells } from '../compare/decode';
import { pivot, type CompareRow } from '../compare/diff';
import type { RunRow } from '../engine/runs-decode';
import type { Workspace } from './workspace.svelte';

export interface CompareEngine {
  compareTable(runIds: number[]): Promise<Uint8Array>;
}

export class CompareView {
  #workspace: Workspace;
  #engine: CompareEngine;
  #asked = 0;
  picked = $state<number | null>(null);
  /** Run ids in the order the user put them; runs not listed follow in table order. */
  order = $state.raw<number[]>([]);
  readonly removed = new SvelteSet<number>();
  hideIdentical = $state(false);
  rows = $state.raw<CompareRow[]>([]);
  /** The run ids `rows` has a cell for, in that order. */
  loaded = $state.raw<number[]>([]);

  constructor(workspace: Workspace, engine: CompareEngine) {
    this.#workspace = workspace;
    this.#engine = engine;
  }

  get runs(): RunRow[] {
    const { runs, selection } = this.#workspace;
    const chosen = (selection.size >= 2 ? runs.filter((r) => selection.has(r.runId)) : runs).filter(
      (r) => !this.removed.has(r.runId),
    );
    const rank = (id: number) => {
      const at = this.order.indexOf(id);
      return at < 0 ? this.order.length + id : at;
    };
    return [...chosen].sort((a, b) => rank(a.runId) - rank(b.runId));
  }

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

  async load(runIds: number[]): Promise<void> {
    const asked = ++this.#asked;
    const cells = decodeCompareCells(await this.#engine.compareTable(runIds));
    if (asked !== this.#asked) return;
    this.rows = pivot(cells, runIds);
    this.loaded = runIds;
  }
}
