/**
 * Reading a file in a parser worker while the engine worker stores it: the importer runs there
 * unchanged against a `RecordingSink`, which forwards what it is told — runs, metrics, key-values
 * in order, points in columns — and the engine replays it into its real sink. Both sides run on
 * their own core, so parsing overlaps the DuckDB inserts.
 *
 * The parser also computes the content hash, over the same raw chunks as in the engine's thread.
 * (Hashing in the engine instead, reading the file a second time, was measured slower: +0.3 s and
 * +90 MB, the browser process serving every byte twice.)
 *
 * Handles stay valid across the boundary: a run handle is the index of the run's key in order of
 * first appearance on both sides (both sinks key runs the same way), and a metric is numbered by
 * its name's first appearance and mapped to the engine's metric id on arrival.
 */

import type { ImportReportData } from '../report';
import { ImportReport } from '../report';
import type { ImportSink, Probe, RunInfo, ScalarValue } from '../types';
import type { PointBatch } from '../../schema/canonical-sink';

export type SinkOp =
  | { op: 'run'; key: string; name: string; info: RunInfo }
  | { op: 'metric'; name: string }
  | { op: 'param'; run: number; key: string; value: ScalarValue }
  | { op: 'summary'; run: number; key: string; value: ScalarValue }
  | { op: 'meta'; run: number; key: string; value: string };

/** Engine → parser. */
export type ToParser =
  { type: 'read'; importerId: string; name: string; blob: Blob; probe: Probe } | { type: 'ack' };

/** Parser → engine. */
export type FromParser =
  | { type: 'batch'; ops: SinkOp[]; batch: PointBatch | null }
  | { type: 'progress'; bytesRead: number }
  | { type: 'done'; ops: SinkOp[]; report: ImportReportData; sha256: string }
  | { type: 'error'; ops: SinkOp[]; report: ImportReportData; error: ParserError };

export interface ParserError {
  kind: 'unreadable' | 'cancelled' | 'other';
  message: string;
}

/**
 * Rows per batch handed over. Measured in headless Chromium on the 10M-row long CSV (bench/): 2^17
 * rows took 4.1 s and +320 MB; 2^18 3.4 s and +410 MB; 2^19 3.0 s but +690 MB, and on 20M rows
 * +1.3 GB against +640 MB for 2^18, with no time saved. Exactly two row groups (245,760 rows) took
 * +660 MB: duckdb-wasm's memory for an insert does not follow its size smoothly; measure on change.
 */
export const PARSER_BATCH_ROWS = 1 << 18;
/** Batches handed over and not yet stored; the parser waits beyond this (bounded memory). */
export const PARSER_MAX_IN_FLIGHT = 2;

/** The sink a parser worker's importer writes to. */
export class RecordingSink implements ImportSink {
  #ops: SinkOp[] = [];
  #runs = new Map<string, number>();
  #metrics = new Map<string, number>();
  #post: (message: FromParser, transfer: Transferable[]) => void;
  #inFlight = 0;
  #wake: (() => void) | null = null;
  #n = 0;
  #run = new Int32Array(PARSER_BATCH_ROWS);
  #metric = new Int32Array(PARSER_BATCH_ROWS);
  #step = new Float64Array(PARSER_BATCH_ROWS);
  #value = new Float64Array(PARSER_BATCH_ROWS);
  #epoch: Float64Array | null = null;
  #epochValid: Uint8Array | null = null;
  #wall: Float64Array | null = null;
  #wallValid: Uint8Array | null = null;

  constructor(post: (message: FromParser, transfer: Transferable[]) => void) {
    this.#post = post;
  }

  run(key: string, name: string, info: RunInfo = {}): number {
    this.#ops.push({ op: 'run', key, name, info });
    let handle = this.#runs.get(key);
    if (handle === undefined) {
      handle = this.#runs.size;
      this.#runs.set(key, handle);
    }
    return handle;
  }

  metric(name: string): number {
    let id = this.#metrics.get(name);
    if (id === undefined) {
      id = this.#metrics.size;
      this.#metrics.set(name, id);
      this.#ops.push({ op: 'metric', name });
    }
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
    const i = this.#n++;
    this.#run[i] = run;
    this.#metric[i] = metric;
    this.#step[i] = step;
    this.#value[i] = value;
    if (epoch !== undefined) {
      if (!this.#epoch) {
        this.#epoch = new Float64Array(PARSER_BATCH_ROWS);
        this.#epochValid = new Uint8Array(PARSER_BATCH_ROWS);
      }
      this.#epoch[i] = epoch;
      (this.#epochValid as Uint8Array)[i] = 1;
    }
    if (wall !== undefined) {
      if (!this.#wall) {
        this.#wall = new Float64Array(PARSER_BATCH_ROWS);
        this.#wallValid = new Uint8Array(PARSER_BATCH_ROWS);
      }
      this.#wall[i] = wall;
      (this.#wallValid as Uint8Array)[i] = 1;
    }
    if (this.#n === PARSER_BATCH_ROWS) this.#send();
  }

  param(run: number, key: string, value: ScalarValue): void {
    this.#ops.push({ op: 'param', run, key, value });
  }

  summary(run: number, key: string, value: ScalarValue): void {
    this.#ops.push({ op: 'summary', run, key, value });
  }

  meta(run: number, key: string, value: string): void {
    this.#ops.push({ op: 'meta', run, key, value });
  }

  /** Importers call this between chunks: the parser waits here while the engine is behind. */
  async flush(): Promise<void> {
    while (this.#inFlight >= PARSER_MAX_IN_FLIGHT) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** The engine stored a batch. */
  acknowledged(): void {
    this.#inFlight--;
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Hands over the points gathered so far, with the operations that came before them. */
  #send(): void {
    const n = this.#n;
    const cut = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T =>
      n === a.length ? a : (a.slice(0, n) as T);
    const batch: PointBatch = {
      length: n,
      run: cut(this.#run),
      metric: cut(this.#metric),
      step: cut(this.#step),
      value: cut(this.#value),
      epoch: this.#epoch && cut(this.#epoch),
      epochValid: this.#epochValid && cut(this.#epochValid),
      wall: this.#wall && cut(this.#wall),
      wallValid: this.#wallValid && cut(this.#wallValid),
    };
    const buffers = [
      batch.run,
      batch.metric,
      batch.step,
      batch.value,
      batch.epoch,
      batch.epochValid,
      batch.wall,
      batch.wallValid,
    ]
      .filter((a): a is NonNullable<typeof a> => a !== null)
      .map((a) => a.buffer as ArrayBuffer);
    this.#inFlight++;
    this.#post({ type: 'batch', ops: this.takeOps(), batch }, buffers);
    this.#n = 0;
    // The arrays were transferred (or cut from): start afresh.
    this.#run = new Int32Array(PARSER_BATCH_ROWS);
    this.#metric = new Int32Array(PARSER_BATCH_ROWS);
    this.#step = new Float64Array(PARSER_BATCH_ROWS);
    this.#value = new Float64Array(PARSER_BATCH_ROWS);
    this.#epoch = this.#epochValid = this.#wall = this.#wallValid = null;
  }

  /** Hands over what is left; call once the importer returned. */
  finish(): void {
    if (this.#n > 0) this.#send();
  }

  takeOps(): SinkOp[] {
    const ops = this.#ops;
    this.#ops = [];
    return ops;
  }
}

/** An import report rebuilt from its data, so later additions (warnings) go on as they would have. */
export function reportFromData(data: ImportReportData, into: ImportReport): ImportReport {
  into.format = data.format;
  into.encoding = data.encoding;
  into.rowUnit = data.rowUnit;
  into.rowsRead = data.rowsRead;
  for (const w of data.warnings) into.warn(w);
  for (const r of data.rejections) into.rejectMany(r.reason, r.lines, r.count);
  return into;
}
