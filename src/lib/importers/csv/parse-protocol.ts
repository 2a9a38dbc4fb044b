/**
 * Reading files in a parser worker while the engine worker stores them: the importer runs there
 * unchanged against a `RecordingSink`, which forwards what it is told — runs, metrics, key-values
 * in order, points in columns — and the engine replays it into its real sink. Both sides run on
 * their own core, so parsing overlaps the DuckDB inserts. The worker lives as long as the engine and
 * reads the files it is given one after another, each a job with its own id: while the engine
 * stores one file, the worker already parses the next.
 *
 * The parser also has the content hash computed, over the same raw chunks as in the engine's thread,
 * by handing a copy of each chunk to a hash worker of its own (engine/hash-offload.ts). (Hashing in
 * the engine instead, reading the file a second time, was measured slower: +0.3 s and +90 MB, the
 * browser process serving every byte twice.)
 *
 * Handles stay valid across the boundary: a run handle is the index of the run's key in order of
 * first appearance on both sides (both sinks key runs the same way), and a metric is numbered by
 * its name's first appearance and mapped to the engine's metric id on arrival.
 */

import type { ImportReportData } from '../report';
import { ImportReport } from '../report';
import type {
  PredictionBatch,
  PredictionClassScoreRows,
  PredictionSegmentRows,
  Probe,
  RunInfo,
  SampleRecord,
  ScalarValue,
} from '../types';
import type { PointBatch } from '../../schema/canonical-sink';

export type SinkOp =
  | { op: 'run'; key: string; name: string; info: RunInfo }
  | { op: 'metric'; name: string }
  | { op: 'param'; run: number; key: string; value: ScalarValue }
  | { op: 'summary'; run: number; key: string; value: ScalarValue }
  | { op: 'meta'; run: number; key: string; value: string }
  | { op: 'predictions'; batch: PredictionBatch }
  | { op: 'segments'; rows: PredictionSegmentRows }
  | { op: 'class-scores'; rows: PredictionClassScoreRows }
  | { op: 'sample'; run: number; sample: SampleRecord };

/** What the parser needs to read one file. */
export interface ReadRequest {
  importerId: string;
  name: string;
  blob: Blob;
  probe: Probe;
}

/**
 * Engine → parser. An `ack` says the engine stored a batch (of any job), and gives its arrays back
 * to be filled again when it can.
 */
export type ToParser =
  | ({ type: 'read'; job: number } & ReadRequest)
  | { type: 'cancel'; job: number }
  | { type: 'ack'; batch: PointBatch | null };

/** Parser → engine, about one job. */
export type FromParser =
  | { type: 'batch'; job: number; ops: SinkOp[]; batch: PointBatch | null }
  | { type: 'progress'; job: number; bytesRead: number }
  | { type: 'done'; job: number; ops: SinkOp[]; report: ImportReportData; sha256: string }
  | { type: 'error'; job: number; ops: SinkOp[]; report: ImportReportData; error: ParserError };

type WithoutJob<M> = M extends unknown ? Omit<M, 'job'> : never;

/** A message about a job, before the worker stamps the job's id on it. */
export type JobMessage = WithoutJob<FromParser>;

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
/**
 * Batches handed over and not yet stored, over all of a worker's jobs; the parser waits beyond this
 * (bounded memory). A job's last batch is sent without waiting, so one more may be in flight.
 */
export const PARSER_MAX_IN_FLIGHT = 2;

/**
 * A worker's batches in flight: parsing waits while there are too many. Batches the engine gives
 * back are kept to be filled again, so a long file allocates its columns once.
 */
export class InFlight {
  #count = 0;
  #waiting: (() => void)[] = [];
  #spare: PointBatch[] = [];

  sent(): void {
    this.#count++;
  }

  /** The engine stored a batch; `returned` holds its arrays. */
  acknowledged(returned: PointBatch | null): void {
    this.#count--;
    if (returned && returned.run.length === PARSER_BATCH_ROWS && this.#spare.length < 2)
      this.#spare.push(returned);
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const wake of waiting) wake();
  }

  async ready(): Promise<void> {
    while (this.#count >= PARSER_MAX_IN_FLIGHT)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Arrays of a stored batch, to fill again (their contents are stale). */
  spare(): PointBatch | undefined {
    return this.#spare.pop();
  }
}

/** The arrays a batch holds, to transfer. */
export function batchBuffers(batch: PointBatch): ArrayBuffer[] {
  return [
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
}

/** The arrays a prediction batch holds, to transfer. */
export function predictionBuffers(batch: PredictionBatch): ArrayBuffer[] {
  return [batch.run, batch.label, batch.prediction, batch.score, batch.scored].map(
    (a) => a.buffer as ArrayBuffer,
  );
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
