/**
 * Percentile bootstrap intervals of average precision (scikit-learn's Σ (Rₙ − Rₙ₋₁) Pₙ, equal
 * scores one threshold) for several scorers of the same examples. Each resample draws n examples
 * with replacement — the same draw for every scorer — and recomputes each AP in one pass over the
 * scorer's examples sorted once, weighted by how often each was drawn: no sort per resample.
 */

import { percentileInterval, type Interval } from './percentile-interval';
import { randomIndex, seededRandom } from './random';

interface Sorted {
  order: Uint32Array;
  /** 1 where order[k] is the last example of its score (a threshold ends there). */
  groupEnd: Uint8Array;
}

function sortByScore(score: Float64Array): Sorted {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((x, y) => score[y] - score[x]);
  const groupEnd = new Uint8Array(order.length);
  for (let k = 0; k < order.length; k++)
    groupEnd[k] = k + 1 === order.length || score[order[k + 1]] !== score[order[k]] ? 1 : 0;
  return { order, groupEnd };
}

/** AP with example i counted `weight[i]` times. */
function weightedAp(positive: Uint8Array, weight: Uint32Array, s: Sorted): number {
  let positives = 0;
  for (let i = 0; i < positive.length; i++) positives += positive[i] * weight[i];
  if (positives === 0) return NaN;
  let tp = 0;
  let seen = 0;
  let previousTp = 0;
  let ap = 0;
  const { order, groupEnd } = s;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const w = weight[i];
    tp += positive[i] * w;
    seen += w;
    if (groupEnd[k] && tp > previousTp) {
      ap += ((tp - previousTp) / positives) * (tp / seen);
      previousTp = tp;
    }
  }
  return ap;
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
): ApBootstrap {
  const n = positive.length;
  const sorted = scores.map(sortByScore);
  const estimates = scores.map(() => new Float64Array(options.resamples));
  const weight = new Uint32Array(n);
  const random = seededRandom(options.seed);
  for (let r = 0; r < options.resamples; r++) {
    weight.fill(0);
    for (let j = 0; j < n; j++) weight[randomIndex(random, n)]++;
    sorted.forEach((s, k) => (estimates[k][r] = weightedAp(positive, weight, s)));
  }
  return {
    intervals: estimates.map((e) => percentileInterval(e, options.level)),
    resamples: options.resamples,
  };
}
