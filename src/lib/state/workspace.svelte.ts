/**
 * The workspace: the files the user gave us, their progress and reports, and the runs they hold.
 * Files are read one at a time by the engine worker; the `Blob`s are kept here so a restarted
 * worker can read them again.
 */

import { SvelteSet } from 'svelte/reactivity';
import type { IngestEvent, SourceReport, SourceStatus } from '../engine/api';
import { EngineRestartedError, type EngineClient, type EngineEvent } from '../engine/client';
import { decodeRunsTable, type RunRow } from '../engine/runs-decode';
import { skipMirrorFolders, type PickedFile } from '../files/collect';

export type FileStatus = SourceStatus | 'queued';

export interface WorkspaceFile {
  id: number;
  name: string;
  blob: Blob;
  status: FileStatus;
  bytesRead: number;
  points: number;
  report: SourceReport | null;
  /** The engine's id for this file while it is loaded. */
  sourceId: number | null;
}

const KEEP_ON_RESTART: FileStatus[] = ['loaded', 'partial', 'reading', 'queued'];

export class Workspace {
  #engine: EngineClient;
  #nextId = 1;
  #queue: Promise<void> = Promise.resolve();
  /** Bumped when the worker is replaced, so a queue loop of the old worker stops. */
  #epoch = 0;
  /** Files handed to the engine in the batch under way. */
  #inBatch: readonly number[] = [];
  files = $state<WorkspaceFile[]>([]);
  /** Replaced whole on each refresh, never mutated: no deep proxies for thousands of runs. */
  runs = $state.raw<RunRow[]>([]);
  paramKeys = $state.raw<string[]>([]);
  notice = $state<string | null>(null);
  /** Run ids the user selected in the runs table. */
  readonly selection = new SvelteSet<number>();
  /** True while files are being read or the runs table refreshed. */
  busy = $state(false);

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  /** Queues files for reading; files already loaded stay loaded. */
  add(picked: PickedFile[]): Promise<void> {
    const { kept, skipped } = skipMirrorFolders(picked);
    if (skipped.length > 0) {
      this.notice = `Skipped ${skipped.join(', ')}: W&B's copy of the newest run-* folder dropped beside it, which would load that run twice.`;
    }
    const added = kept.map((p) => this.#track(p));
    // One assignment, not a push per file: a dropped folder may hold thousands.
    this.files = [...this.files, ...added];
    return this.#enqueue(added.map((f) => f.id));
  }

  #track(p: PickedFile): WorkspaceFile {
    const file: WorkspaceFile = {
      id: this.#nextId++,
      name: p.name,
      blob: p.blob,
      status: 'queued',
      bytesRead: 0,
      points: 0,
      report: null,
      sourceId: null,
    };
    return file;
  }

  #file(id: number): WorkspaceFile | undefined {
    return this.files.find((f) => f.id === id);
  }

  #enqueue(ids: number[]): Promise<void> {
    const epoch = this.#epoch;
    this.#queue = this.#queue.then(async () => {
      if (epoch !== this.#epoch) return;
      this.busy = true;
      try {
        await this.#readBatch(ids, epoch);
        if (epoch === this.#epoch) await this.refresh();
      } finally {
        if (epoch === this.#epoch) this.busy = false;
      }
    });
    return this.#queue;
  }

  /** Sends the files still waiting to the engine as one batch, and follows its events. */
  async #readBatch(ids: number[], epoch: number): Promise<void> {
    const wanted = new Set(ids); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const files = this.files.filter((f) => wanted.has(f.id) && f.status === 'queued');
    if (files.length === 0) return;
    this.#inBatch = files.map((f) => f.id);
    let lastRefresh = performance.now();
    const byId = new Map(files.map((f) => [f.id, f])); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const onEvent = (event: IngestEvent) => {
      const f = byId.get(event.key);
      if (!f) return;
      if (event.kind === 'start') {
        f.status = 'reading';
        f.sourceId = event.sourceId;
      } else if (event.kind === 'progress') {
        f.bytesRead = event.bytesRead;
        f.points = event.points;
      } else {
        f.report = event.report;
        f.status = event.report.status;
        f.sourceId = event.report.sourceId;
        f.bytesRead = f.blob.size;
        f.points = event.report.report?.points ?? 0;
        // Runs appear as files land, not only when the whole drop is done.
        if (performance.now() - lastRefresh > 500) {
          lastRefresh = performance.now();
          void this.refresh();
        }
      }
    };
    try {
      await this.#engine.ingestBatch(
        files.map((f) => ({ key: f.id, name: f.name, blob: f.blob })),
        (events) => {
          if (epoch === this.#epoch) for (const event of events) onEvent(event);
        },
      );
    } catch (error) {
      if (error instanceof EngineRestartedError) return;
      for (const f of files) {
        if (f.status !== 'queued' && f.status !== 'reading') continue;
        f.status = 'failed';
        f.report = null;
      }
      this.notice = `Reading files failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#inBatch = [];
    }
  }

  async cancel(id: number): Promise<void> {
    const file = this.#file(id);
    if (!file) return;
    if (this.#inBatch.includes(id)) await this.#engine.cancel(id);
    else if (file.status === 'queued') file.status = 'cancelled';
  }

  async remove(id: number): Promise<void> {
    const file = this.#file(id);
    if (!file) return;
    if (file.status === 'reading') await this.cancel(id);
    if (file.sourceId !== null && (file.status === 'loaded' || file.status === 'partial')) {
      await this.#engine.remove(file.sourceId);
    }
    this.files = this.files.filter((f) => f.id !== id);
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const table = decodeRunsTable(await this.#engine.runsTable());
    this.runs = table.runs;
    this.paramKeys = table.paramKeys;
    const present = table.runs.map((r) => r.runId);
    for (const id of [...this.selection]) if (!present.includes(id)) this.selection.delete(id);
  }

  /** Loads the sample sweep shipped with the page. */
  async loadSamples(base = 'samples/'): Promise<void> {
    const index = (await (await fetch(`${base}index.json`)).json()) as { files: string[] };
    const picked = await Promise.all(
      index.files.map(async (name) => ({ name: `samples/${name}`, blob: await (await fetch(base + name)).blob() })),
    );
    await this.add(picked);
  }

  /** After the worker was replaced: every file that was loaded, or waiting, is read again in order. */
  async reloadAfterRestart(): Promise<void> {
    const again = this.files.filter((f) => KEEP_ON_RESTART.includes(f.status));
    for (const f of again) {
      f.status = 'queued';
      f.sourceId = null;
      f.bytesRead = 0;
      f.points = 0;
    }
    this.#epoch++;
    this.#queue = Promise.resolve();
    await this.#enqueue(again.map((f) => f.id));
  }

  onEngineEvent(event: EngineEvent): void {
    this.notice =
      event.kind === 'restarting'
        ? `The engine stopped responding (${event.reason}). It is being restarted and your files will be read again.`
        : `The engine was restarted (${event.reason}); your files were read again.`;
  }
}
