/**
 * The debug samples of the workspace and the iteration the Samples view shows: one slider for
 * every run, so the same sample of each run sits side by side at the same iteration.
 */

import type { EngineSample } from '../engine/api';
import { buildGrid, type SampleGrid } from '../samples/grid';
import type { Sample } from '../samples/types';
import type { Workspace } from './workspace.svelte';

export interface SamplesEngine {
  samples(): Promise<EngineSample[]>;
}

export class SamplesView {
  #workspace: Workspace;
  #engine: SamplesEngine;
  #asked = 0;
  /** Replaced whole, never mutated: a folder may hold thousands. */
  #dropped = $state.raw<Sample[]>([]);
  #fromEvents = $state.raw<Sample[]>([]);
  /** The iteration picked on the slider; `null` follows the newest. */
  picked = $state<number | null>(null);
  /** The sample shown large, or `null`. */
  zoomed = $state.raw<Sample | null>(null);

  readonly grid: SampleGrid = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built whole each time, never mutated
    const order = new Map(
      this.#workspace.runs.map((r, i) => [r.runKey, { name: r.name, order: i }]),
    );
    return buildGrid([...this.#dropped, ...this.#fromEvents], (key) => order.get(key) ?? null);
  });

  /** The iteration shown: the picked one, else the last any run logged. */
  readonly step: number | null = $derived(
    this.picked ?? (this.grid.steps.length ? this.grid.steps[this.grid.steps.length - 1] : null),
  );

  constructor(workspace: Workspace, engine: SamplesEngine) {
    this.#workspace = workspace;
    this.#engine = engine;
  }

  /** Asks the engine for the samples of the files it read (TensorBoard images); the newest answer wins. */
  async reload(): Promise<void> {
    const asked = ++this.#asked;
    let found: EngineSample[];
    try {
      found = await this.#engine.samples();
    } catch {
      return; // A worker being restarted answers after it re-reads the files: the next refresh asks again.
    }
    if (asked !== this.#asked) return;
    this.#fromEvents = found.map((s) => ({
      kind: s.kind,
      key: s.key,
      step: s.step,
      mime: s.mime,
      file: s.file,
      blob: s.blob,
      run: { runKey: s.runKey, folder: s.runKey.replace(/^[a-z]+:/, '') },
    }));
  }

  /** The samples of dropped files (not those inside event files, which come with their file). */
  get dropped(): readonly Sample[] {
    return this.#dropped;
  }

  get count(): number {
    return this.#dropped.length + this.#fromEvents.length;
  }

  add(samples: readonly Sample[]): void {
    if (samples.length > 0) this.#dropped = [...this.#dropped, ...samples];
  }

  clear(): void {
    this.#dropped = [];
    this.#fromEvents = [];
    this.picked = null;
    this.zoomed = null;
  }
}
