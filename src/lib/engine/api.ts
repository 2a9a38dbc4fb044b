/** The one contract between the page and the engine worker: domain questions in, Arrow IPC out. */

import type { AlignRequest, AlignResult } from '../align/types';
import type { ScalarRequest, ScalarRow } from '../compare/scalar-types';
import type { CompareViewData, CompareViewRequest } from '../compare/view-data';
import type { CurvesRequest, CurvesResult, HoverRequest, HoverValue } from '../curves/types';
import type { CurvePlan } from './curve-warmer';
import type { AppendOutcome } from './live-sources';
import type { ImportanceRequest, SweepRequest } from './sweep';
import type { ImportanceResult } from '../sweep/importance';
import type { SweepTable } from '../sweep/types';
import type { ImportReportData } from '../importers/report';
import type { ScoreCurvesRequest, ScoreCurvesResult } from '../predictions/curve-types';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';
import type { TrackerCurvesRequest, TrackerCurvesResult } from '../predictions/tracker-curves';
import type { StatsRequest, StatsResult } from '../stats/types';

export type SourceStatus =
  'reading' | 'loaded' | 'partial' | 'empty' | 'failed' | 'duplicate' | 'cancelled';

export interface SourceReport {
  sourceId: number;
  name: string;
  bytes: number;
  sha256: string | null;
  status: SourceStatus;
  /** One sentence for the user: what happened, or why it failed. */
  message: string;
  report: ImportReportData | null;
  /** The source this one repeats, for `duplicate`. */
  duplicateOf: number | null;
  /** The files inside an archive, each its own source. */
  children: SourceReport[];
}

export interface IngestProgress {
  sourceId: number;
  bytesRead: number;
  bytes: number;
  points: number;
}

/** What the engine tells the page while it reads a batch of files, each file named by the caller's key. */
export type IngestEvent =
  | { kind: 'start'; key: number; sourceId: number; name: string }
  | ({ kind: 'progress'; key: number } & IngestProgress)
  | { kind: 'done'; key: number; report: SourceReport };

export interface RunsTableIPC {
  /** One row per run: run_id, run_key, name, state, sources, formats, metrics, points, last_step, metric_names… */
  runs: Uint8Array;
  /** Every hyperparameter key in order: key, numeric. */
  paramKeys: Uint8Array;
  /** Every hyperparameter cell: run_id, key_index (into paramKeys), value. */
  params: Uint8Array;
}

/** A debug sample read out of a loaded file (an image in an event file), its bytes a slice of the file. */
export interface EngineSample {
  kind: 'image' | 'audio' | 'text';
  key: string;
  step: number;
  mime: string;
  runKey: string;
  file: string;
  blob: Blob;
  /** Where its bytes lie in `file`, when they are a part of it (an image in an event file). */
  range?: [number, number];
}

export interface EngineApi {
  /**
   * Reads files into the canonical tables, committing them in groups; never throws for a bad file,
   * it reports it. `key` is the caller's id for each file, used in events and by `cancel`. Events
   * come in bunches (at most ~10 a second), so a folder of thousands of files does not flood the page.
   */
  ingestBatch(
    files: { key: number; name: string; blob: Blob }[],
    onEvents?: (events: IngestEvent[]) => void,
  ): Promise<SourceReport[]>;
  /** Stops reading a file (under way or still waiting); what it had written is removed. */
  cancel(key: number): void;
  /** Removes a loaded file and whatever only it provided. */
  remove(sourceId: number): void;
  sources(): SourceReport[];
  /** Where each file's whole content ends now: a line or record still being written is left out. */
  wholeLengths(files: { name: string; blob: Blob }[]): Promise<number[]>;
  /** Watches loaded sources, each read up to its report's bytes: `append` reads on from there. */
  watch(sources: { sourceId: number; name: string; blob: Blob }[]): Promise<void>;
  /**
   * Reads only what was appended to a watched source's file since its last read (`blob`: the file
   * now), or says why the file must be read again whole.
   */
  append(sourceId: number, blob: Blob): Promise<AppendOutcome>;
  runsTable(): RunsTableIPC;
  /** Every field of these runs, and how each differs from the base run (see compare/view-data.ts). */
  compareView(request: CompareViewRequest): CompareViewData;
  /** The same-step comparison of a student run against baselines; never re-reads files. */
  align(request: AlignRequest): AlignResult;
  /** What the curve charts will ask for first: smoothed ahead, in idle time, after each drop. */
  planCurves(plan: CurvePlan): void;
  /** One metric's lines for a chart, smoothed on the full series, then cut to its pixels (M4). */
  curves(request: CurvesRequest): CurvesResult;
  /** One number per metric and run by a rule (last, min, max, at step k, at A's best step). */
  scalars(request: ScalarRequest): ScalarRow[];
  /** The runs' hyperparameters, metrics (one number each, by a scalar rule) and summary values as columns. */
  sweepTable(request: SweepRequest): SweepTable;
  /** Spearman's ρ and random-forest permutation importance of each hyperparameter, with intervals. */
  importance(request: ImportanceRequest): ImportanceResult;
  /** Each run's logged point nearest to an x, for the crosshair. */
  hover(request: HoverRequest): HoverValue[];
  /**
   * Groups of runs compared at the same step (or final, or best): bootstrap intervals, tests with
   * Holm, the student's trend and the best run under constraints; seeded, so reproducible.
   */
  statistics(request: StatsRequest): StatsResult;
  /** The per-example predictions loaded, one set per run reference, each linked to a run if one matches. */
  predictionSets(): PredictionSet[];
  /** Two sets on their shared examples: McNemar's test and a paired bootstrap; seeded. */
  comparePredictions(request: PredictionsRequest): PredictionsResult;
  /** ROC and PR curves of several sets for one positive class (one-vs-rest), with AUC and AP intervals; seeded. */
  scoreCurves(request: ScoreCurvesRequest): ScoreCurvesResult;
  /** The debug samples of loaded files; Blobs are handed over by reference, their bytes unread. */
  samples(): EngineSample[];
  /** PR curves trackers logged (TensorBoard `pr_curves`): the tags, their steps, every run's curve at one step. */
  trackerCurves(request: TrackerCurvesRequest): TrackerCurvesResult;
  /** Answers at once while the worker is responsive; the watchdog uses it. */
  ping(): string;
}
