/**
 * The page's handle on the engine worker. Every call has a timeout; a heartbeat notices a worker
 * that died or hangs, and then the worker is replaced and every file the user dropped is read
 * again, so nothing they dropped is lost and the tab never freezes.
 */

import type { TrackerCurvesRequest, TrackerCurvesResult } from '../predictions/tracker-curves';
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../../workers/engine.worker';
import type { AlignRequest, AlignResult } from '../align/types';
import type { ScalarRequest, ScalarRow } from '../compare/scalar-types';
import type { CompareViewData, CompareViewRequest } from '../compare/view-data';
import type { CurvesRequest, CurvesResult, HoverRequest, HoverValue } from '../curves/types';
import type { CurvePlan } from './curve-warmer';
import type { AppendOutcome } from './live-sources';
import type { ImportanceRequest, SweepRequest } from './sweep';
import type { ImportanceResult } from '../sweep/importance';
import type { ScoreCurvesRequest, ScoreCurvesResult } from '../predictions/curve-types';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';
import type { StatsRequest, StatsResult } from '../stats/types';
import type { SweepTable } from '../sweep/types';
import type { EngineSample, IngestEvent, RunsTableIPC, SourceReport } from './api';

export type EngineEvent =
  { kind: 'restarting'; reason: string } | { kind: 'restarted'; reason: string };

export class EngineRestartedError extends Error {
  constructor(reason: string) {
    super(`The engine was restarted (${reason}).`);
    this.name = 'EngineRestartedError';
  }
}

export interface ClientOptions {
  makeWorker: () => Worker;
  /** A ping unanswered for this long means the worker hangs. */
  hangAfterMs?: number;
  heartbeatMs?: number;
  queryTimeoutMs?: number;
  onEvent?: (event: EngineEvent) => void;
  /** Called after a restart so the owner can read its files again, in order. */
  onRestarted?: () => Promise<void>;
  /** Puts each call's span in the page's performance timeline (kept until the page closes). */
  timeline?: boolean;
}

interface Pending {
  reject(error: Error): void;
}

export class EngineClient {
  #options: Required<Omit<ClientOptions, 'onEvent' | 'onRestarted'>> &
    Pick<ClientOptions, 'onEvent' | 'onRestarted'>;
  #worker!: Worker;
  #remote!: Comlink.Remote<WorkerApi>;
  #pending = new Set<Pending>();
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #pingInFlight = false;
  #generation = 0;
  /** The curve charts' plan, given again to a replacement worker. */
  #curvePlan: CurvePlan | null = null;

  constructor(options: ClientOptions) {
    this.#options = {
      hangAfterMs: 15_000,
      heartbeatMs: 2_000,
      queryTimeoutMs: 60_000,
      timeline: false,
      ...options,
    };
    this.#spawn();
  }

  #spawn(): void {
    this.#worker = this.#options.makeWorker();
    this.#remote = Comlink.wrap<WorkerApi>(this.#worker);
    const generation = ++this.#generation;
    this.#worker.addEventListener('error', (event) => {
      if (generation === this.#generation)
        void this.restart(`the worker crashed: ${event.message || 'unknown error'}`);
    });
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
    if (this.#curvePlan) void this.#remote.planCurves(this.#curvePlan);
  }

  async #beat(): Promise<void> {
    if (this.#pingInFlight) return;
    this.#pingInFlight = true;
    const generation = this.#generation;
    try {
      await this.#withTimeout(this.#remote.ping(), this.#options.hangAfterMs, 'ping');
    } catch {
      if (generation === this.#generation)
        void this.restart(`no answer for ${Math.round(this.#options.hangAfterMs / 1000)} s`);
    } finally {
      this.#pingInFlight = false;
    }
  }

  #withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    const started = performance.now();
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { reject };
      this.#pending.add(pending);
      const timer =
        ms > 0 ? setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms) : null;
      promise.then(resolve, reject).finally(() => {
        if (timer) clearTimeout(timer);
        this.#pending.delete(pending);
        if (this.#options.timeline)
          performance.measure(`lockstep:engine ${what}`, { start: started });
      });
    });
  }

  /** Replaces the worker at once; calls in flight fail with `EngineRestartedError`, then files are re-read. */
  async restart(reason: string): Promise<void> {
    this.#options.onEvent?.({ kind: 'restarting', reason });
    this.#worker.terminate();
    this.#remote[Comlink.releaseProxy]();
    for (const p of this.#pending) p.reject(new EngineRestartedError(reason));
    this.#pending.clear();
    this.#spawn();
    await this.#options.onRestarted?.();
    this.#options.onEvent?.({ kind: 'restarted', reason });
  }

  /** Reads files in one batch; `onEvents` hears, in bunches, each file start, progress and finish. */
  ingestBatch(
    files: { key: number; name: string; blob: Blob }[],
    onEvents?: (events: IngestEvent[]) => void,
  ): Promise<SourceReport[]> {
    const callback = onEvents ? Comlink.proxy(onEvents) : undefined;
    // Ingest is watched by the heartbeat rather than a fixed timeout: big files take long.
    return this.#withTimeout(this.#remote.ingestBatch(files, callback), 0, 'ingest');
  }

  /** Cancels the file with this batch key, under way or still waiting. */
  cancel(key: number): Promise<void> {
    return this.#withTimeout(this.#remote.cancel(key), this.#options.queryTimeoutMs, 'cancel');
  }

  remove(sourceId: number): Promise<void> {
    return this.#withTimeout(this.#remote.remove(sourceId), this.#options.queryTimeoutMs, 'remove');
  }

  wholeLengths(files: { name: string; blob: Blob }[]): Promise<number[]> {
    return this.#withTimeout(this.#remote.wholeLengths(files), 0, 'whole lengths');
  }

  watch(sources: { sourceId: number; name: string; blob: Blob }[]): Promise<void> {
    return this.#withTimeout(this.#remote.watch(sources), 0, 'watch');
  }

  /** Reads what was appended to a watched file; watched by the heartbeat, as ingest is. */
  append(sourceId: number, blob: Blob): Promise<AppendOutcome> {
    return this.#withTimeout<AppendOutcome>(this.#remote.append(sourceId, blob), 0, 'append');
  }

  runsTable(): Promise<RunsTableIPC> {
    return this.#withTimeout(this.#remote.runsTable(), this.#options.queryTimeoutMs, 'runs table');
  }

  align(request: AlignRequest): Promise<AlignResult> {
    return this.#withTimeout(
      this.#remote.align(request),
      this.#options.queryTimeoutMs,
      'alignment',
    );
  }

  /** Only a hint: smoothing done ahead is reused by `curves`, never changes its answer. */
  planCurves(plan: CurvePlan): Promise<void> {
    this.#curvePlan = plan;
    return this.#withTimeout(
      this.#remote.planCurves(plan),
      this.#options.queryTimeoutMs,
      'curve plan',
    );
  }

  curves(request: CurvesRequest): Promise<CurvesResult> {
    return this.#withTimeout(this.#remote.curves(request), this.#options.queryTimeoutMs, 'curves');
  }

  scalars(request: ScalarRequest): Promise<ScalarRow[]> {
    return this.#withTimeout(
      this.#remote.scalars(request),
      this.#options.queryTimeoutMs,
      'scalars',
    );
  }

  sweepTable(request: SweepRequest): Promise<SweepTable> {
    return this.#withTimeout(
      this.#remote.sweepTable(request),
      this.#options.queryTimeoutMs,
      'sweep table',
    );
  }

  importance(request: ImportanceRequest): Promise<ImportanceResult> {
    return this.#withTimeout(
      this.#remote.importance(request),
      this.#options.queryTimeoutMs,
      'importance',
    );
  }

  statistics(request: StatsRequest): Promise<StatsResult> {
    return this.#withTimeout(
      this.#remote.statistics(request),
      this.#options.queryTimeoutMs,
      'statistics',
    );
  }

  samples(): Promise<EngineSample[]> {
    return this.#withTimeout(this.#remote.samples(), this.#options.queryTimeoutMs, 'samples');
  }

  trackerCurves(request: TrackerCurvesRequest): Promise<TrackerCurvesResult> {
    return this.#withTimeout(
      this.#remote.trackerCurves(request),
      this.#options.queryTimeoutMs,
      'trackerCurves',
    );
  }

  predictionSets(): Promise<PredictionSet[]> {
    return this.#withTimeout(
      this.#remote.predictionSets(),
      this.#options.queryTimeoutMs,
      'prediction sets',
    );
  }

  comparePredictions(request: PredictionsRequest): Promise<PredictionsResult> {
    return this.#withTimeout(
      this.#remote.comparePredictions(request),
      this.#options.queryTimeoutMs,
      'predictions comparison',
    );
  }

  scoreCurves(request: ScoreCurvesRequest): Promise<ScoreCurvesResult> {
    return this.#withTimeout(
      this.#remote.scoreCurves(request),
      this.#options.queryTimeoutMs,
      'ROC and precision–recall curves',
    );
  }

  hover(request: HoverRequest): Promise<HoverValue[]> {
    return this.#withTimeout(this.#remote.hover(request), this.#options.queryTimeoutMs, 'hover');
  }

  compareView(request: CompareViewRequest): Promise<CompareViewData> {
    return this.#withTimeout(
      this.#remote.compareView(request),
      this.#options.queryTimeoutMs,
      'compare view',
    );
  }

  /** The loaded state written to OPFS: a reload reads it back without reading any file. */
  saveSnapshot(): Promise<{ bytes: number }> {
    return this.#withTimeout(this.#remote.saveSnapshot(), 0, 'save snapshot');
  }

  /**
   * `phases`: milliseconds from the worker's start of the restore to the snapshot's first parts
   * read, to DuckDB ready, and to every table but the points restored.
   */
  restoreSnapshot(): Promise<{
    reports: SourceReport[];
    bytes: number;
    phases: { readMs: number; readyMs: number; restoredMs: number };
  } | null> {
    return this.#withTimeout(this.#remote.restoreSnapshot(), 0, 'restore snapshot');
  }

  /** A restored snapshot's files given back by source: the samples inside them come back. */
  reattach(files: { sourceId: number; blob: Blob }[]): Promise<void> {
    return this.#withTimeout(this.#remote.reattach(files), 0, 'reattach files');
  }

  /** Null once the points of a snapshot read back are in DuckDB too, or why they could not be. */
  snapshotSettled(): Promise<string | null> {
    return this.#withTimeout(this.#remote.snapshotSettled(), 0, 'snapshot settled');
  }

  clearSnapshots(): Promise<void> {
    return this.#withTimeout(this.#remote.clearSnapshots(), 0, 'clear snapshots');
  }

  hangForTest(ms: number): Promise<void> {
    return this.#withTimeout(this.#remote.hangForTest(ms), 0, 'hang');
  }

  crashForTest(): Promise<void> {
    return this.#withTimeout(this.#remote.crashForTest(), 0, 'crash');
  }

  dispose(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#worker.terminate();
  }
}
