/**
 * The sink a parser worker's importer writes to (see parse-protocol.ts): runs, metrics and
 * key-values become operations replayed in order by the engine, points go into columns handed over
 * in batches. The columns are transferred whole, not cut to the points they hold, and come back
 * with the engine's acknowledgement to be filled again.
 */

import type { PointBatch } from '../../schema/canonical-sink';
import type {
  ImportSink,
  PredictionBatch,
  PredictionClassScoreRows,
  PredictionSegmentRows,
  RunInfo,
  SampleRecord,
  ScalarValue,
} from '../types';
import {
  batchBuffers,
  PARSER_BATCH_ROWS,
  predictionBuffers,
  type InFlight,
  type JobMessage,
  type SinkOp,
} from './parse-protocol';

export class RecordingSink implements ImportSink {
  #ops: SinkOp[] = [];
  /** Buffers the operations gathered so far hold, handed over with them. */
  #transfer: ArrayBuffer[] = [];
  #runs = new Map<string, number>();
  #metrics = new Map<string, number>();
  #post: (message: JobMessage, transfer: Transferable[]) => void;
  #inFlight: InFlight;
  #n = 0;
  #run: Int32Array = new Int32Array(0);
  #metric: Int32Array = new Int32Array(0);
  #step: Float64Array = new Float64Array(0);
  #value: Float64Array = new Float64Array(0);
  /** Allocated at the first point that has one; then every point marks whether it does. */
  #epoch: Float64Array | null = null;
  #epochValid: Uint8Array | null = null;
  #wall: Float64Array | null = null;
  #wallValid: Uint8Array | null = null;
  /** Points of this batch that have an epoch, a wall time. */
  #epochs = 0;
  #walls = 0;

  constructor(post: (message: JobMessage, transfer: Transferable[]) => void, inFlight: InFlight) {
    this.#post = post;
    this.#inFlight = inFlight;
    this.#refill(null);
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
      let values = this.#epoch;
      let valid = this.#epochValid;
      if (!values || !valid) {
        values = this.#epoch = new Float64Array(PARSER_BATCH_ROWS);
        valid = this.#epochValid = new Uint8Array(PARSER_BATCH_ROWS);
      }
      values[i] = epoch;
      valid[i] = 1;
      this.#epochs++;
    } else if (this.#epochValid) this.#epochValid[i] = 0;
    if (wall !== undefined) {
      let values = this.#wall;
      let valid = this.#wallValid;
      if (!values || !valid) {
        values = this.#wall = new Float64Array(PARSER_BATCH_ROWS);
        valid = this.#wallValid = new Uint8Array(PARSER_BATCH_ROWS);
      }
      values[i] = wall;
      valid[i] = 1;
      this.#walls++;
    } else if (this.#wallValid) this.#wallValid[i] = 0;
    if (this.#n === PARSER_BATCH_ROWS) this.#send();
  }

  param(run: number, key: string, value: ScalarValue): void {
    this.#ops.push({ op: 'param', run, key, value });
  }

  summary(run: number, key: string, value: ScalarValue): void {
    this.#ops.push({ op: 'summary', run, key, value });
  }

  /**
   * Sent at once, with the points gathered so far, and counted as a batch in flight: a predictions
   * file has no points to carry its examples, and holding them all until the end would keep a
   * whole file's examples in both workers at once.
   */
  predictions(batch: PredictionBatch): void {
    this.#ops.push({ op: 'predictions', batch });
    this.#transfer.push(...predictionBuffers(batch));
    if (this.#n > 0) return this.#send();
    this.#inFlight.sent();
    this.#post({ type: 'batch', ops: this.takeOps(), batch: null }, this.#takeTransfer());
  }

  predictionSegments(rows: PredictionSegmentRows): void {
    this.#ops.push({ op: 'segments', rows });
  }

  predictionClassScores(rows: PredictionClassScoreRows): void {
    this.#ops.push({ op: 'class-scores', rows });
  }

  sample(run: number, sample: SampleRecord): void {
    this.#ops.push({ op: 'sample', run, sample });
  }

  meta(run: number, key: string, value: string): void {
    this.#ops.push({ op: 'meta', run, key, value });
  }

  /** Importers call this between chunks: the parser waits here while the engine is behind. */
  async flush(): Promise<void> {
    await this.#inFlight.ready();
  }

  /** Hands over the points gathered so far, with the operations that came before them. */
  #send(): void {
    const n = this.#n;
    const epochs = this.#epochs > 0;
    const walls = this.#walls > 0;
    const batch: PointBatch = {
      length: n,
      run: this.#run,
      metric: this.#metric,
      step: this.#step,
      value: this.#value,
      epoch: epochs ? this.#epoch : null,
      // When every point has one, the marks stay here: they say nothing.
      epochValid: epochs && this.#epochs < n ? this.#epochValid : null,
      wall: walls ? this.#wall : null,
      wallValid: walls && this.#walls < n ? this.#wallValid : null,
    };
    this.#inFlight.sent();
    const transfer = [...batchBuffers(batch), ...this.#takeTransfer()];
    this.#post({ type: 'batch', ops: this.takeOps(), batch }, transfer);
    this.#n = this.#epochs = this.#walls = 0;
    this.#refill(batch);
  }

  /** New columns after `sent` was handed over: a returned batch's arrays when there is one. */
  #refill(sent: PointBatch | null): void {
    const spare = this.#inFlight.spare();
    this.#run = spare?.run ?? new Int32Array(PARSER_BATCH_ROWS);
    this.#metric = spare?.metric ?? new Int32Array(PARSER_BATCH_ROWS);
    this.#step = spare?.step ?? new Float64Array(PARSER_BATCH_ROWS);
    this.#value = spare?.value ?? new Float64Array(PARSER_BATCH_ROWS);
    // Optional columns that were not sent are still here; sent ones are replaced or made anew.
    if (sent?.epoch) {
      this.#epoch = spare?.epoch ?? null;
      if (sent.epochValid) this.#epochValid = spare?.epochValid ?? null;
      if (!this.#epoch || !this.#epochValid) this.#epoch = this.#epochValid = null;
    }
    if (sent?.wall) {
      this.#wall = spare?.wall ?? null;
      if (sent.wallValid) this.#wallValid = spare?.wallValid ?? null;
      if (!this.#wall || !this.#wallValid) this.#wall = this.#wallValid = null;
    }
  }

  /** Hands over what is left; call once the importer returned. */
  finish(): void {
    if (this.#n > 0) this.#send();
  }

  #takeTransfer(): ArrayBuffer[] {
    const transfer = this.#transfer;
    this.#transfer = [];
    return transfer;
  }

  takeOps(): SinkOp[] {
    const ops = this.#ops;
    this.#ops = [];
    return ops;
  }
}
