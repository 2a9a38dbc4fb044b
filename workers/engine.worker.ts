/// <reference lib="webworker" />
/**
 * The engine worker: starts DuckDB-WASM (blocking bundle, inside this module worker, wasm served
 * from our own origin) and exposes the Engine with comlink. No business logic lives here.
 */

import type { TrackerCurvesRequest } from '../src/lib/predictions/tracker-curves';
import * as Comlink from 'comlink';
import { createDuckDB, BROWSER_RUNTIME, VoidLogger, type DuckDBBundles } from 'duckdb-blocking';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import type { AlignRequest } from '../src/lib/align/types';
import type { CurvesRequest, HoverRequest } from '../src/lib/curves/types';
import type { ScalarRequest } from '../src/lib/compare/scalar-types';
import type { PredictionsRequest } from '../src/lib/predictions/types';
import type { ScoreCurvesRequest } from '../src/lib/predictions/curve-types';
import type { StatsRequest } from '../src/lib/stats/types';
import { curveBuffers } from '../src/lib/engine/curves';
import type { CurvePlan } from '../src/lib/engine/curve-warmer';
import { sweepBuffers, type ImportanceRequest, type SweepRequest } from '../src/lib/engine/sweep';
import { compareViewBuffers } from '../src/lib/engine/compare';
import type { CompareViewRequest } from '../src/lib/compare/view-data';
import type { EngineApi, IngestEvent } from '../src/lib/engine/api';
import { connectionDb } from '../src/lib/engine/db';
import { Engine } from '../src/lib/engine/engine';
import { readAhead } from '../src/lib/engine/snapshot';
import {
  clearSnapshots,
  currentSnapshot,
  newSnapshotFolder,
} from '../src/lib/engine/opfs-snapshot';

const bundles: DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: '' },
  eh: { mainModule: ehWasm, mainWorker: '' },
};

async function start(): Promise<Engine> {
  const db = await createDuckDB(bundles, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  return new Engine(connectionDb(db.connect()));
}

const ready = start();
/**
 * The engine with every point in DuckDB: after a snapshot is read back, the points follow the
 * other tables (see snapshot.ts), and whatever may read them waits for them.
 */
let whole: Promise<Engine> = ready;
/** Why the points of the last snapshot read back could not follow (the engine is empty then). */
let restProblem: Promise<string | null> = Promise.resolve(null);

/** The Engine's API with byte results transferred instead of copied. */
const api = {
  async ingestBatch(
    files: { key: number; name: string; blob: Blob }[],
    onEvents?: (events: IngestEvent[]) => void,
  ) {
    return (await whole).ingestBatch(files, onEvents);
  },
  async cancel(key: number) {
    (await ready).cancel(key);
  },
  async remove(sourceId: number) {
    (await whole).remove(sourceId);
  },
  async sources() {
    return (await ready).sources();
  },
  async wholeLengths(files: { name: string; blob: Blob }[]) {
    return (await ready).wholeLengths(files);
  },
  async watch(sources: { sourceId: number; name: string; blob: Blob }[]) {
    return (await whole).watch(sources);
  },
  async append(sourceId: number, blob: Blob) {
    return (await whole).append(sourceId, blob);
  },
  async runsTable() {
    const result = (await ready).runsTable();
    return Comlink.transfer(result, [
      result.runs.buffer,
      result.paramKeys.buffer,
      result.params.buffer,
    ]);
  },
  async align(request: AlignRequest) {
    return (await whole).align(request);
  },
  async planCurves(plan: CurvePlan) {
    (await ready).planCurves(plan);
  },
  async curves(request: CurvesRequest) {
    const result = (await whole).curves(request);
    return Comlink.transfer(result, curveBuffers(result));
  },
  async scalars(request: ScalarRequest) {
    return (await whole).scalars(request);
  },
  async sweepTable(request: SweepRequest) {
    const table = (await whole).sweepTable(request);
    return Comlink.transfer(table, sweepBuffers(table));
  },
  async importance(request: ImportanceRequest) {
    return (await whole).importance(request);
  },
  async hover(request: HoverRequest) {
    return (await whole).hover(request);
  },
  async statistics(request: StatsRequest) {
    return (await whole).statistics(request);
  },
  async samples() {
    return (await whole).samples();
  },
  async reattach(files: { sourceId: number; blob: Blob }[]) {
    (await ready).reattach(files);
  },
  async trackerCurves(request: TrackerCurvesRequest) {
    return (await whole).trackerCurves(request);
  },
  async predictionSets() {
    return (await whole).predictionSets();
  },
  async comparePredictions(request: PredictionsRequest) {
    return (await whole).comparePredictions(request);
  },
  async scoreCurves(request: ScoreCurvesRequest) {
    return (await whole).scoreCurves(request);
  },
  async compareView(request: CompareViewRequest) {
    const data = (await whole).compareView(request);
    return Comlink.transfer(data, compareViewBuffers(data));
  },
  async ping() {
    return (await ready).ping();
  },
  /** Writes the loaded state to OPFS (see opfs-snapshot.ts); the bytes it took. */
  async saveSnapshot() {
    const engine = await whole;
    const folder = await newSnapshotFolder();
    await engine.snapshot(folder.files);
    await folder.commit();
    return { bytes: folder.bytes() };
  },
  /** Reads the last snapshot into this (fresh) engine, with the bytes it took; null when there is none. */
  async restoreSnapshot() {
    const started = performance.now();
    const files = await currentSnapshot();
    const early = files ? await readAhead(files) : null;
    const readMs = performance.now() - started;
    const engine = await whole;
    const readyMs = performance.now() - started;
    const restored = early ? await engine.restore(early) : null;
    const phases = { readMs, readyMs, restoredMs: performance.now() - started };
    if (!restored || !files) return null;
    whole = restored.rest.then(
      () => engine,
      () => engine,
    );
    restProblem = restored.rest.then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    return { reports: restored.reports, bytes: files.bytesRead(), phases };
  },
  /** Resolves once the points of a snapshot read back are in: null, or why they are not. */
  async snapshotSettled() {
    return restProblem;
  },
  async clearSnapshots() {
    await clearSnapshots();
  },
  /** Blocks the worker, as a runaway query would; lets tests prove the watchdog works. */
  hangForTest(ms: number) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      /* busy */
    }
  },
  /** Throws outside any call, as a crash in the wasm would; the page must notice and recover. */
  crashForTest() {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  },
} satisfies Record<keyof EngineApi, unknown> & Record<string, unknown>;

export type WorkerApi = typeof api;

Comlink.expose(api);
