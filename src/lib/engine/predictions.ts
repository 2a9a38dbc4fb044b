/**
 * Two runs' per-example predictions compared in the worker: on the examples both predicted with
 * the same label, McNemar's test of who gets right what the other gets wrong, and a paired
 * bootstrap of the accuracy and macro-F1 difference. Examples only one run has are counted, not
 * used: runs evaluated on different sets are said to be so.
 */

import { linkRun, type LinkableRun } from '../predictions/link';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';
import { pairedPredictions, predictionSets } from '../sql/predictions';
import { classBreakdown } from '../stats/class-breakdown';
import { mcnemar } from '../stats/mcnemar';
import { pairedBootstrap } from '../stats/paired-bootstrap';
import { queryRows, type Db } from './db';

/**
 * Example draws one comparison may cost (~1 s in the worker): past it the bootstrap takes fewer
 * resamples, never fewer than `MIN_RESAMPLES`, and the answer says how many it took.
 */
const DRAW_BUDGET = 2e8;
const MIN_RESAMPLES = 1000;
/** Resampled differences the per-class intervals may hold (three per class and resample). */
const CLASS_DRAWS = 2e6;

export function listPredictionSets(db: Db): PredictionSet[] {
  const runs = queryRows<{ run_id: number; run_key: string; name: string }>(
    db,
    'SELECT run_id, run_key, name FROM runs',
  ).map<LinkableRun>((r) => ({ runId: r.run_id, runKey: r.run_key, name: r.name }));
  return queryRows<{ run_ref: string; examples: number; sources: string }>(
    db,
    predictionSets(),
  ).map((s) => ({
    runRef: s.run_ref,
    examples: s.examples,
    sources: s.sources.split('\n'),
    ...linkRun(s.run_ref, runs),
  }));
}

interface PairRow {
  label_a: string | null;
  label_b: string | null;
  prediction_a: string | null;
  prediction_b: string | null;
  in_a: boolean;
  in_b: boolean;
}

export function comparePredictions(db: Db, request: PredictionsRequest): PredictionsResult {
  const started = performance.now();
  const rows = queryRows<PairRow>(db, pairedPredictions(request.a, request.b));
  let onlyA = 0;
  let onlyB = 0;
  let labelsDisagree = 0;
  let unlabelled = 0;
  const codes = new Map<string, number>();
  const code = (c: string | null) => {
    if (c === null) return -1;
    let k = codes.get(c);
    if (k === undefined) codes.set(c, (k = codes.size));
    return k;
  };
  const label: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (const r of rows) {
    if (!r.in_b) onlyA++;
    else if (!r.in_a) onlyB++;
    else if (r.label_a === null || r.label_b === null) unlabelled++;
    else if (r.label_a !== r.label_b) labelsDisagree++;
    else {
      label.push(code(r.label_a));
      a.push(code(r.prediction_a));
      b.push(code(r.prediction_b));
    }
  }
  const resamples = Math.min(
    request.resamples,
    Math.max(MIN_RESAMPLES, Math.floor(DRAW_BUDGET / Math.max(1, label.length))),
  );
  const pairs = {
    label: Int32Array.from(label),
    a: Int32Array.from(a),
    b: Int32Array.from(b),
    classes: codes.size,
  };
  const paired = pairedBootstrap(pairs, { ...request, resamples });
  const breakdown = classBreakdown(pairs, {
    ...request,
    resamples: Math.min(
      request.resamples,
      2000,
      Math.max(200, Math.floor(CLASS_DRAWS / Math.max(1, codes.size))),
    ),
  });
  let aOnlyRight = 0;
  let bOnlyRight = 0;
  for (let i = 0; i < label.length; i++) {
    const ra = a[i] === label[i];
    const rb = b[i] === label[i];
    if (ra && !rb) aOnlyRight++;
    else if (rb && !ra) bOnlyRight++;
  }
  return {
    request,
    shared: label.length,
    onlyA,
    onlyB,
    labelsDisagree,
    unlabelled,
    classes: codes.size,
    resamples,
    accuracy: paired.accuracy,
    macroF1: paired.macroF1,
    mcnemar: label.length > 0 ? mcnemar(aOnlyRight, bOnlyRight) : null,
    classNames: [...codes.keys()],
    breakdown,
    elapsedMs: performance.now() - started,
  };
}
