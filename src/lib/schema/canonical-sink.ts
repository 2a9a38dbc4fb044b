/**
 * The sink importers write to: it names runs and metrics, buffers points in typed arrays, flushes
 * them to DuckDB as Arrow in batches, and keeps each series' summary as it goes, so the `series`
 * table never needs a scan of `metrics`.
 */

import { Table, tableToIPC } from 'apache-arrow';
import { parseNumberText } from '../importers/csv/numbers';
import type { ImportSink, RunInfo, ScalarValue } from '../importers/types';
import { float64Vector, int32Vector, int64Vector, nullableFloat64, utf8Vector } from './arrow-columns';

const BATCH_ROWS = 1 << 20;

export interface SinkRun {
  runId: number;
  key: string;
  name: string;
  info: RunInfo;
  /** True when this ingest created the run; false when it joins one loaded before. */
  isNew: boolean;
}

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
  /** The id of a run already loaded under this key, if any. */
  existingRun(key: string): number | undefined;
  newRunId(): number;
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
  readonly metricIds = new Set<number>();
  points = 0;

  #host: SinkHost;
  #sourceId: number;
  #runByKey = new Map<string, number>();
  #seriesIndex: Int32Array[] = [];
  #size = 0;
  #run = new Int32Array(BATCH_ROWS);
  #metric = new Int32Array(BATCH_ROWS);
  #step = new Float64Array(BATCH_ROWS);
  #value = new Float64Array(BATCH_ROWS);
  #epoch = new Float64Array(BATCH_ROWS);
  #epochValid = new Uint8Array(BATCH_ROWS);
  #wall = new Float64Array(BATCH_ROWS);
  #wallValid = new Uint8Array(BATCH_ROWS);
  #anyEpoch = false;
  #anyWall = false;

  constructor(host: SinkHost, sourceId: number) {
    this.#host = host;
    this.#sourceId = sourceId;
  }

  run(key: string, name: string, info: RunInfo = {}): number {
    const known = this.#runByKey.get(key);
    if (known !== undefined) {
      const run = this.runs[known];
      for (const [k, v] of Object.entries(info)) if (v !== undefined) (run.info as Record<string, unknown>)[k] = v;
      return known;
    }
    const existing = this.#host.existingRun(key);
    const handle = this.runs.length;
    this.runs.push({
      runId: existing ?? this.#host.newRunId(),
      key,
      name,
      info: { ...info },
      isNew: existing === undefined,
    });
    this.#runByKey.set(key, handle);
    this.#seriesIndex.push(new Int32Array(16));
    return handle;
  }

  metric(name: string): number {
    const id = this.#host.metricId(name);
    this.metricIds.add(id);
    return id;
  }

  point(run: number, metric: number, step: number, value: number, epoch?: number, wall?: number): void {
    if (this.#size === BATCH_ROWS) this.#writeBatch();
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

  async flush(): Promise<void> {
    // Points are written when a batch fills; yielding here lets messages (cancel, ping) through.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Writes whatever points are still buffered. */
  finish(): void {
    if (this.#size > 0) this.#writeBatch();
  }

  #writeBatch(): void {
    const n = this.#size;
    const table = new Table({
      run_id: int32Vector(this.#run.subarray(0, n)),
      metric_id: int32Vector(this.#metric.subarray(0, n)),
      step: int64Vector(this.#step, n),
      epoch: float64Vector(this.#epoch, this.#anyEpoch ? this.#epochValid : new Uint8Array(n), n),
      wall: float64Vector(this.#wall, this.#anyWall ? this.#wallValid : new Uint8Array(n), n),
      value: float64Vector(this.#value, null, n),
      source_id: int32Vector(new Int32Array(n).fill(this.#sourceId)),
    });
    this.#host.insertPoints(tableToIPC(table, 'stream'));
    this.#size = 0;
    this.#anyEpoch = false;
    this.#anyWall = false;
  }
}

/** Arrow IPC for rows of `params`, `summary` or `meta`. */
export function keyValueIPC(rows: Iterable<KeyValueRow>, withNum: boolean): Uint8Array {
  const list = [...rows];
  const columns: Record<string, ReturnType<typeof utf8Vector> | ReturnType<typeof int32Vector> | ReturnType<typeof nullableFloat64>> = {
    run_id: int32Vector(Int32Array.from(list, (r) => r.runId)),
    key: utf8Vector(list.map((r) => r.key)),
    value: utf8Vector(list.map((r) => r.value)),
  };
  if (withNum) columns.num = nullableFloat64(list.map((r) => r.num));
  return tableToIPC(new Table(columns), 'stream');
}
