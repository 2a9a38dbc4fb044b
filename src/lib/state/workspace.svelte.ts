/**
 * The workspace: the files the user gave us, their progress and reports, and the runs they hold.
 * Files are read one at a time by the engine worker; the `Blob`s are kept here so a restarted
 * worker can read them again.
 */

import { SvelteSet } from 'svelte/reactivity';
import type { IngestProgress, SourceReport, SourceStatus } from '../engine/api';
import { EngineRestartedError, type EngineClient, type EngineEvent } from '../engine/client';
import { decodeRunsTable, type RunRow } from '../engine/runs-decode';
import type { PickedFile } from '../files/collect';

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
  files = $state<WorkspaceFile[]>([]);
  runs = $state<RunRow[]>([]);
  paramKeys = $state<string[]>([]);
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
    const added = picked.map((p) => this.#track(p));
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
    this.files.push(file);
    return file;
  }

  #file(id: number): WorkspaceFile | undefined {
    return this.files.find((f) => f.id === id);
  }

  #enqueue(ids: number[]): Promise<void> {
    const epoch = this.#epoch;
    this.#queue = this.#queue.then(async () => {
      this.busy = true;
      try {
        for (const id of ids) {
          if (epoch !== this.#epoch) return;
          await this.#read(id);
          // Runs appear as each file lands, not only when the whole drop is done.
          if (epoch === this.#epoch) await this.refresh();
        }
      } finally {
        if (epoch === this.#epoch) this.busy = false;
      }
    });
    return this.#queue;
  }

  async #read(id: number): Promise<void> {
    const file = this.#file(id);
    if (!file || file.status !== 'queued') return;
    file.status = 'reading';
    try {
      const report = await this.#engine.ingest({ name: file.name, blob: file.blob }, (p: IngestProgress) => {
        const f = this.#file(id);
        if (!f) return;
        f.sourceId = p.sourceId;
        f.bytesRead = p.bytesRead;
        f.points = p.points;
      });
      const f = this.#file(id);
      if (!f) return;
      f.report = report;
      f.status = report.status;
      f.sourceId = report.sourceId;
      f.bytesRead = f.blob.size;
      f.points = report.report?.points ?? 0;
    } catch (error) {
      if (error instanceof EngineRestartedError) return;
      const f = this.#file(id);
      if (f) {
        f.status = 'failed';
        f.report = null;
        this.notice = `${f.name}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }

  async cancel(id: number): Promise<void> {
    const file = this.#file(id);
    if (!file) return;
    if (file.status === 'queued') file.status = 'cancelled';
    else if (file.status === 'reading' && file.sourceId !== null) await this.#engine.cancel(file.sourceId);
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
