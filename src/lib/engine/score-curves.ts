/**
 * Several runs' ROC and precision–recall curves for one positive class (one-vs-rest when there
 * are more than two classes), on the examples every drawn run scored with the same label. AUC
 * with DeLong's interval per run (and the paired test for two runs), AP with a seeded percentile
 * bootstrap over resampled examples. Examples left out are counted, by reason.
 */

import {
  MAX_CURVE_RUNS,
  type ScoreCurvesRequest,
  type ScoreCurvesResult,
  type RunCurve,
  type ScoreSource,
} from '../predictions/curve-types';
import {
  defaultPositiveClass,
  drawnCurves,
  positiveScore,
  singleScoreMeaning,
} from '../predictions/run-curves';
import type { PredictionSet } from '../predictions/types';

/** What the curves need of a prediction set: its reference and the run it is linked to. */
export type CurveSet = Pick<PredictionSet, 'runRef' | 'runId'>;
import {
  KEPT,
  LABELS_DIFFER,
  NO_SCORE,
  NOT_IN_EVERY,
  UNLABELLED,
  curveClasses,
  curveRows,
  curveScoreCounts,
} from '../sql/score-curves';
import { averagePrecisionBootstrap } from '../stats/average-precision-bootstrap';
import { byScore, delongInterval, delongPaired } from '../stats/roc';
import { query, queryRows, type Db } from './db';

/**
 * Example visits the AP bootstrap may cost (~1 s in the worker): each resample draws n examples
 * and walks each run's n sorted examples once. Past it, fewer resamples, never fewer than
 * `MIN_RESAMPLES`; the answer says how many were taken.
 */
const AP_BUDGET = 1.5e8;
const MIN_RESAMPLES = 50;

export function runScoreCurves(
  db: Db,
  sets: readonly CurveSet[],
  request: ScoreCurvesRequest,
): ScoreCurvesResult {
  const started = performance.now();
  const known = new Set(sets.map((s) => s.runRef));
  const asked = (request.runRefs ?? sets.map((s) => s.runRef)).filter((r) => known.has(r));
  const chosen = asked.slice(0, MAX_CURVE_RUNS);
  const empty: ScoreCurvesResult = {
    request,
    classes: [],
    scoredClasses: [],
    positiveClass: null,
    capped: asked.slice(MAX_CURVE_RUNS),
    unscored: [],
    examples: 0,
    positives: 0,
    notInEvery: 0,
    unlabelled: 0,
    labelsDisagree: 0,
    noScore: 0,
    runs: [],
    paired: null,
    resamples: 0,
    note: null,
    elapsedMs: 0,
  };
  const done = (r: Partial<ScoreCurvesResult>): ScoreCurvesResult => ({
    ...empty,
    ...r,
    elapsedMs: performance.now() - started,
  });
  if (chosen.length === 0) return done({ note: 'No prediction set chosen: no curve.' });

  const classRows = queryRows<{ name: string; scored: boolean }>(db, curveClasses(chosen));
  const classes = classRows.map((c) => c.name);
  const scoredClasses = classRows.filter((c) => c.scored).map((c) => c.name);
  const picked = request.positiveClass;
  const positiveClass =
    picked !== null && classes.includes(picked)
      ? picked
      : defaultPositiveClass(classes, scoredClasses);
  const base = { classes, scoredClasses, positiveClass };
  if (classes.length < 2)
    return done({ ...base, note: 'The predictions have fewer than two classes: no curve.' });
  if (positiveClass === null)
    return done({
      ...base,
      note: `One-vs-rest curves of ${classes.length} classes need a score per class (columns prob_<class>, p_<class>, score_<class>, or an array "probs"), which these files do not have.`,
    });

  const counts = queryRows<{ run_ref: string; class_scores: number; scores: number }>(
    db,
    curveScoreCounts(chosen, positiveClass),
  );
  const binary = classes.length === 2;
  const byClass = counts.map((c) => c.class_scores > 0);
  const drawn = counts.filter((c, i) => byClass[i] || (binary && c.scores > 0));
  const unscored = counts.filter((c) => !drawn.includes(c)).map((c) => c.run_ref);
  if (drawn.length === 0)
    return done({
      ...base,
      unscored,
      note: binary
        ? 'No score column in these predictions: no ROC or PR curve.'
        : `No chosen run has a score for class “${positiveClass}”.`,
    });
  const refs = drawn.map((c) => c.run_ref);
  const drawnByClass = drawn.map((c) => c.class_scores > 0);

  const rows = query(db, curveRows(refs, drawnByClass, positiveClass));
  const status = Int32Array.from(rows.getChild('status')?.toArray() ?? []);
  const left = [0, 0, 0, 0, 0];
  for (let i = 0; i < status.length; i++) left[status[i]]++;
  const keep = (values: ArrayLike<number>, into: Float64Array | Uint8Array) => {
    let k = 0;
    for (let i = 0; i < status.length; i++) if (status[i] === KEPT) into[k++] = values[i];
    return into;
  };
  const column = (name: string) => rows.getChild(name)?.toArray() ?? [];
  const kept = left[KEPT];
  const positive = keep(column('positive'), new Uint8Array(kept)) as Uint8Array;
  const scores = refs.map((_, i) => keep(column(`s${i}`), new Float64Array(kept)) as Float64Array);
  const predicted = refs.map((_, i) => keep(column(`p${i}`), new Uint8Array(kept)) as Uint8Array);
  const n = positive.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += positive[i];
  const measured = {
    ...base,
    unscored,
    examples: n,
    positives,
    notInEvery: left[NOT_IN_EVERY],
    unlabelled: left[UNLABELLED],
    labelsDisagree: left[LABELS_DIFFER],
    noScore: left[NO_SCORE],
  };
  if (n === 0)
    return done({ ...measured, note: 'No example was scored by every chosen run: no curve.' });
  if (positives === 0 || positives === n)
    return done({
      ...measured,
      note: `Every shared example is ${positives === 0 ? 'not ' : ''}“${positiveClass}”: a curve needs both.`,
    });

  const sources: ScoreSource[] = refs.map((_, i) =>
    drawnByClass[i] ? 'class-score' : singleScoreMeaning(predicted[i], scores[i]),
  );
  const positiveScores = refs.map((_, i) => positiveScore(sources[i], predicted[i], scores[i]));
  const resamples = Math.min(
    request.resamples,
    Math.max(MIN_RESAMPLES, Math.floor(AP_BUDGET / (n * (1 + refs.length)))),
  );
  // One sort of each run's examples serves its curve, its AUC interval and its AP bootstrap.
  const orders = positiveScores.map(byScore);
  const ap = averagePrecisionBootstrap(positive, positiveScores, { ...request, resamples }, orders);
  const paired =
    refs.length === 2
      ? delongPaired(positive, positiveScores[0], positiveScores[1], request.level, [
          orders[0],
          orders[1],
        ])
      : null;
  const runIds = new Map(sets.map((s) => [s.runRef, s.runId]));
  const runs = refs.map<RunCurve>((runRef, i) => ({
    runRef,
    runId: runIds.get(runRef) ?? null,
    source: sources[i],
    ...drawnCurves(positive, positiveScores[i], orders[i]),
    auc: paired
      ? i === 0
        ? paired.a
        : paired.b
      : delongInterval(positive, positiveScores[i], request.level, orders[i]),
    apInterval: ap.intervals[i],
  }));
  return done({ ...measured, runs, paired, resamples });
}
