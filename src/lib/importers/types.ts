/** The contract between a file format and the canonical tables: importers write through a sink. */

import type { ImportReport } from './report';

export interface SourceFile {
  /** Relative path as dropped, e.g. `lightning_logs/version_3/metrics.csv`. */
  name: string;
  blob: Blob;
}

export interface RunInfo {
  /**
   * The name given is a stand-in (an id, a folder) until a file that knows the run's real name
   * names it: a later non-provisional name replaces it.
   */
  provisionalName?: boolean;
  state?: string | null;
  project?: string | null;
  group?: string | null;
  createdAt?: number | null;
  tags?: string[];
}

export type ScalarValue = string | number | boolean | null;

/**
 * Examples' outputs as columns (a million examples are not a million objects): runs and classes
 * as codes into the batch's own lists, `-1` where an example has no label or prediction. A run
 * reference names the run as the file does (a name, an id, a folder).
 */
export interface PredictionBatch {
  length: number;
  runRefs: string[];
  classes: string[];
  run: Int32Array;
  exampleIds: string[];
  label: Int32Array;
  prediction: Int32Array;
  /** The score, where `scored` is 1. */
  score: Float64Array;
  scored: Uint8Array;
}

/**
 * A segment column of a predictions file (`language`, `source`…): each example's value, as
 * columns (a million examples are not a million objects).
 */
export interface PredictionSegmentRows {
  segment: string;
  runRefs: readonly string[];
  exampleIds: readonly string[];
  values: readonly (string | null)[];
}

/** The examples' scores for each of a file's classes, row-major (`classes.length` per example; NaN: none). */
export interface PredictionClassScoreRows {
  classes: readonly string[];
  runRefs: readonly string[];
  exampleIds: readonly string[];
  scores: Float64Array;
}

/** A debug sample a file holds (an image in a TensorBoard event file): its bytes are a slice, unread. */
export interface SampleRecord {
  kind: 'image' | 'audio' | 'text';
  key: string;
  step: number;
  mime: string;
  blob: Blob;
  /** Where its bytes lie in the file, `[start, end)`: kept so a reopened workspace finds them. */
  range?: [number, number];
}

/**
 * A precision–recall curve a tracker logged. From TensorBoard's `pr_curves`: per threshold, evenly
 * spaced over [0, 1], the counts and the tracker's own precision and recall. From a W&B curve table
 * (`wandb.plot.pr_curve`, `roc_curve`): only the points it kept, counts NaN, ordered as
 * TensorBoard's (recall falling), with a ROC table's points in `roc` instead.
 */
export interface PrCurveRecord {
  source: 'tensorboard' | 'wandb';
  /** ROC points (false and true positive rates, rising) a tracker logged as such. */
  roc?: { fpr: Float64Array; tpr: Float64Array };
  tag: string;
  step: number;
  wall: number | null;
  tp: Float64Array;
  fp: Float64Array;
  tn: Float64Array;
  fn: Float64Array;
  precision: Float64Array;
  recall: Float64Array;
}

/** Where importers put what they read. A run is referred to by the handle `run()` returns. */
export interface ImportSink {
  run(key: string, name: string, info?: RunInfo): number;
  metric(name: string): number;
  /** One logged point; `epoch` and `wall` are `undefined` when the file has none. */
  point(
    run: number,
    metric: number,
    step: number,
    value: number,
    epoch?: number,
    wall?: number,
  ): void;
  param(run: number, key: string, value: ScalarValue): void;
  summary(run: number, key: string, value: ScalarValue): void;
  meta(run: number, key: string, value: string): void;
  /** Examples' outputs, in batches. */
  predictions(batch: PredictionBatch): void;
  /** The examples' values in one of the file's segment columns. */
  predictionSegments(rows: PredictionSegmentRows): void;
  /** The examples' per-class scores (`prob_<class>` columns, or an array of them). */
  predictionClassScores(rows: PredictionClassScoreRows): void;
  /** A debug sample of the run (shown by the Samples view, never stored in DuckDB). */
  sample?(run: number, sample: SampleRecord): void;
  /** A tracker's PR curve of the run (kept by the engine beside the samples, never in DuckDB). */
  prCurve?(run: number, curve: PrCurveRecord): void;
  /** Lets the sink write out what it has buffered; importers call it between chunks. */
  flush(): Promise<void>;
}

export interface ReadContext {
  probe: Probe;
  sink: ImportSink;
  report: ImportReport;
  signal: AbortSignal;
  /** Called with the bytes read so far. */
  onBytes(bytesRead: number): void;
  /**
   * Called with each chunk of raw bytes, in order, for the content hash. `owned`: nothing reads
   * the chunk any more and its buffer holds nothing else, so the callee may take it (transfer it).
   */
  onChunk(chunk: Uint8Array, owned?: boolean): void;
}

/** What an importer sees before deciding whether a file is its own. */
export interface Probe {
  name: string;
  size: number;
  /** The first bytes of the file as they are (64 KiB at most). */
  raw: Uint8Array;
  /** The same bytes as UTF-8 text: transcoded, byte-order mark and NULs removed. */
  head: Uint8Array;
  headText: string;
  /** What the file looks like when it is not text (`a zip archive`…), else `null`. */
  binary: string | null;
}

export interface Importer {
  id: string;
  /** True for importers of binary formats; a binary file goes to no other importer. */
  binary?: boolean;
  /** True when an empty file means something to it (an MLflow param logged as ""); others never see empty files. */
  acceptsEmpty?: boolean;
  /**
   * True when the file's path alone says it is this format (a file inside a tracker's folder
   * layout, such as an MLflow run's `metrics/`): then the other importers do not sniff it.
   */
  claims?(name: string): boolean;
  /** How sure it is that the file is its format: 0 means not at all. */
  sniff(probe: Probe): number;
  read(file: SourceFile, ctx: ReadContext): Promise<void>;
}
