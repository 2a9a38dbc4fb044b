/**
 * The engine behind the worker boundary: it owns the DuckDB connection, runs importers into the
 * canonical tables and answers the page's questions. It runs the same in a browser worker and in
 * Node tests; only the `Db` it is given differs.
 */

import type { AlignRequest, AlignResult } from '../align/types';
import { guessMetricRole } from '../schema/metric-roles';
import type { CanonicalSink } from '../schema/canonical-sink';
import { SCHEMA_DDL } from '../schema/tables';
import { literal } from '../sql/quote';
import { runParams, runsOverview } from '../sql/runs';
import type { EngineApi, IngestEvent, RunsTableIPC, SourceReport } from './api';
import { exec, queryRows, type Db } from './db';
import { IngestBatch, type BatchFile } from './ingest-batch';
import { removeSource } from './remove-source';
import { align, type AlignHost } from './align';
import { CurveCache, curves, hoverValues } from './curves';
import { scalars } from './scalars';
import { CompareCache } from './compare';
import type { CompareViewData, CompareViewRequest } from '../compare/view-data';
import type { ScalarRequest, ScalarRow } from '../compare/scalar-types';
import type { CurvesRequest, CurvesResult, HoverRequest, HoverValue } from '../curves/types';
import { SeriesStore } from './series-store';

export class Engine implements EngineApi {
  #db: Db;
  #nextSource = 1;
  #nextRun = 1;
  #nextKey = -1;
  #runIds = new Map<string, number>();
  #metricIds = new Map<string, number>();
  #reports = new Map<number, SourceReport>();
  #aborts = new Map<number, AbortController>();
  #ingestQueue: Promise<unknown> = Promise.resolve();
  #store: SeriesStore;
  #curveCache = new CurveCache();
  #compareCache = new CompareCache();
  /** Bumped whenever the data may have changed (a batch read, a file removed). */
  #version = 0;

  constructor(db: Db) {
    // Every point inserted into `metrics` is also logged for the series store.
    const store = new SeriesStore(db);
    this.#db = {
      queryIPC: (sql) => db.queryIPC(sql),
      insertIPC: (table, ipc) => {
        if (table === 'metrics') {
          store.clear();
          store.log.record(ipc);
        }
        db.insertIPC(table, ipc);
      },
    };
    this.#store = store;
    exec(db, 'SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
    exec(db, SCHEMA_DDL);
  }

  get db(): Db {
    return this.#db;
  }

  /** The worker's series store, for tests and diagnostics; not part of the worker API. */
  get store(): SeriesStore {
    return this.#store;
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
        loadedHash: (sha) =>
          [...this.#reports.values()].find((r) => r.sha256 === sha && isLoaded(r))?.sourceId ??
          null,
        sourceName: (id) => this.#reports.get(id)?.name ?? `#${id}`,
        remember: (report) => {
          this.#reports.set(report.sourceId, report);
          if (!isLoaded(report)) this.#store.log.forgetSource(report.sourceId);
        },
        forgetRunsOf: (sink, pending) => this.#forgetRunsOf(sink, pending),
        abortSignal: (key) => this.#abort(key).signal,
      },
      (event) => events.push(event),
    );
    try {
      return await batch.run(files);
    } finally {
      this.#version++;
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
    this.#version++;
    this.#store.clear();
    this.#store.log.forgetSource(sourceId);
    const dropped = removeSource(this.#db, sourceId);
    for (const key of dropped) this.#runIds.delete(key);
    this.#reports.delete(sourceId);
  }

  sources(): SourceReport[] {
    return [...this.#reports.values()];
  }

  compareView(request: CompareViewRequest): CompareViewData {
    return this.#compareCache.view(this.#db, this.#version, request);
  }

  runsTable(): RunsTableIPC {
    return { runs: this.#db.queryIPC(runsOverview()), params: this.#db.queryIPC(runParams()) };
  }

  #alignHost(): AlignHost {
    return {
      db: this.#db,
      store: this.#store,
      metricId: (name) => this.#metricIds.get(name),
      sourceName: (id) => this.#reports.get(id)?.name ?? `#${id}`,
    };
  }

  align(request: AlignRequest): AlignResult {
    return align(this.#alignHost(), request);
  }

  curves(request: CurvesRequest): CurvesResult {
    return curves(this.#alignHost(), this.#curveCache, request);
  }

  scalars(request: ScalarRequest): ScalarRow[] {
    return scalars(this.#alignHost(), request);
  }

  hover(request: HoverRequest): HoverValue[] {
    return hoverValues(this.#alignHost(), this.#curveCache, request);
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
