/**
 * Permutation importance from a random forest, as R's randomForest computes it (importance type 1,
 * unscaled): for each tree, the increase in its out-of-bag mean squared error when one feature's
 * values are shuffled among the out-of-bag rows, averaged over the trees. Each tree shuffles its
 * out-of-bag rows once and uses that shuffle for every feature (R draws one per feature), so each
 * feature is averaged over as many shuffles as there are trees. A tree that never splits on a
 * feature is unchanged by its shuffle and adds 0.
 *
 * Trees are fitted on a random subset of the rows drawn without replacement (subsampling, not a
 * bootstrap); the rest is out of bag. Both are capped, so past about a thousand runs a tree costs
 * the same however many runs there are.
 */

import type { BinnedFeatures } from './feature-bins';
import { growTree, predict, type TreeOptions } from './regression-tree';
import { randomIndex, shuffle, type Random } from '../stats/random';

export interface ForestOptions extends TreeOptions {
  trees: number;
  /** At most this many in-bag rows per tree, and at most 63 % of them (the share of distinct rows a bootstrap sample holds). */
  rowsPerTree: number;
  /** Each tree is scored on at most this many of its out-of-bag rows. */
  oobRowsPerTree: number;
}

export interface ForestImportance {
  /** Per feature: the mean increase in out-of-bag MSE when it is shuffled, in target units squared. */
  mseIncrease: Float64Array;
  /** 1 − (OOB MSE of each row's mean out-of-bag prediction) / (variance of those rows' target). */
  oobR2: number;
}

const IN_BAG_SHARE = 0.632;

/**
 * Fits a forest on `sample` (row indices into `data` and `target`; a bootstrap resample may repeat
 * a row, and a repeated row is never both in bag and out of bag) and scores its features.
 */
export function forestImportance(
  data: BinnedFeatures,
  target: Float64Array,
  sample: Int32Array,
  options: ForestOptions,
  random: Random,
): ForestImportance {
  const order = Int32Array.from(sample);
  const n = order.length;
  const inBag = Math.max(1, Math.min(options.rowsPerTree, Math.round(IN_BAG_SHARE * n), n - 1));
  const stamp = new Int32Array(data.rows);
  const scored = new Int32Array(Math.min(options.oobRowsPerTree, n));
  const standIns = new Int32Array(scored.length);
  const increase = new Float64Array(data.features);
  const oobSum = new Float64Array(data.rows);
  const oobCount = new Int32Array(data.rows);
  let scoredTrees = 0;

  // A lazy Fisher–Yates pass per tree: positions [0, inBag) become its rows, the next ones its
  // out-of-bag candidates.
  const draw = (k: number) => {
    const j = k + randomIndex(random, n - k);
    const r = order[j];
    order[j] = order[k];
    order[k] = r;
    return r;
  };

  for (let t = 1; t <= options.trees; t++) {
    for (let k = 0; k < inBag; k++) stamp[draw(k)] = t;
    let e = 0;
    for (let k = inBag; k < n && e < scored.length; k++) {
      const r = draw(k);
      if (stamp[r] !== t) scored[e++] = r;
    }
    const tree = growTree(data, target, order.subarray(0, inBag), options, random);
    if (e === 0) continue;
    scoredTrees++;

    let baseError = 0;
    for (let i = 0; i < e; i++) {
      const r = scored[i];
      const p = predict(tree, data, r);
      baseError += (target[r] - p) ** 2;
      oobSum[r] += p;
      oobCount[r]++;
    }
    // One shuffle of the out-of-bag rows per tree, used for each feature in turn.
    standIns.set(scored.subarray(0, e));
    shuffle(standIns, random, e);
    for (let f = 0; f < data.features; f++) {
      if (!tree.uses[f]) continue;
      let error = 0;
      for (let i = 0; i < e; i++) {
        const r = scored[i];
        error += (target[r] - predict(tree, data, r, f, standIns[i])) ** 2;
      }
      increase[f] += (error - baseError) / e;
    }
  }
  if (scoredTrees > 0) for (let f = 0; f < data.features; f++) increase[f] /= scoredTrees;
  return { mseIncrease: increase, oobR2: outOfBagR2(target, oobSum, oobCount) };
}

function outOfBagR2(target: Float64Array, oobSum: Float64Array, oobCount: Int32Array): number {
  let n = 0;
  let mean = 0;
  for (let r = 0; r < target.length; r++) {
    if (oobCount[r] === 0) continue;
    n++;
    mean += (target[r] - mean) / n;
  }
  let residual = 0;
  let spread = 0;
  for (let r = 0; r < target.length; r++) {
    if (oobCount[r] === 0) continue;
    residual += (target[r] - oobSum[r] / oobCount[r]) ** 2;
    spread += (target[r] - mean) ** 2;
  }
  return spread > 0 ? 1 - residual / spread : NaN;
}
