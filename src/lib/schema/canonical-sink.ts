/**
 * The sink importers write to: it names runs and metrics, buffers points in typed arrays, flushes
 * them to DuckDB as Arrow in batches, and keeps each series' summary as it goes, so the `series`
 * table never needs a scan of `metrics`.
 */

import { Table, tableToIPC } from 'apache-arrow';
import { parseNumberText } from '../importers/csv/numbers';
import type {
  ImportSink,
  PredictionBatch,
  PredictionClassScoreRows,
  PredictionSegmentRows,
  RunInfo,
  PrCurveRecord,
  SampleRecord,
  ScalarValue,
} from '../importers/types';
import {
  float64Vector,
  int32Vector,
  int64Vector,
  nullableFloat64,
  nullVector,
  utf8Vector,
} from './arrow-columns';
import { tableToScratchIPC } from './ipc-scratch';

/**
 * Points per insert. In headless Chromium on the 10M-row long CSV (bench/), read in this thread:
 * 2^20 took 3.7 s and +780 MB, 2^18 4.4 s and +380 MB: duckdb-wasm holds far more memory for
 * bigger inserts (and keeps it: a wasm heap does not shrink), so the smaller batch is the default.
 * See PARSER_BATCH_ROWS in importers/csv/parse-protocol.ts for the same trade-off with the parser.
 */
const BATCH_ROWS = 1 << 18;

/**
 * Points in columns, as a parser in another worker hands them over: the first `length` entries of
 * each array (which may be longer). `run` holds this sink's run handles and `metric` metric ids
 * (what `run()` and `metric()` returned). `epoch`/`wall` are `null` when no point of the batch has
 * one; otherwise `epochValid`/`wallValid` mark the points that do, or are `null` when all do.
 */
export interface PointBatch {
  length: number;
  run: Int32Array;
  metric: Int32Array;
  step: Float64Array;
  value: Float64Array;
  epoch: Float64Array | null;
  epochValid: Uint8Array | null;
  wall: Float64Array | null;
  wallValid: Uint8Array | null;
}

/** Points to insert; as in `PointBatch`, a `null` mark column means every point has a value. */
export interface PointColumns {
  length: number;
  /** The source of every point, or one id for all of them. */
  sourceId: Int32Array | number;
  runId: Int32Array;
  metric: Int32Array;
  step: Float64Array;
  value: Float64Array;
  epoch: Float64Array | null;
  epochValid: Uint8Array | null;
  wall: Float64Array | null;
  wallValid: Uint8Array | null;
}

/**
 * Scratch columns of `pointsIPC`, reused from call to call (its IPC bytes are a copy): a new step
 * and source column for each batch of 2^18 points was 2.4 MB of garbage per batch.
 */
const scratch = { steps: new BigInt64Array(0), sources: new Int32Array(0), source: 0, filled: 0 };

/** `length` times `sourceId`, in the scratch column. */
function sourceColumn(sourceId: number, length: number): Int32Array {
  if (scratch.sources.length < length) {
    scratch.sources = new Int32Array(length);
    scratch.filled = 0;
  }
  if (scratch.source !== sourceId) {
    scratch.source = sourceId;
    scratch.filled = 0;
  }
  if (scratch.filled < length) {
    scratch.sources.fill(sourceId, scratch.filled, length);
    scratch.filled = length;
  }
  return scratch.sources.subarray(0, length);
}

/**
 * Arrow IPC for rows of `metrics`, columns in the table's order (duckdb-wasm inserts by position).
 * The bytes are valid until the next call (see ipc-scratch.ts).
 */
export function pointsIPC(c: PointColumns): Uint8Array {
  const n = c.length;
  if (scratch.steps.length < n) scratch.steps = new BigInt64Array(n);
  // A column without a single value is Arrow's Null type: no buffers to write, copy or read.
  const table = new Table({
    run_id: int32Vector(c.runId.subarray(0, n)),
    metric_id: int32Vector(c.metric.subarray(0, n)),
    step: int64Vector(c.step, n, scratch.steps),
    epoch: c.epoch ? float64Vector(c.epoch, c.epochValid, n) : nullVector(n),
    wall: c.wall ? float64Vector(c.wall, c.wallValid, n) : nullVector(n),
    value: float64Vector(c.value, null, n),
    source_id: int32Vector(
      typeof c.sourceId === 'number' ? sourceColumn(c.sourceId, n) : c.sourceId.subarray(0, n),
    ),
  });
  return tableToScratchIPC(table);
}

export interface SinkRun {
  runId: number;
  key: string;
  name: string;
  info: RunInfo;
  /** True when this ingest created the run; false when it joins one loaded before. */
  isNew: boolean;
}

/** Point buffers start small and double up to a batch: a thousand tiny files must not cost a thousand full batches. */
const FIRST_CAPACITY = 1024;

export interface SeriesStats {
  runId: number;
  metricId: number;
  n: number;
  firstStep: number;
  lastStep: number;
  lastValue: number;
  min: number;
  max: number;
  stepAtMin: number;
  stepAtMax: number;
  nonfinite: number;
  /** Steps were strictly increasing: no duplicates, and the last row is the last step. */
  increasing: boolean;
}

export interface KeyValueRow {
  runId: number;
  key: string;
  value: string | null;
  num: number | null;
}

export interface SinkHost {
  /** The id of a run already loaded, or being loaded, under this key. */
  existingRun(key: string): number | undefined;
  newRunId(): number;
  /** A run this sink created: later files of the same ingest must find it under its key. */
  rememberRun(key: string, runId: number): void;
  metricId(name: string): number;
  insertPoints(ipc: Uint8Array): void;
}

function toText(value: ScalarValue): { value: string | null; num: number | null } {
  if (value === null) return { value: null, num: null };
  if (typeof value === 'number') return { value: String(value), num: value };
  if (typeof value === 'boolean') return { value: String(value), num: null };
  return { value, num: parseNumberText(value) ?? null };
}

export class CanonicalSink implements ImportSink {
  readonly runs: SinkRun[] = [];
  readonly series: SeriesStats[] = [];
  readonly params = new Map<string, KeyValueRow>();
  readonly summaries = new Map<string, KeyValueRow>();
  readonly metas = new Map<string, KeyValueRow>();
  /** Per-example outputs, written with the file's other rows (see group-writer.ts). */
  readonly predictionBatches: PredictionBatch[] = [];
  /** Examples in `predictions`. */
  examples = 0;
  readonly segmentColumns: PredictionSegmentRows[] = [];
  readonly classScores: PredictionClassScoreRows[] = [];
  /** Debug samples, by the run key: kept by the engine for the Samples view, not in DuckDB. */
  readonly samples: (SampleRecord & { runKey: string })[] = [];
  /** Tracker PR curves, by the run key: kept by the engine, not in DuckDB. */
  readonly prCurves: (PrCurveRecord & { runKey: string })[] = [];
  readonly metricIds = new Set<number>();
  points = 0;

  #host: SinkHost;
  #sourceId: number;
  #runByKey = new Map<string, number>();
  #seriesIndex: Int32Array[] = [];
  #size = 0;
  #capacity = 0;
  #run = new Int32Array(0);
  #metric = new Int32Array(0);
  #step = new Float64Array(0);
  #value = new Float64Array(0);
  #epoch = new Float64Array(0);
  #epochValid = new Uint8Array(0);
  #wall = new Float64Array(0);
  #wallValid = new Uint8Array(0);
  /** Points of this file already written to DuckDB (so a failure must delete them there). */
  flushedPoints = 0;
  #anyEpoch = false;
  #anyWall = false;

  constructor(host: SinkHost, sourceId: number) {
    this.#host = host;
    this.#sourceId = sourceId;
  }

  get sourceId(): number {
    return this.#sourceId;
  }

  #grow(): void {
    const capacity = Math.min(BATCH_ROWS, Math.max(FIRST_CAPACITY, this.#capacity * 2));
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.#size) as never);
      return next;
    };
    this.#run = grow(this.#run, (n) => new Int32Array(n));
    this.#metric = grow(this.#metric, (n) => new Int32Array(n));
    this.#step = grow(this.#step, (n) => new Float64Array(n));
    this.#value = grow(this.#value, (n) => new Float64Array(n));
    this.#epoch = grow(this.#epoch, (n) => new Float64Array(n));
    this.#epochValid = grow(this.#epochValid, (n) => new Uint8Array(n));
    this.#wall = grow(this.#wall, (n) => new Float64Array(n));
    this.#wallValid = grow(this.#wallValid, (n) => new Uint8Array(n));
    this.#capacity = capacity;
  }

  run(key: string, name: string, info: RunInfo = {}): number {
    const known = this.#runByKey.get(key);
    if (known !== undefined) {
      const run = this.runs[known];
      if (run.info.provisionalName && !info.provisionalName) {
        run.name = name;
        run.info.provisionalName = false;
      }
      for (const [k, v] of Object.entries(info)) {
        if (v !== undefined && k !== 'provisionalName')
          (run.info as Record<string, unknown>)[k] = v;
      }
      return known;
    }
    const existing = this.#host.existingRun(key);
    const handle = this.runs.length;
    const runId = existing ?? this.#host.newRunId();
    if (existing === undefined) this.#host.rememberRun(key, runId);
    this.runs.push({ runId, key, name, info: { ...info }, isNew: existing === undefined });
    this.#runByKey.set(key, handle);
    this.#seriesIndex.push(new Int32Array(16));
    return handle;
  }

  metric(name: string): number {
    const id = this.#host.metricId(name);
    this.metricIds.add(id);
    return id;
  }

  point(
    run: number,
    metric: number,
    step: number,
    value: number,
    epoch?: number,
    wall?: number,
  ): void {
    if (this.#size === this.#capacity) {
      if (this.#capacity === BATCH_ROWS) this.#writeBatch();
      else this.#grow();
    }
    const i = this.#size++;
    this.#run[i] = this.runs[run].runId;
    this.#metric[i] = metric;
    this.#step[i] = step;
    this.#value[i] = value;
    if (epoch !== undefined) {
      this.#epoch[i] = epoch;
      this.#epochValid[i] = 1;
      this.#anyEpoch = true;
    } else this.#epochValid[i] = 0;
    if (wall !== undefined) {
      this.#wall[i] = wall;
      this.#wallValid[i] = 1;
      this.#anyWall = true;
    } else this.#wallValid[i] = 0;
    this.points++;
    this.#track(run, metric, step, value);
  }

  #track(run: number, metric: number, step: number, value: number): void {
    let index = this.#seriesIndex[run];
    if (metric >= index.length) {
      const grown = new Int32Array(Math.max(metric + 1, index.length * 2));
      grown.set(index);
      this.#seriesIndex[run] = index = grown;
    }
    let slot = index[metric] - 1;
    if (slot < 0) {
      slot = this.series.length;
      index[metric] = slot + 1;
      this.series.push({
        runId: this.runs[run].runId,
        metricId: metric,
        n: 0,
        firstStep: step,
        lastStep: step,
        lastValue: value,
        min: NaN,
        max: NaN,
        stepAtMin: NaN,
        stepAtMax: NaN,
        nonfinite: 0,
        increasing: true,
      });
    }
    const s = this.series[slot];
    if (s.n > 0 && step <= s.lastStep) s.increasing = false;
    s.n++;
    if (step < s.firstStep) s.firstStep = step;
    if (step >= s.lastStep) {
      s.lastStep = step;
      s.lastValue = value;
    }
    if (Number.isFinite(value)) {
      if (!(value >= s.min)) {
        s.min = value;
        s.stepAtMin = step;
      }
      if (!(value <= s.max)) {
        s.max = value;
        s.stepAtMax = step;
      }
    } else s.nonfinite++;
  }

  #keyValue(target: Map<string, KeyValueRow>, run: number, key: string, value: ScalarValue): void {
    const runId = this.runs[run].runId;
    target.set(`${runId}\u0000${key}`, { runId, key, ...toText(value) });
  }

  param(run: number, key: string, value: ScalarValue): void {
    this.#keyValue(this.params, run, key, value);
  }

  summary(run: number, key: string, value: ScalarValue): void {
    this.#keyValue(this.summaries, run, key, value);
  }

  meta(run: number, key: string, value: string): void {
    this.#keyValue(this.metas, run, key, value);
  }

  sample(run: number, sample: SampleRecord): void {
    this.samples.push({ ...sample, runKey: this.runs[run].key });
  }

  prCurve(run: number, curve: PrCurveRecord): void {
    this.prCurves.push({ ...curve, runKey: this.runs[run].key });
  }

  predictions(batch: PredictionBatch): void {
    this.predictionBatches.push(batch);
    this.examples += batch.length;
  }

  predictionSegments(rows: PredictionSegmentRows): void {
    this.segmentColumns.push(rows);
  }

  predictionClassScores(rows: PredictionClassScoreRows): void {
    this.classScores.push(rows);
  }

  async flush(): Promise<void> {
    // Points are written when a batch fills; yielding lets messages (cancel, ping) through.
    await yieldNowAndThen();
  }

  /** Writes whatever points are still buffered. */
  finish(): void {
    if (this.#size > 0) this.#writeBatch();
  }

  /** The points still buffered, handed over to be written with other files' (see group-writer.ts). */
  takeBuffered(): PointColumns | null {
    if (this.#size === 0) return null;
    const taken = this.#buffered();
    // The arrays now belong to the taker: start over with empty ones.
    this.#capacity = 0;
    this.#run = new Int32Array(0);
    this.#metric = new Int32Array(0);
    this.#step = new Float64Array(0);
    this.#value = new Float64Array(0);
    this.#epoch = new Float64Array(0);
    this.#epochValid = new Uint8Array(0);
    this.#wall = new Float64Array(0);
    this.#wallValid = new Uint8Array(0);
    this.#clear();
    return taken;
  }

  #buffered(): PointColumns {
    return {
      length: this.#size,
      sourceId: this.#sourceId,
      runId: this.#run,
      metric: this.#metric,
      step: this.#step,
      value: this.#value,
      epoch: this.#anyEpoch ? this.#epoch : null,
      epochValid: this.#anyEpoch ? this.#epochValid : null,
      wall: this.#anyWall ? this.#wall : null,
      wallValid: this.#anyWall ? this.#wallValid : null,
    };
  }

  #clear(): void {
    this.#size = 0;
    this.#anyEpoch = false;
    this.#anyWall = false;
  }

  /**
   * Points handed over in columns: the same as calling `point` for each, in order, without the
   * per-call cost. The points are stored when it returns; `run` is overwritten with run ids, and
   * the arrays are the caller's again.
   */
  pointBatch(b: PointBatch): void {
    if (this.#size > 0) this.#writeBatch();
    const n = b.length;
    if (n === 0) return;
    const { run, metric, step, value } = b;
    const runIds = run;
    const runs = this.runs;
    let lastHandle = -1;
    let lastRunId = 0;
    for (let i = 0; i < n; i++) {
      const handle = run[i];
      if (handle !== lastHandle) {
        lastHandle = handle;
        lastRunId = runs[handle].runId;
      }
      this.#track(handle, metric[i], step[i], value[i]);
      runIds[i] = lastRunId;
    }
    this.points += n;
    this.flushedPoints += n;
    this.#host.insertPoints(
      pointsIPC({
        length: n,
        sourceId: this.#sourceId,
        runId: runIds,
        metric,
        step,
        value,
        epoch: b.epoch,
        epochValid: b.epoch ? b.epochValid : null,
        wall: b.wall,
        wallValid: b.wall ? b.wallValid : null,
      }),
    );
  }

  #writeBatch(): void {
    this.flushedPoints += this.#size;
    this.#host.insertPoints(pointsIPC(this.#buffered()));
    this.#clear();
  }
}

let lastYield = 0;

/**
 * Lets queued messages through at most every 30 ms. A MessageChannel round trip is not clamped
 * like a nested `setTimeout(0)` (4 ms each), which would cost seconds over a thousand small files.
 */
export async function yieldNowAndThen(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 30) return;
  lastYield = now;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Arrow IPC for rows of `params`, `summary` or `meta`. */
export function keyValueIPC(rows: Iterable<KeyValueRow>, withNum: boolean): Uint8Array {
  const list = [...rows];
  const columns: Record<
    string,
    | ReturnType<typeof utf8Vector>
    | ReturnType<typeof int32Vector>
    | ReturnType<typeof nullableFloat64>
  > = {
    run_id: int32Vector(Int32Array.from(list, (r) => r.runId)),
    key: utf8Vector(list.map((r) => r.key)),
    value: utf8Vector(list.map((r) => r.value)),
  };
  if (withNum) columns.num = nullableFloat64(list.map((r) => r.num));
  return tableToIPC(new Table(columns), 'stream');
}
