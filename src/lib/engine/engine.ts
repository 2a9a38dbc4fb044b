/**
 * The engine behind the worker boundary: it owns the DuckDB connection, runs importers into the
 * canonical tables and answers the page's questions. It runs the same in a browser worker and in
 * Node tests; only the `Db` it is given differs.
 */

import { guessMetricRole } from '../schema/metric-roles';
import type { CanonicalSink } from '../schema/canonical-sink';
import { SCHEMA_DDL } from '../schema/tables';
import { literal } from '../sql/quote';
import { runParams, runsOverview } from '../sql/runs';
import type { EngineApi, IngestEvent, RunsTableIPC, SourceReport } from './api';
import { exec, queryRows, type Db } from './db';
import { IngestBatch, type BatchFile } from './ingest-batch';
import { removeSource } from './remove-source';

export class Engine implements EngineApi {
  #db: Db;
  #nextSource = 1;
  #nextRun = 1;
  #nextKey = -1;
  #runIds = new Map<string, number>();
  #metricIds = new Map<string, number>();
  #reports = new Map<number, SourceReport>();
  /** The loaded source of each content hash: a folder of thousands of files asks once per file. */
  #loadedByHash = new Map<string, number>();
  #aborts = new Map<number, AbortController>();
  #ingestQueue: Promise<unknown> = Promise.resolve();

  constructor(db: Db) {
    this.#db = db;
    exec(db, 'SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
    exec(db, SCHEMA_DDL);
  }

  get db(): Db {
    return this.#db;
  }

  /** Batches run one after another, in the order they were asked for, even when asked for at once. */
  ingestBatch(
    files: BatchFile[],
    onEvents?: (events: IngestEvent[]) => void,
  ): Promise<SourceReport[]> {
    for (const f of files) this.#abort(f.key);
    const run = this.#ingestQueue.then(() => this.#ingestNow(files, onEvents));
    this.#ingestQueue = run.catch(() => undefined);
    return run;
  }

  async #ingestNow(
    files: BatchFile[],
    onEvents?: (events: IngestEvent[]) => void,
  ): Promise<SourceReport[]> {
    const events = new EventBuffer(onEvents);
    const batch = new IngestBatch(
      {
        db: this.#db,
        existingRun: (key) => this.#runIds.get(key),
        newRunId: () => this.#nextRun++,
        rememberRun: (key, runId) => void this.#runIds.set(key, runId),
        insertPoints: (ipc) => this.#db.insertIPC('metrics', ipc),
        metricId: (name) => this.#metricId(name),
        nextSourceId: () => this.#nextSource++,
        loadedHash: (sha) => this.#loadedByHash.get(sha) ?? null,
        sourceName: (id) => this.#reports.get(id)?.name ?? `#${id}`,
        remember: (report) => this.#remember(report),
        forgetRunsOf: (sink, pending) => this.#forgetRunsOf(sink, pending),
        abortSignal: (key) => this.#abort(key).signal,
      },
      (event) => events.push(event),
    );
    try {
      return await batch.run(files);
    } finally {
      events.flush();
      for (const f of files) this.#aborts.delete(f.key);
    }
  }

  /** One file on its own: what tests and simple callers use. */
  async ingest(
    file: { name: string; blob: Blob },
    onProgress?: (p: Extract<IngestEvent, { kind: 'progress' }>) => void,
  ): Promise<SourceReport> {
    const key = this.#nextKey--;
    const [report] = await this.ingestBatch([{ key, ...file }], (events) => {
      for (const e of events) if (e.kind === 'progress') onProgress?.(e);
    });
    return report;
  }

  #remember(report: SourceReport): void {
    this.#reports.set(report.sourceId, report);
    if (report.sha256 && isLoaded(report) && !this.#loadedByHash.has(report.sha256))
      this.#loadedByHash.set(report.sha256, report.sourceId);
  }

  #abort(key: number): AbortController {
    let controller = this.#aborts.get(key);
    if (!controller) {
      controller = new AbortController();
      this.#aborts.set(key, controller);
    }
    return controller;
  }

  /** Runs a discarded file created are forgotten, unless loaded already or held by a file still pending. */
  #forgetRunsOf(sink: CanonicalSink, pending: readonly CanonicalSink[]): void {
    const created = sink.runs.filter((r) => r.isNew);
    if (created.length === 0) return;
    const stored = new Set(
      queryRows<{ run_id: number }>(
        this.#db,
        `SELECT run_id FROM runs WHERE run_id IN (${created.map((r) => r.runId).join(', ')})`,
      ).map((r) => r.run_id),
    );
    const held = new Set(pending.flatMap((s) => s.runs.map((r) => r.runId)));
    for (const run of created)
      if (!stored.has(run.runId) && !held.has(run.runId)) this.#runIds.delete(run.key);
  }

  #metricId(name: string): number {
    let id = this.#metricIds.get(name);
    if (id === undefined) {
      id = this.#metricIds.size + 1;
      this.#metricIds.set(name, id);
      const { role, direction } = guessMetricRole(name);
      exec(
        this.#db,
        `INSERT INTO metric_names VALUES (${id}, ${literal(name)}, ${literal(role)}, ${literal(direction)})`,
      );
    }
    return id;
  }

  /** Cancels the file the caller named `key` in `ingestBatch`, whether it is being read or still waiting. */
  cancel(key: number): void {
    this.#abort(key).abort();
  }

  remove(sourceId: number): void {
    const report = this.#reports.get(sourceId);
    if (!report) return;
    for (const child of report.children) this.remove(child.sourceId);
    const dropped = removeSource(this.#db, sourceId);
    for (const key of dropped) this.#runIds.delete(key);
    this.#reports.delete(sourceId);
    const sha = report.sha256;
    if (sha && this.#loadedByHash.get(sha) === sourceId) {
      this.#loadedByHash.delete(sha);
      const twin = [...this.#reports.values()].find((r) => r.sha256 === sha && isLoaded(r));
      if (twin) this.#loadedByHash.set(sha, twin.sourceId);
    }
  }

  sources(): SourceReport[] {
    return [...this.#reports.values()];
  }

  runsTable(): RunsTableIPC {
    return { runs: this.#db.queryIPC(runsOverview()), params: this.#db.queryIPC(runParams()) };
  }

  /** Rows of any canonical table, for tests and diagnostics; not part of the worker API. */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return queryRows<T>(this.#db, sql);
  }

  ping(): string {
    return 'pong';
  }
}

/** Passes events on in bunches: the first at once, then at most one bunch per 100 ms. */
class EventBuffer {
  #onEvents: ((events: IngestEvent[]) => void) | undefined;
  #pending: IngestEvent[] = [];
  #last = 0;

  constructor(onEvents: ((events: IngestEvent[]) => void) | undefined) {
    this.#onEvents = onEvents;
  }

  push(event: IngestEvent): void {
    if (!this.#onEvents) return;
    this.#pending.push(event);
    if (performance.now() - this.#last >= 100) this.flush();
  }

  flush(): void {
    if (!this.#onEvents || this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#last = performance.now();
    this.#onEvents(events);
  }
}

function isLoaded(r: SourceReport): boolean {
  return r.status === 'loaded' || r.status === 'partial';
}
