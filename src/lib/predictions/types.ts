/** Per-example predictions as the page and the worker speak of them. */

import type { ClassBreakdown } from '../stats/class-breakdown';
import type { SegmentBreakdown } from '../stats/segment-breakdown';
import type { McNemarResult } from '../stats/mcnemar';
import type { PairedMetric } from '../stats/paired-bootstrap';

/** The predictions of one run, as the dropped files name it, and the run it was linked to. */
export interface PredictionSet {
  runRef: string;
  /** The loaded run whose id, key or name the reference matches; null when none (or several) do. */
  runId: number | null;
  /** Why no run was linked, when none was. */
  unlinked: string | null;
  examples: number;
  sources: string[];
}

export interface PredictionsRequest {
  /** Run references (`PredictionSet.runRef`); b is compared against a. */
  a: string;
  b: string;
  resamples: number;
  seed: number;
  level: number;
}

export interface PredictionsResult {
  request: PredictionsRequest;
  /** Examples both runs predicted, with the same label and a label at all: every number rests on these. */
  shared: number;
  onlyA: number;
  onlyB: number;
  /** Shared examples whose label differs between the two files (left out). */
  labelsDisagree: number;
  /** Shared examples without a label (left out). */
  unlabelled: number;
  classes: number;
  /** Bootstrap resamples taken: the request's, fewer for a very large set (see engine/predictions.ts). */
  resamples: number;
  /**
   * How accuracy and macro F1 were resampled: example by example, or (for sets too large for that)
   * Poisson weights over the (label, A, B) cells, as the per-class breakdown always is.
   */
  bootstrap: 'examples' | 'poisson-cells';
  accuracy: PairedMetric;
  macroF1: PairedMetric;
  mcnemar: McNemarResult | null;
  /** The classes by code, as the files spell them (the codes of `breakdown`). */
  classNames: string[];
  /** Class by class, with Poisson-bootstrap intervals and both confusion matrices. */
  breakdown: ClassBreakdown;
  /** Per segment column of the predictions files (`language`…), value by value. */
  segments: SegmentBreakdown[];
  elapsedMs: number;
}
