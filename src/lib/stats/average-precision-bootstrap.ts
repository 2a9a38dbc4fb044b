/**
 * Percentile bootstrap intervals of average precision (scikit-learn's Σ (Rₙ − Rₙ₋₁) Pₙ, equal
 * scores one threshold) for several scorers of the same examples. Each resample draws n examples
 * with replacement — the same draw for every scorer — and recomputes each AP in one pass over the
 * scorer's examples sorted once, weighted by how often each was drawn: no sort per resample.
 */

import { percentileInterval, type Interval } from './percentile-interval';
import { randomIndex, seededRandom } from './random';
import { byScore } from './roc';

interface Sorted {
  order: Uint32Array;
  /** Whether order[k] is a positive. */
  positive: Uint8Array;
  /** 1 where order[k] is the last example of its score (a threshold ends there). */
  groupEnd: Uint8Array;
}

function sorted(positive: Uint8Array, score: Float64Array, order: Uint32Array): Sorted {
  const n = order.length;
  const groupEnd = new Uint8Array(n);
  const positiveSorted = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    positiveSorted[k] = positive[order[k]];
    groupEnd[k] = k + 1 === n || score[order[k + 1]] !== score[order[k]] ? 1 : 0;
  }
  return { order, positive: positiveSorted, groupEnd };
}

/**
 * AP with example i counted `weight[i]` times: Σ ΔTP · precision, divided at the end by the
 * positives counted (the last TP), so that the draw need not count them.
 */
function weightedAp(weight: Uint8Array, s: Sorted): number {
  let tp = 0;
  let seen = 0;
  let previousTp = 0;
  let sum = 0;
  const { order, positive, groupEnd } = s;
  for (let k = 0; k < order.length; k++) {
    const w = weight[order[k]];
    tp += positive[k] * w;
    seen += w;
    if (groupEnd[k] && tp > previousTp) {
      sum += (tp - previousTp) * (tp / seen);
      previousTp = tp;
    }
  }
  return tp > 0 ? sum / tp : NaN;
}

export interface ApBootstrap {
  /** Per scorer, in the order given; null when no resample had a positive. */
  intervals: (Interval | null)[];
  resamples: number;
}

export function averagePrecisionBootstrap(
  positive: Uint8Array,
  scores: readonly Float64Array[],
  options: { resamples: number; seed: number; level: number },
  orders: readonly Uint32Array[] = scores.map(byScore),
): ApBootstrap {
  const n = positive.length;
  const bySorted = scores.map((score, k) => sorted(positive, score, orders[k]));
  const estimates = scores.map(() => new Float64Array(options.resamples));
  // Bytes, so the counts stay in cache: a count past 255 needs one example drawn 256 times of n
  // draws over n, with probability below 1/256! — never.
  const weight = new Uint8Array(n);
  const random = seededRandom(options.seed);
  for (let r = 0; r < options.resamples; r++) {
    weight.fill(0);
    for (let j = 0; j < n; j++) weight[randomIndex(random, n)]++;
    bySorted.forEach((s, k) => (estimates[k][r] = weightedAp(weight, s)));
  }
  return {
    intervals: estimates.map((e) => percentileInterval(e, options.level)),
    resamples: options.resamples,
  };
}
