/**
 * The workspace: the files the user gave us, their progress and reports, and the runs they hold.
 * Files are read one at a time by the engine worker; the `Blob`s are kept here so a restarted
 * worker can read them again.
 */

import type { SourceReport, SourceStatus } from '../engine/api';
import { EngineRestartedError, type EngineClient, type EngineEvent } from '../engine/client';
import { decodeRunsTable, type RunRow } from '../engine/runs-decode';
import { skipMirrorFolders, type PickedFile } from '../files/collect';
import { splitSamples, splitSamplesInTasks } from '../samples/collect-samples';
import type { Sample } from '../samples/types';
import { nextMacrotask } from '../next-task';
import { FileChanges } from './file-changes';
import { RunNotes } from './run-notes.svelte';
import { RunSelection } from './run-selection.svelte';
import { TimeSlicer } from './time-slicer';

export type FileStatus = SourceStatus | 'queued';

export interface WorkspaceFile {
  id: number;
  name: string;
  blob: Blob;
  /**
   * The size, once the worker has said it. Reading `File.size` of a file from a folder picker costs
   * a synchronous round trip on the main thread: for thousands of files, most of a second.
   */
  bytes: number | null;
  status: FileStatus;
  bytesRead: number;
  points: number;
  report: SourceReport | null;
  /** The engine's id for this file while it is loaded. */
  sourceId: number | null;
}

/**
 * Main-thread time each message of files to the worker may cost (see #readBatch). The cost of a
 * clone swings threefold on a busy machine, so the budget leaves room below the 50 ms of a long
 * task; the worker reads slower than the page hands over, so small slices cost it nothing.
 */
const SLICE_BUDGET_MS = 10;

/** While files land, the runs table is redrawn at most this often (each redraw costs the page ~20–40 ms). */
const REFRESH_EVERY_MS = 2000;
/** Runs past which a refresh decodes the runs in one task and shows them in the next. */
const DECODE_APART_FROM = 1000;
/** Files past which a drop's paths are set apart from its samples a slice per task. */
const SPLIT_IN_TASKS_FROM = 5000;

/** Lets the page breathe between two messages that each cost the main thread. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What a file is before it is read: queued, nothing of it in the engine. */
const UNREAD = {
  bytes: null,
  status: 'queued',
  bytesRead: 0,
  points: 0,
  report: null,
  sourceId: null,
} as const satisfies Partial<WorkspaceFile>;
const KEEP_ON_RESTART: FileStatus[] = ['loaded', 'partial', 'reading', 'queued'];

export class Workspace {
  #engine: EngineClient;
  #nextId = 1;
  #queue: Promise<void> = Promise.resolve();
  /** Bumped when the worker is replaced, so a queue loop of the old worker stops. */
  #epoch = 0;
  /** Files handed to the engine in the batch under way. */
  #inBatch: readonly number[] = [];
  #lastRefresh = 0;
  /** Files of the batch under way not read to the end yet. */
  #unfinished = 0;
  /** Event changes not yet applied to `files` (see #readSlice). */
  #changes = new FileChanges();
  #applyScheduled = false;
  /**
   * Replaced, never mutated: a file that changes is a new object (see #patch). Deep proxies over
   * thousands of dropped files made every progress update cost the page hundreds of milliseconds.
   */
  files = $state.raw<WorkspaceFile[]>([]);
  /** Replaced whole on each refresh, never mutated: no deep proxies for thousands of runs. */
  runs = $state.raw<RunRow[]>([]);
  paramKeys = $state.raw<string[]>([]);
  numericKeys = $state.raw<ReadonlySet<string>>(new Set()); // eslint-disable-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
  notice = $state<string | null>(null);
  /** Each run by id, for labels and lookups in every view. */
  readonly #byId = $derived(new Map(this.runs.map((r) => [r.runId, r]))); // eslint-disable-line svelte/prefer-svelte-reactivity -- derived whole from runs, never mutated
  /** Run ids the user selected in the runs table. */
  readonly selection = new RunSelection();
  /** The user's notes on runs, by run key. */
  readonly notes = new RunNotes();
  /** The run under the pointer in any view, highlighted in all of them. */
  hoveredRun = $state<number | null>(null);
  /** True while files are being read or the runs table refreshed. */
  busy = $state(false);

  /** A run's full name and tracker id, or a stand-in for a run no longer loaded. */
  runLabel(runId: number): { name: string; runKey: string } {
    const r = this.#byId.get(runId);
    return r ? { name: r.name, runKey: r.runKey } : { name: `run ${runId}`, runKey: `#${runId}` };
  }

  /** The runs a view shows: the selected ones once at least `minSelected` are, else every run. */
  chosenRuns(minSelected: number): RunRow[] {
    return this.selection.size >= minSelected
      ? this.runs.filter((r) => this.selection.has(r.runId))
      : this.runs;
  }

  /** Receives the debug samples of each drop (images, audio, text at an iteration): not read as runs. */
  onSamples: ((samples: Sample[]) => void) | null = null;

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  /** Queues files for reading; files already loaded stay loaded. */
  add(picked: PickedFile[]): Promise<void> {
    const { kept, skipped } = skipMirrorFolders(picked);
    if (skipped.length > 0) {
      this.notice = `Skipped ${skipped.join(', ')}: W&B's copy of the newest run-* folder dropped beside it, which would load that run twice.`;
    }
    // A small drop is listed at once; a folder of thousands of files is read path by path in tasks.
    if (kept.length > SPLIT_IN_TASKS_FROM)
      return splitSamplesInTasks(kept).then((split) => this.#addSplit(split));
    return this.#addSplit(splitSamples(kept));
  }

  #addSplit({ samples, rest }: { samples: Sample[]; rest: PickedFile[] }): Promise<void> {
    if (samples.length > 0) this.onSamples?.(samples);
    const added = rest.map((p) => this.#track(p));
    // One assignment, not a push per file: a dropped folder may hold thousands.
    this.files = [...this.files, ...added];
    return this.#enqueue(added.map((f) => f.id));
  }

  /**
   * Files the engine already holds as read (from a snapshot): listed as they were, not read again.
   * Call `refresh` after.
   */
  adopt(
    files: (PickedFile &
      Pick<WorkspaceFile, 'bytes' | 'status' | 'points' | 'report' | 'sourceId'>)[],
  ): void {
    const added = files.map((f) => ({
      ...this.#track(f),
      bytes: f.bytes,
      bytesRead: f.bytes ?? 0,
      status: f.status,
      points: f.points,
      report: f.report,
      sourceId: f.sourceId,
    }));
    this.files = [...this.files, ...added];
  }

  #track(p: PickedFile): WorkspaceFile {
    return { id: this.#nextId++, name: p.name, blob: p.blob, ...UNREAD };
  }

  #file(id: number): WorkspaceFile | undefined {
    return this.files.find((f) => f.id === id);
  }

  /** Applies changes to files by id, in one new array. */
  #patch(changes: readonly (readonly [number, Partial<WorkspaceFile>])[]): void {
    if (changes.length === 0) return;
    const byId = new Map(changes); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    this.files = this.files.map((f) => {
      const change = byId.get(f.id);
      return change ? { ...f, ...change } : f;
    });
  }

  #patchOne(id: number, change: Partial<WorkspaceFile>): void {
    this.#patch([[id, change]]);
  }

  #enqueue(ids: number[]): Promise<void> {
    const epoch = this.#epoch;
    this.#queue = this.#queue.then(async () => {
      if (epoch !== this.#epoch) return;
      this.busy = true;
      try {
        await this.#readBatch(ids, epoch);
        // Not busy from the moment the new runs are set: the views' requests go out in the same
        // update as the runs table's render, and the worker answers them while the page renders.
        if (epoch === this.#epoch) await this.refresh(() => (this.busy = false));
      } finally {
        if (epoch === this.#epoch) this.busy = false;
      }
    });
    return this.#queue;
  }

  /** Sends the files still waiting to the engine, and follows their events. */
  async #readBatch(ids: number[], epoch: number): Promise<void> {
    const wanted = new Set(ids); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const queued = this.files.filter((f) => wanted.has(f.id));
    // The first redraw comes REFRESH_EVERY_MS into the batch: a drop read faster than that is drawn
    // once, when it is done, and a refresh does not slow the reading of the first files.
    this.#lastRefresh = performance.now();
    this.#unfinished = queued.length;
    // Handing a File to the worker is a structured clone (~0.35 ms each in Chromium): a folder of
    // thousands goes over in slices of about 10 ms each, one task each, while the worker already
    // reads the first ones (they join the batch it is reading).
    const slicer = new TimeSlicer(SLICE_BUDGET_MS);
    const slices: Promise<void>[] = [];
    for (let i = 0; i < queued.length && epoch === this.#epoch;) {
      const n = slicer.next();
      const files = queued.slice(i, i + n).filter((f) => f.status === 'queued');
      i += n;
      if (files.length === 0) continue;
      const started = performance.now();
      slices.push(this.#readSlice(files, epoch));
      slicer.record(files.length, performance.now() - started);
      await nextTask();
    }
    await Promise.all(slices);
  }

  async #readSlice(files: WorkspaceFile[], epoch: number): Promise<void> {
    this.#inBatch = [...this.#inBatch, ...files.map((f) => f.id)];
    try {
      await this.#engine.ingestBatch(
        files.map((f) => ({ key: f.id, name: f.name, blob: f.blob })),
        (events) => {
          if (epoch !== this.#epoch) return;
          this.#changes.add(events);
          // The events of several slices often arrive back to back: applied once, after them.
          if (!this.#applyScheduled) {
            this.#applyScheduled = true;
            setTimeout(() => this.#applyChanges(), 0);
          }
          // Runs appear as files land, not only when the whole drop is done (after the last file
          // the batch's own refresh follows at once).
          const done = events.filter((e) => e.kind === 'done').length;
          this.#unfinished -= done;
          if (
            done > 0 &&
            this.#unfinished > 0 &&
            performance.now() - this.#lastRefresh > REFRESH_EVERY_MS
          ) {
            this.#lastRefresh = performance.now();
            void this.refresh();
          }
        },
      );
    } catch (error) {
      if (error instanceof EngineRestartedError) return;
      this.#applyChanges();
      const unfinished = files
        .map((f) => this.#file(f.id))
        .filter((f) => f && (f.status === 'queued' || f.status === 'reading'));
      this.#patch(
        unfinished.map(
          (f) => [(f as WorkspaceFile).id, { status: 'failed' as const, report: null }] as const,
        ),
      );
      this.notice = `Reading files failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      // This slice's reports are final: they show now, not after the next timer.
      if (epoch === this.#epoch) this.#applyChanges();
      const done = files.map((f) => f.id);
      this.#inBatch = this.#inBatch.filter((id) => !done.includes(id));
    }
  }

  #applyChanges(): void {
    this.#applyScheduled = false;
    this.#patch(this.#changes.take());
  }

  async cancel(id: number): Promise<void> {
    const file = this.#file(id);
    if (!file) return;
    if (this.#inBatch.includes(id)) await this.#engine.cancel(id);
    else if (file.status === 'queued') this.#patchOne(id, { status: 'cancelled' });
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

  /** A watched file read further: its row shows the whole file's report (see live-watch.svelte.ts). */
  grew(id: number, report: SourceReport): void {
    this.#patchOne(id, {
      report,
      status: report.status,
      bytes: report.bytes,
      bytesRead: report.bytes,
      points: report.report?.points ?? 0,
    });
  }

  /** A watched file that changed other than by growing: what it held is removed, and it is read again whole. */
  async readAgain(id: number, blob: Blob): Promise<void> {
    const file = this.#file(id);
    if (!file) return;
    if (file.sourceId !== null) await this.#engine.remove(file.sourceId);
    this.#patchOne(id, { blob, ...UNREAD });
    await this.#enqueue([id]);
  }

  /** Reads the runs table again; `applied` runs right after the new runs are set. */
  async refresh(applied?: () => void): Promise<void> {
    const table = decodeRunsTable(await this.#engine.runsTable());
    // Decoding thousands of runs takes a task of its own; the views render them in the next.
    if (table.runs.length > DECODE_APART_FROM) await new Promise<void>((r) => nextMacrotask(r));
    this.runs = table.runs;
    this.paramKeys = table.paramKeys;
    this.numericKeys = new Set(table.numericKeys); // eslint-disable-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
    const present = new Set(table.runs.map((r) => r.runId)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    this.selection.deleteAll([...this.selection].filter((id) => !present.has(id)));
    applied?.();
  }

  /** Loads the sample sweep shipped with the page. */
  async loadSamples(base = 'samples/'): Promise<void> {
    const index = (await (await fetch(`${base}index.json`)).json()) as { files: string[] };
    const picked = await Promise.all(
      index.files.map(async (name) => ({
        name: `samples/${name}`,
        blob: await (await fetch(base + name)).blob(),
      })),
    );
    await this.add(picked);
  }

  /** After the worker was replaced: every file that was loaded, or waiting, is read again in order. */
  async reloadAfterRestart(): Promise<void> {
    const again = this.files.filter((f) => KEEP_ON_RESTART.includes(f.status));
    this.#patch(
      again.map(
        (f) =>
          [f.id, { status: 'queued' as const, sourceId: null, bytesRead: 0, points: 0 }] as const,
      ),
    );
    this.#epoch++;
    this.#changes = new FileChanges();
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
