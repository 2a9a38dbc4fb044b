/// <reference lib="webworker" />
/**
 * The engine worker: starts DuckDB-WASM (blocking bundle, inside this module worker, wasm served
 * from our own origin) and exposes the Engine with comlink. No business logic lives here.
 */

import * as Comlink from 'comlink';
import { createDuckDB, BROWSER_RUNTIME, VoidLogger, type DuckDBBundles } from 'duckdb-blocking';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import type { AlignRequest } from '../src/lib/align/types';
import type { CurvesRequest, HoverRequest } from '../src/lib/curves/types';
import type { ScalarRequest } from '../src/lib/compare/scalar-types';
import type { PredictionsRequest } from '../src/lib/predictions/types';
import type { StatsRequest } from '../src/lib/stats/types';
import { curveBuffers } from '../src/lib/engine/curves';
import type { CurvePlan } from '../src/lib/engine/curve-warmer';
import { sweepBuffers, type ImportanceRequest, type SweepRequest } from '../src/lib/engine/sweep';
import { compareViewBuffers } from '../src/lib/engine/compare';
import type { CompareViewRequest } from '../src/lib/compare/view-data';
import type { EngineApi, IngestEvent } from '../src/lib/engine/api';
import { connectionDb } from '../src/lib/engine/db';
import { Engine } from '../src/lib/engine/engine';
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

/** The Engine's API with byte results transferred instead of copied. */
const api = {
  async ingestBatch(
    files: { key: number; name: string; blob: Blob }[],
    onEvents?: (events: IngestEvent[]) => void,
  ) {
    return (await ready).ingestBatch(files, onEvents);
  },
  async cancel(key: number) {
    (await ready).cancel(key);
  },
  async remove(sourceId: number) {
    (await ready).remove(sourceId);
  },
  async sources() {
    return (await ready).sources();
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
    return (await ready).align(request);
  },
  async planCurves(plan: CurvePlan) {
    (await ready).planCurves(plan);
  },
  async curves(request: CurvesRequest) {
    const result = (await ready).curves(request);
    return Comlink.transfer(result, curveBuffers(result));
  },
  async scalars(request: ScalarRequest) {
    return (await ready).scalars(request);
  },
  async sweepTable(request: SweepRequest) {
    const table = (await ready).sweepTable(request);
    return Comlink.transfer(table, sweepBuffers(table));
  },
  async importance(request: ImportanceRequest) {
    return (await ready).importance(request);
  },
  async hover(request: HoverRequest) {
    return (await ready).hover(request);
  },
  async statistics(request: StatsRequest) {
    return (await ready).statistics(request);
  },
  async predictionSets() {
    return (await ready).predictionSets();
  },
  async comparePredictions(request: PredictionsRequest) {
    return (await ready).comparePredictions(request);
  },
  async compareView(request: CompareViewRequest) {
    const data = (await ready).compareView(request);
    return Comlink.transfer(data, compareViewBuffers(data));
  },
  async ping() {
    return (await ready).ping();
  },
  /** Writes the loaded state to OPFS (see opfs-snapshot.ts); the bytes it took. */
  async saveSnapshot() {
    const engine = await ready;
    const folder = await newSnapshotFolder();
    await engine.snapshot(folder.files);
    await folder.commit();
    return { bytes: folder.bytes() };
  },
  /** Reads the last snapshot into this (fresh) engine, with the bytes it took; null when there is none. */
  async restoreSnapshot() {
    const files = await currentSnapshot();
    const reports = files ? await (await ready).restore(files) : null;
    return reports && files ? { reports, bytes: files.bytesRead() } : null;
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
