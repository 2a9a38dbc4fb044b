/**
 * The engine behind the worker boundary: it owns the DuckDB connection, runs importers into the
 * canonical tables and answers the page's questions. It runs the same in a browser worker and in
 * Node tests; only the `Db` it is given differs.
 */

import {
  trackerCurves,
  type KeptPrCurve,
  type TrackerCurvesRequest,
  type TrackerCurvesResult,
} from '../predictions/tracker-curves';
import type { AlignRequest, AlignResult } from '../align/types';
import { guessMetricRole } from '../schema/metric-roles';
import type { CanonicalSink } from '../schema/canonical-sink';
import { SCHEMA_DDL } from '../schema/tables';
import { literal } from '../sql/quote';
import { paramCells, paramKeys, runNames, runsOverview } from '../sql/runs';
import type { EngineApi, EngineSample, IngestEvent, RunsTableIPC, SourceReport } from './api';
import { exec, queryRows, type Db } from './db';
import type { BatchFile } from './ingest-batch';
import { IngestQueue } from './ingest-queue';
import { removeSource } from './remove-source';
import { align, type AlignHost } from './align';
import { CurveCache, curves, hoverValues } from './curves';
import { CurveWarmer, type CurvePlan } from './curve-warmer';
import { scalars } from './scalars';
import { sweepTable, type ImportanceRequest, type SweepRequest } from './sweep';
import type { SweepTable } from '../sweep/types';
import { parameterImportance, type ImportanceResult } from '../sweep/importance';
import { CompareCache } from './compare';
import type { CompareViewData, CompareViewRequest } from '../compare/view-data';
import type { ScalarRequest, ScalarRow } from '../compare/scalar-types';
import type { CurvesRequest, CurvesResult, HoverRequest, HoverValue } from '../curves/types';
import { SeriesStore } from './series-store';
import { LiveSources, type AppendOutcome } from './live-sources';
import { statistics } from './statistics';
import { comparePredictions, listPredictionRefs, listPredictionSets } from './predictions';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';
import type { ScoreCurvesRequest, ScoreCurvesResult } from '../predictions/curve-types';
import { runScoreCurves } from './score-curves';
import type { StatsRequest, StatsResult } from '../stats/types';
import { readCurves, storeCurves } from './kept-curves';
import { samplesFrom, storeSamples, type StoredSample } from './kept-samples';
import { readSnapshot, writeSnapshot, type SnapshotFiles, type SnapshotManifest } from './snapshot';

export class Engine implements EngineApi {
  #db: Db;
  #nextSource = 1;
  #nextRun = 1;
  #nextKey = -1;
  #runIds = new Map<string, number>();
  #metricIds = new Map<string, number>();
  /** Rows of `metric_names` given an id but not yet written: written before points that use them. */
  #unwrittenMetrics: string[] = [];
  #reports = new Map<number, SourceReport>();
  /** The loaded source of each content hash: a folder of thousands of files asks once per file. */
  #loadedByHash = new Map<string, number>();
  #aborts = new Map<number, AbortController>();
  #queue: IngestQueue | null = null;
  /** Where each file's events go: the callback of the call that asked for it. */
  #listeners = new Map<number, Listener>();
  #events = new EventBuffer();
  #store: SeriesStore;
  #curveCache = new CurveCache();
  #warmer: CurveWarmer;
  #compareCache = new CompareCache();
  /** Debug samples by the source that held them. */
  #samples = new Map<number, EngineSample[]>();
  /** Tracker PR curves by the source that held them. */
  #prCurves = new Map<number, KeptPrCurve[]>();
  /** Samples of a restored snapshot whose file has not been given again yet. */
  #samplesAwaitingFile = new Map<number, StoredSample[]>();
  /** Bumped whenever the data may have changed (a batch read, a file removed). */
  #version = 0;

  /** The database without the point logging of `#db`, for a snapshot read back whole. */
  #raw: Db;
  /** True while a watched file's new points are written: the store forgets only their series. */
  #appending = false;
  #live: LiveSources;

  constructor(db: Db) {
    // Every point inserted into `metrics` is also logged for the series store.
    const store = new SeriesStore(db);
    this.#raw = db;
    this.#db = {
      queryIPC: (sql) => db.queryIPC(sql),
      insertIPC: (table, ipc) => {
        if (table === 'metrics') {
          if (!this.#appending) store.clear();
          store.log.record(ipc);
        }
        db.insertIPC(table, ipc);
      },
    };
    this.#store = store;
    this.#warmer = new CurveWarmer(
      {
        store,
        metricNames: () => this.#metricIds.entries(),
        runIds: () => [...new Set(this.#runIds.values())],
        idle: () => !this.#queue || this.#queue.closed,
      },
      this.#curveCache,
    );
    exec(db, 'SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
    exec(db, SCHEMA_DDL);
    this.#live = new LiveSources({
      db: this.#db,
      sinkHost: {
        existingRun: (key) => this.#runIds.get(key),
        newRunId: () => this.#nextRun++,
        rememberRun: (key, runId) => void this.#runIds.set(key, runId),
        metricId: (name) => this.#metricId(name),
      },
      report: (id) => this.#reports.get(id),
      remember: (report) => this.#remember(report),
      appending: (pairs, write) => {
        this.#writeMetricNames();
        this.#appending = true;
        try {
          return write();
        } finally {
          this.#appending = false;
          this.#store.forget(pairs);
          this.#version++;
          this.#warmer.start();
        }
      },
    });
  }

  get db(): Db {
    return this.#db;
  }

  /** The worker's series store, for tests and diagnostics; not part of the worker API. */
  get store(): SeriesStore {
    return this.#store;
  }

  /** The smoothed series kept for the charts, for tests and diagnostics. */
  get curveCache(): CurveCache {
    return this.#curveCache;
  }

  /**
   * Files are read in the order they were asked for, even when asked for at once; files asked for
   * while earlier ones are still being read join their batch (see ingest-queue.ts).
   */
  ingestBatch(
    files: BatchFile[],
    onEvents?: (events: IngestEvent[]) => void,
  ): Promise<SourceReport[]> {
    for (const f of files) this.#abort(f.key);
    if (onEvents) for (const f of files) this.#listeners.set(f.key, onEvents);
    if (!this.#queue || this.#queue.closed) this.#queue = this.#newQueue();
    return this.#queue.add(files).finally(() => {
      this.#version++;
      this.#events.flush();
      this.#warmer.start();
      for (const f of files) {
        this.#aborts.delete(f.key);
        this.#listeners.delete(f.key);
      }
    });
  }

  #newQueue(): IngestQueue {
    return new IngestQueue(
      {
        db: this.#db,
        existingRun: (key) => this.#runIds.get(key),
        newRunId: () => this.#nextRun++,
        rememberRun: (key, runId) => void this.#runIds.set(key, runId),
        insertPoints: (ipc) => {
          this.#writeMetricNames();
          this.#db.insertIPC('metrics', ipc);
        },
        writeMetricNames: () => this.#writeMetricNames(),
        metricId: (name) => this.#metricId(name),
        nextSourceId: () => this.#nextSource++,
        loadedHash: (sha) => this.#loadedByHash.get(sha) ?? null,
        sourceName: (id) => this.#sourceName(id),
        remember: (report) => this.#remember(report),
        forgetRunsOf: (sink, pending) => this.#forgetRunsOf(sink, pending),
        abortSignal: (key) => this.#abort(key).signal,
        keepSamples: (sourceId, file, samples) =>
          void this.#samples.set(
            sourceId,
            samples.map((s) => ({ ...s, file })),
          ),
        keepPrCurves: (sourceId, curves) => void this.#prCurves.set(sourceId, curves),
      },
      (event) => {
        const listener = this.#listeners.get(event.key);
        if (listener) this.#events.push(event, listener);
      },
    );
  }

  /**
   * Gives a restored snapshot's files back to the engine, by source: the samples inside them come
   * back, sliced from the file (nothing is read).
   */
  reattach(files: readonly { sourceId: number; blob: Blob }[]): void {
    for (const { sourceId, blob } of files) {
      const stored = this.#samplesAwaitingFile.get(sourceId);
      if (!stored) continue;
      this.#samples.set(sourceId, samplesFrom(stored, blob));
      this.#samplesAwaitingFile.delete(sourceId);
    }
  }

  samples(): EngineSample[] {
    return [...this.#samples.values()].flat();
  }

  trackerCurves(request: TrackerCurvesRequest): TrackerCurvesResult {
    return trackerCurves([...this.#prCurves.values()].flat(), request);
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

  #sourceName(sourceId: number): string {
    return this.#reports.get(sourceId)?.name ?? `#${sourceId}`;
  }

  #remember(report: SourceReport): void {
    this.#reports.set(report.sourceId, report);
    if (!isLoaded(report)) this.#store.log.forgetSource(report.sourceId);
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
      this.#unwrittenMetrics.push(
        `(${id}, ${literal(name)}, ${literal(role)}, ${literal(direction)})`,
      );
    }
    return id;
  }

  /** One statement for the metric names met since the last call (a statement each cost ~5 ms). */
  #writeMetricNames(): void {
    if (this.#unwrittenMetrics.length === 0) return;
    exec(this.#db, `INSERT INTO metric_names VALUES ${this.#unwrittenMetrics.join(', ')}`);
    this.#unwrittenMetrics = [];
  }

  /** Cancels the file the caller named `key` in `ingestBatch`, whether it is being read or still waiting. */
  cancel(key: number): void {
    this.#abort(key).abort();
  }

  /** Where each file's whole content ends now: a line or record still being written is left out. */
  async wholeLengths(files: { name: string; blob: Blob }[]): Promise<number[]> {
    return Promise.all(files.map((f) => LiveSources.wholeLength(f.name, f.blob)));
  }

  /** Watches loaded sources: `append` reads what is added to their files from now on. */
  async watch(sources: { sourceId: number; name: string; blob: Blob }[]): Promise<void> {
    for (const s of sources) await this.#live.watch(s.sourceId, s.name, s.blob);
  }

  /** Reads what was appended to a watched source's file (`blob`: the file now); see live-sources.ts. */
  append(sourceId: number, blob: Blob): Promise<AppendOutcome> {
    return this.#live.append(sourceId, blob);
  }

  remove(sourceId: number): void {
    const report = this.#reports.get(sourceId);
    if (!report) return;
    this.#live.forget(sourceId);
    for (const child of report.children) this.remove(child.sourceId);
    this.#version++;
    this.#store.clear();
    this.#store.log.forgetSource(sourceId);
    this.#samples.delete(sourceId);
    this.#samplesAwaitingFile.delete(sourceId);
    this.#prCurves.delete(sourceId);
    const dropped = removeSource(this.#db, sourceId);
    for (const key of dropped) this.#runIds.delete(key);
    this.#warmer.start();
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

  /** Writes every table and the engine's bookkeeping out (see snapshot.ts); reads no file. */
  snapshot(files: SnapshotFiles, rowsPerPart?: number): Promise<SnapshotManifest> {
    this.#writeMetricNames();
    return writeSnapshot(
      this.#db,
      {
        nextSource: this.#nextSource,
        nextRun: this.#nextRun,
        runIds: [...this.#runIds],
        reports: [...this.#reports.values()],
        prCurves: storeCurves(this.#prCurves),
        samples: storeSamples(this.#samples),
      },
      this.#store.log,
      files,
      rowsPerPart,
    );
  }

  /**
   * Reads a snapshot into this engine, which must be empty; null when there is none. It returns once
   * every table but the points is in, with the point log as it was (runs, step-axis charts and
   * alignments answer from these); `rest` resolves once DuckDB holds the points too. Should that
   * fail, the engine is empty again.
   */
  async restore(
    files: SnapshotFiles,
  ): Promise<{ reports: SourceReport[]; rest: Promise<void> } | null> {
    this.#store.clear();
    const read = await readSnapshot(this.#raw, this.#store.log, files);
    if (!read) return null;
    const { manifest } = read;
    this.#nextSource = manifest.nextSource;
    this.#nextRun = manifest.nextRun;
    this.#runIds = new Map(manifest.runIds);
    this.#metricIds = new Map(
      queryRows<{ name: string; metric_id: number }>(
        this.#db,
        'SELECT name, metric_id FROM metric_names',
      ).map((r) => [r.name, r.metric_id]),
    );
    for (const report of manifest.reports) this.#remember(report);
    this.#prCurves = readCurves(manifest.prCurves);
    this.#samplesAwaitingFile = new Map(manifest.samples ?? []);
    this.#version++;
    const rest = read.rest.then(
      () => {
        this.#version++;
        this.#warmer.start();
      },
      (error: unknown) => {
        this.#runIds.clear();
        this.#metricIds.clear();
        this.#reports.clear();
        this.#prCurves.clear();
        this.#samplesAwaitingFile.clear();
        this.#loadedByHash.clear();
        this.#store.clear();
        this.#store.log.unpack([], new Uint8Array(0));
        this.#version++;
        throw error;
      },
    );
    rest.catch(() => undefined);
    return { reports: manifest.reports, rest };
  }

  compareView(request: CompareViewRequest): CompareViewData {
    return this.#compareCache.view(this.#db, this.#version, request);
  }

  runsTable(): RunsTableIPC {
    this.#writeMetricNames();
    return {
      runs: this.#db.queryIPC(runsOverview()),
      paramKeys: this.#db.queryIPC(paramKeys()),
      params: this.#db.queryIPC(paramCells()),
    };
  }

  #alignHost(): AlignHost {
    return {
      db: this.#db,
      store: this.#store,
      metricId: (name) => this.#metricIds.get(name),
      sourceName: (id) => this.#sourceName(id),
    };
  }

  align(request: AlignRequest): AlignResult {
    return align(this.#alignHost(), request);
  }

  /** What the curve charts will ask for first, to be smoothed ahead after each drop. */
  planCurves(plan: CurvePlan): void {
    this.#warmer.plan(plan);
  }

  curves(request: CurvesRequest): CurvesResult {
    return curves(this.#alignHost(), this.#curveCache, request);
  }

  scalars(request: ScalarRequest): ScalarRow[] {
    return scalars(this.#alignHost(), request);
  }

  sweepTable(request: SweepRequest): SweepTable {
    return sweepTable(this.#alignHost(), request);
  }

  /** Which hyperparameters move a metric of a sweep table (given back by the page). */
  importance(request: ImportanceRequest): ImportanceResult {
    return parameterImportance(request.table, request.targetId, { seed: request.seed });
  }

  hover(request: HoverRequest): HoverValue[] {
    return hoverValues(this.#alignHost(), this.#curveCache, request);
  }

  statistics(request: StatsRequest): StatsResult {
    const names = new Map(
      queryRows<{ run_id: number; name: string }>(
        this.#db,
        runNames(request.groups.flatMap((g) => g.runIds)),
      ).map((r) => [r.run_id, r.name]),
    );
    return statistics(
      { ...this.#alignHost(), runName: (id) => names.get(id) ?? `run ${id}` },
      request,
    );
  }

  predictionSets(): PredictionSet[] {
    return listPredictionSets(this.#db);
  }

  comparePredictions(request: PredictionsRequest): PredictionsResult {
    return comparePredictions(this.#db, request);
  }

  scoreCurves(request: ScoreCurvesRequest): ScoreCurvesResult {
    return runScoreCurves(this.#db, listPredictionRefs(this.#db), request);
  }

  /** Rows of any canonical table, for tests and diagnostics; not part of the worker API. */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return queryRows<T>(this.#db, sql);
  }

  ping(): string {
    return 'pong';
  }
}

type Listener = (events: IngestEvent[]) => void;

/**
 * Passes events on in bunches, in the order they happened, each to the call that asked for its
 * file: the first at once, then at most one bunch per 100 ms.
 */
class EventBuffer {
  #pending: { event: IngestEvent; to: Listener }[] = [];
  #last = 0;

  push(event: IngestEvent, to: Listener): void {
    this.#pending.push({ event, to });
    if (performance.now() - this.#last >= 100) this.flush();
  }

  flush(): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#pending = [];
    this.#last = performance.now();
    let start = 0;
    for (let i = 1; i <= pending.length; i++) {
      if (i < pending.length && pending[i].to === pending[start].to) continue;
      pending[start].to(pending.slice(start, i).map((p) => p.event));
      start = i;
    }
  }
}

function isLoaded(r: SourceReport): boolean {
  return r.status === 'loaded' || r.status === 'partial';
}
