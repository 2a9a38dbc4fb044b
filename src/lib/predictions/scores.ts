/**
 * Two runs' scores of the same binary examples as ROC and precision–recall curves, with AUC
 * (DeLong intervals, and the paired difference) and average precision. Which class is positive,
 * and what a score means, are said, never silently assumed.
 */

import { delongPaired, scoreCurves, type PairedAuc } from '../stats/roc';

/** Points a drawn curve keeps at most (the areas are computed on every point). */
const DRAWN_POINTS = 600;

export interface RunCurves {
  fpr: Float64Array;
  tpr: Float64Array;
  recall: Float64Array;
  precision: Float64Array;
  averagePrecision: number;
  /** How the file's score was read: the positive class's probability, or the prediction's confidence. */
  scoreMeaning: 'positive' | 'confidence';
}

export interface ScoresComparison {
  positiveClass: string;
  positives: number;
  negatives: number;
  a: RunCurves;
  b: RunCurves;
  auc: PairedAuc;
}

const POSITIVE_NAMES = /^(1|1\.0|true|yes|pos|positive)$/i;

/**
 * The comparison, or why there is none. `label`, `a`, `b` are class codes into `classNames`; a
 * score is NaN where the file gave none.
 */
export function compareScores(input: {
  classNames: readonly string[];
  label: Int32Array;
  a: Int32Array;
  b: Int32Array;
  scoreA: Float64Array;
  scoreB: Float64Array;
}): { scores: ScoresComparison } | { why: string } {
  const { classNames, label } = input;
  if (classNames.length !== 2)
    return {
      why: `ROC and precision–recall curves need two classes (these predictions have ${classNames.length}); one-vs-rest curves would need a score per class, which these files do not have.`,
    };
  const n = label.length;
  const missing = (s: Float64Array) => s.reduce((t, v) => t + (Number.isNaN(v) ? 1 : 0), 0);
  const gaps = missing(input.scoreA) + missing(input.scoreB);
  if (gaps === 2 * n) return { why: 'No score column in these predictions: no ROC or PR curve.' };
  if (gaps > 0)
    return {
      why: `${gaps.toLocaleString('en-US')} shared examples have no score in one of the files: no curve is drawn from a part of the examples.`,
    };
  const named = classNames.findIndex((c) => POSITIVE_NAMES.test(c.trim()));
  const positiveCode = named >= 0 ? named : 1;
  const positive = Uint8Array.from(label, (l) => (l === positiveCode ? 1 : 0));
  const read = (predicted: Int32Array, score: Float64Array) => {
    const meaning = scoreMeaning(predicted, score, positiveCode);
    const s =
      meaning === 'positive'
        ? score
        : Float64Array.from(score, (v, i) => (predicted[i] === positiveCode ? v : 1 - v));
    return { meaning, s };
  };
  const ra = read(input.a, input.scoreA);
  const rb = read(input.b, input.scoreB);
  const curves = (r: typeof ra): RunCurves => {
    const c = scoreCurves(positive, r.s);
    return {
      fpr: thin(c.fpr),
      tpr: thin(c.tpr),
      recall: thin(c.tpr),
      precision: thin(c.precision),
      averagePrecision: c.averagePrecision,
      scoreMeaning: r.meaning,
    };
  };
  const positives = positive.reduce((t, v) => t + v, 0);
  return {
    scores: {
      positiveClass: classNames[positiveCode],
      positives,
      negatives: n - positives,
      a: curves(ra),
      b: curves(rb),
      auc: delongPaired(positive, ra.s, rb.s),
    },
  };
}

/**
 * A score is the positive class's probability when it sits above ½ exactly where the run predicted
 * the positive class; if it instead sits above ½ almost everywhere, it is the confidence of
 * whatever was predicted.
 */
function scoreMeaning(
  predicted: Int32Array,
  score: Float64Array,
  positiveCode: number,
): 'positive' | 'confidence' {
  let agree = 0;
  let high = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i] >= 0.5 === (predicted[i] === positiveCode)) agree++;
    if (score[i] >= 0.5) high++;
  }
  const n = Math.max(1, score.length);
  return agree / n < 0.9 && high / n >= 0.9 ? 'confidence' : 'positive';
}

/** At most DRAWN_POINTS of a curve's points, the first and last kept. */
function thin(values: Float64Array): Float64Array {
  if (values.length <= DRAWN_POINTS) return values;
  const out = new Float64Array(DRAWN_POINTS);
  const step = (values.length - 1) / (DRAWN_POINTS - 1);
  for (let i = 0; i < DRAWN_POINTS; i++) out[i] = values[Math.round(i * step)];
  return out;
}
