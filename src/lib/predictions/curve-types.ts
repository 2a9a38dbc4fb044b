/** ROC and precision–recall curves of several runs' scores, as the page and the worker speak of them. */

import type { Interval } from '../stats/percentile-interval';
import type { AucInterval, PairedAuc } from '../stats/roc';

/** Prediction sets one chart draws at most; the answer says how many were left off. */
export const MAX_CURVE_RUNS = 12;

export interface ScoreCurvesRequest {
  /** Run references (`PredictionSet.runRef`); null: every set, up to `MAX_CURVE_RUNS`. */
  runRefs: string[] | null;
  /** The class read as positive (one-vs-rest when there are more than two); null lets the engine pick. */
  positiveClass: string | null;
  resamples: number;
  seed: number;
  level: number;
}

/** Where a run's score for the positive class came from. */
export type ScoreSource =
  /** Its score column for that class (`prob_<class>`, or the class's place in an array). */
  | 'class-score'
  /** Its single `score` column, read as the positive class's probability. */
  | 'positive'
  /** Its single `score` column, read as the confidence of its own prediction (1 − s when it predicted the other class). */
  | 'confidence';

export interface RunCurve {
  runRef: string;
  runId: number | null;
  source: ScoreSource;
  /** Thinned for drawing (at most DRAWN_POINTS); the areas are on every threshold. */
  fpr: Float64Array;
  tpr: Float64Array;
  recall: Float64Array;
  precision: Float64Array;
  /** AUC with DeLong's interval. */
  auc: AucInterval;
  averagePrecision: number;
  /** Percentile bootstrap interval of the AP over resampled examples; null when no resample had a positive. */
  apInterval: Interval | null;
}

export interface ScoreCurvesResult {
  request: ScoreCurvesRequest;
  /** Every class of the chosen sets (labels, predictions, scored classes), sorted. */
  classes: string[];
  /** Classes some chosen run has a score column for. */
  scoredClasses: string[];
  /** The class read as positive; null when no curve could be drawn (see `note`). */
  positiveClass: string | null;
  /** Sets asked for (or all) but not drawn past `MAX_CURVE_RUNS`. */
  capped: string[];
  /** Chosen sets left off the chart because they have no score for the positive class. */
  unscored: string[];
  /** The examples every drawn run predicted, with one label and a score in each: the curves rest on these. */
  examples: number;
  positives: number;
  /** Left out: examples some drawn run lacks, without a label, whose labels differ between files, or without a score. */
  notInEvery: number;
  unlabelled: number;
  labelsDisagree: number;
  noScore: number;
  runs: RunCurve[];
  /** With exactly two runs: DeLong's paired test of the second's AUC against the first's. */
  paired: PairedAuc | null;
  /** Bootstrap resamples of the AP intervals: the request's, fewer for a large set (said). */
  resamples: number;
  /** Why there are no curves, when there are none. */
  note: string | null;
  elapsedMs: number;
}
