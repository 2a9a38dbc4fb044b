/**
 * ROC and precision–recall curves of scores against a binary label, with the areas people quote:
 * AUC (with DeLong's standard error, paired between two scorers of the same examples: DeLong,
 * DeLong & Clarke-Pearson, Biometrics 44, 1988; midrank form of Sun & Xu, IEEE Signal Processing
 * Letters 21, 2014) and average precision as scikit-learn defines it, Σ (Rₙ − Rₙ₋₁) Pₙ over the
 * thresholds from the highest down.
 */

import { normalCdf, normalQuantile } from './normal';
import { scoreOrder } from './score-order';

export interface ScoreCurves {
  /** One point per distinct score (and the origin), from the highest threshold down. */
  fpr: Float64Array;
  tpr: Float64Array;
  precision: Float64Array;
  thresholds: Float64Array;
  auc: number;
  averagePrecision: number;
  positives: number;
  negatives: number;
}

/**
 * Example order by score, highest first: every function here takes it, so that one sort of a
 * scorer's examples serves its curve, its DeLong placements and its bootstrap.
 */
export function byScore(score: Float64Array): Uint32Array {
  return scoreOrder(score);
}

export function scoreCurves(
  positive: Uint8Array,
  score: Float64Array,
  order = byScore(score),
): ScoreCurves {
  let positives = 0;
  for (let i = 0; i < positive.length; i++) positives += positive[i];
  const negatives = positive.length - positives;
  const fpr = [0];
  const tpr = [0];
  const precision = [1];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let ap = 0;
  for (let k = 0; k < order.length;) {
    const s = score[order[k]];
    // Every example at this score crosses the threshold together.
    while (k < order.length && score[order[k]] === s) {
      if (positive[order[k]]) tp++;
      else fp++;
      k++;
    }
    const x = negatives > 0 ? fp / negatives : NaN;
    const y = positives > 0 ? tp / positives : NaN;
    auc += ((x - fpr[fpr.length - 1]) * (y + tpr[tpr.length - 1])) / 2;
    const p = tp / (tp + fp);
    ap += (y - tpr[tpr.length - 1]) * p;
    fpr.push(x);
    tpr.push(y);
    precision.push(p);
    thresholds.push(s);
  }
  return {
    fpr: Float64Array.from(fpr),
    tpr: Float64Array.from(tpr),
    precision: Float64Array.from(precision),
    thresholds: Float64Array.from(thresholds),
    auc: positives > 0 && negatives > 0 ? auc : NaN,
    averagePrecision: positives > 0 ? ap : NaN,
    positives,
    negatives,
  };
}

/**
 * DeLong's placement values of one scorer: V10 per positive, V01 per negative (each in example
 * order), and the AUC; from midranks (ties averaged) over all examples, the positives and the
 * negatives, read off the one order by score.
 */
function placements(positive: Uint8Array, score: Float64Array, order: Uint32Array) {
  const total = positive.length;
  const within = new Int32Array(total);
  let m = 0;
  let n = 0;
  for (let i = 0; i < total; i++) within[i] = positive[i] ? m++ : n++;
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let below = 0;
  let belowPositive = 0;
  let rankSum = 0;
  // From the lowest score up, one group of equal scores at a time.
  for (let end = total; end > 0;) {
    let start = end - 1;
    while (start > 0 && score[order[start - 1]] === score[order[end - 1]]) start--;
    let p = 0;
    for (let k = start; k < end; k++) p += positive[order[k]];
    const size = end - start;
    const rank = below + (size + 1) / 2;
    const positiveRank = belowPositive + (p + 1) / 2;
    const negativeRank = below - belowPositive + (size - p + 1) / 2;
    for (let k = start; k < end; k++) {
      const i = order[k];
      if (positive[i]) {
        v10[within[i]] = (rank - positiveRank) / n;
        rankSum += rank;
      } else v01[within[i]] = 1 - (rank - negativeRank) / m;
    }
    below += size;
    belowPositive += p;
    end = start;
  }
  return { v10, v01, auc: (rankSum - (m * (m + 1)) / 2) / (m * n) };
}

function covariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - mx) * (y[i] - my);
  return s / (n - 1);
}

export interface AucInterval {
  auc: number;
  se: number;
  lo: number;
  hi: number;
}

export interface PairedAuc {
  a: AucInterval;
  b: AucInterval;
  /** b − a, with DeLong's paired standard error and interval, and the two-sided p of no difference. */
  difference: number;
  se: number;
  lo: number;
  hi: number;
  p: number;
}

function aucInterval(auc: number, variance: number, z: number): AucInterval {
  const se = Math.sqrt(variance);
  return { auc, se, lo: Math.max(0, auc - z * se), hi: Math.min(1, auc + z * se) };
}

/** One scorer's AUC with DeLong's interval. */
export function delongInterval(
  positive: Uint8Array,
  score: Float64Array,
  level = 0.95,
  order = byScore(score),
): AucInterval {
  const p = placements(positive, score, order);
  const z = normalQuantile((1 + level) / 2);
  return aucInterval(
    p.auc,
    covariance(p.v10, p.v10) / p.v10.length + covariance(p.v01, p.v01) / p.v01.length,
    z,
  );
}

/** Two scorers of the same examples: each AUC with its interval, and their paired difference. */
export function delongPaired(
  positive: Uint8Array,
  scoreA: Float64Array,
  scoreB: Float64Array,
  level = 0.95,
  orders: [Uint32Array, Uint32Array] = [byScore(scoreA), byScore(scoreB)],
): PairedAuc {
  const pa = placements(positive, scoreA, orders[0]);
  const pb = placements(positive, scoreB, orders[1]);
  const m = pa.v10.length;
  const n = pa.v01.length;
  const z = normalQuantile((1 + level) / 2);
  const variance = (x: typeof pa, y: typeof pa) =>
    covariance(x.v10, y.v10) / m + covariance(x.v01, y.v01) / n;
  const one = (p: typeof pa) => aucInterval(p.auc, variance(p, p), z);
  const difference = pb.auc - pa.auc;
  const se = Math.sqrt(Math.max(0, variance(pa, pa) + variance(pb, pb) - 2 * variance(pa, pb)));
  const p = se > 0 ? 2 * (1 - normalCdf(Math.abs(difference) / se)) : difference === 0 ? 1 : 0;
  return {
    a: one(pa),
    b: one(pb),
    difference,
    se,
    lo: difference - z * se,
    hi: difference + z * se,
    p,
  };
}
