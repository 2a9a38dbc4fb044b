/**
 * The debug samples of the workspace and the iteration the Samples view shows: one slider for
 * every run, so the same sample of each run sits side by side at the same iteration.
 */

import { buildGrid, type SampleGrid } from '../samples/grid';
import type { Sample } from '../samples/types';
import type { Workspace } from './workspace.svelte';

export class SamplesView {
  #workspace: Workspace;
  /** Replaced whole, never mutated: a folder may hold thousands. */
  #dropped = $state.raw<Sample[]>([]);
  #fromEvents = $state.raw<Sample[]>([]);
  /** The iteration picked on the slider; `null` follows the newest. */
  picked = $state<number | null>(null);
  /** The sample shown large, or `null`. */
  zoomed = $state.raw<Sample | null>(null);

  readonly grid: SampleGrid = $derived.by(() => {
    const order = new Map(
      this.#workspace.runs.map((r, i) => [r.runKey, { name: r.name, order: i }]),
    );
    return buildGrid([...this.#dropped, ...this.#fromEvents], (key) => order.get(key) ?? null);
  });

  /** The iteration shown: the picked one, else the last any run logged. */
  readonly step: number | null = $derived(
    this.picked ?? (this.grid.steps.length ? this.grid.steps[this.grid.steps.length - 1] : null),
  );

  constructor(workspace: Workspace) {
    this.#workspace = workspace;
  }

  get count(): number {
    return this.#dropped.length + this.#fromEvents.length;
  }

  add(samples: readonly Sample[]): void {
    if (samples.length > 0) this.#dropped = [...this.#dropped, ...samples];
  }

  /** The samples read out of event files, all of them, as the engine lists them now. */
  setFromEvents(samples: Sample[]): void {
    this.#fromEvents = samples;
  }

  clear(): void {
    this.#dropped = [];
    this.#fromEvents = [];
    this.picked = null;
    this.zoomed = null;
  }
}
