/**
 * Gathers a predictions file's examples into column batches for the sink: run references and
 * classes are coded once per batch, so a million examples travel as a few typed arrays and one
 * list of ids rather than a million objects (each with its own copy of every label).
 */

import type { ImportSink, PredictionBatch } from '../types';

/** Examples per batch: large enough that DuckDB inserts few of them, small enough to travel. */
export const PREDICTION_BATCH_ROWS = 1 << 16;

class Codes {
  readonly list: string[] = [];
  #index = new Map<string, number>();

  code(value: string): number {
    let code = this.#index.get(value);
    if (code === undefined) {
      code = this.list.length;
      this.#index.set(value, code);
      this.list.push(value);
    }
    return code;
  }
}

export class PredictionBatcher {
  #sink: ImportSink;
  #rows: number;
  #n = 0;
  #runs = new Codes();
  #classes = new Codes();
  #run!: Int32Array;
  #ids: string[] = [];
  #label!: Int32Array;
  #prediction!: Int32Array;
  #score!: Float64Array;
  #scored!: Uint8Array;

  constructor(sink: ImportSink, rows = PREDICTION_BATCH_ROWS) {
    this.#sink = sink;
    this.#rows = rows;
    this.#start();
  }

  add(
    runRef: string,
    exampleId: string,
    label: string | null,
    prediction: string | null,
    score: number | null,
  ): void {
    const i = this.#n++;
    this.#run[i] = this.#runs.code(runRef);
    this.#ids.push(exampleId);
    this.#label[i] = label === null ? -1 : this.#classes.code(label);
    this.#prediction[i] = prediction === null ? -1 : this.#classes.code(prediction);
    if (score !== null) {
      this.#score[i] = score;
      this.#scored[i] = 1;
    }
    if (this.#n === this.#rows) this.flush();
  }

  /** Hands over the examples gathered so far. */
  flush(): void {
    const n = this.#n;
    if (n === 0) return;
    const batch: PredictionBatch = {
      length: n,
      runRefs: this.#runs.list,
      classes: this.#classes.list,
      run: this.#run.subarray(0, n),
      exampleIds: this.#ids,
      label: this.#label.subarray(0, n),
      prediction: this.#prediction.subarray(0, n),
      score: this.#score.subarray(0, n),
      scored: this.#scored.subarray(0, n),
    };
    this.#sink.predictions(batch);
    this.#start();
  }

  #start(): void {
    this.#n = 0;
    this.#runs = new Codes();
    this.#classes = new Codes();
    this.#run = new Int32Array(this.#rows);
    this.#ids = [];
    this.#label = new Int32Array(this.#rows);
    this.#prediction = new Int32Array(this.#rows);
    this.#score = new Float64Array(this.#rows);
    this.#scored = new Uint8Array(this.#rows);
  }
}
