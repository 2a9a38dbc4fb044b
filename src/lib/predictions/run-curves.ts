/**
 * One run's ROC and precision–recall curve for a positive class, from its scores of the examples
 * every drawn run shares: what its score means, the curve thinned for drawing, the areas on every
 * threshold. Which class is positive is said, never silently assumed.
 */

import { scoreCurves } from '../stats/roc';
import type { ScoreSource } from './curve-types';

/** Points a drawn curve keeps at most (the areas are computed on every point). */
export const DRAWN_POINTS = 600;

const POSITIVE_NAMES = /^(1|1\.0|true|yes|pos|positive)$/i;

/**
 * The class read as positive when the user picked none: of two, the one named like a positive
 * (`1`, `true`, `yes`…) else the second; of more, the first class some run has a score for.
 */
export function defaultPositiveClass(
  classes: readonly string[],
  scoredClasses: readonly string[],
): string | null {
  if (classes.length === 2) return classes.find((c) => POSITIVE_NAMES.test(c.trim())) ?? classes[1];
  return scoredClasses[0] ?? null;
}

/**
 * A single score is the positive class's probability when it sits above ½ exactly where the run
 * predicted the positive class; if it instead sits above ½ almost everywhere, it is the confidence
 * of whatever was predicted.
 */
export function singleScoreMeaning(
  predictedPositive: Uint8Array,
  score: Float64Array,
): 'positive' | 'confidence' {
  let agree = 0;
  let high = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i] >= 0.5 === (predictedPositive[i] === 1)) agree++;
    if (score[i] >= 0.5) high++;
  }
  const n = Math.max(1, score.length);
  return agree / n < 0.9 && high / n >= 0.9 ? 'confidence' : 'positive';
}

/** The score of the positive class: a confidence of the other class's prediction becomes 1 − s. */
export function positiveScore(
  source: ScoreSource,
  predictedPositive: Uint8Array,
  score: Float64Array,
): Float64Array {
  if (source !== 'confidence') return score;
  return Float64Array.from(score, (v, i) => (predictedPositive[i] ? v : 1 - v));
}

/** At most DRAWN_POINTS of a curve's points, the first and last kept. */
export function thin(values: Float64Array): Float64Array {
  if (values.length <= DRAWN_POINTS) return values;
  const out = new Float64Array(DRAWN_POINTS);
  const step = (values.length - 1) / (DRAWN_POINTS - 1);
  for (let i = 0; i < DRAWN_POINTS; i++) out[i] = values[Math.round(i * step)];
  return out;
}

/** The drawn points and the AP of one run's scores. */
export function drawnCurves(positive: Uint8Array, score: Float64Array, order?: Uint32Array) {
  const c = scoreCurves(positive, score, order);
  return {
    fpr: thin(c.fpr),
    tpr: thin(c.tpr),
    recall: thin(c.tpr),
    precision: thin(c.precision),
    averagePrecision: c.averagePrecision,
  };
}
