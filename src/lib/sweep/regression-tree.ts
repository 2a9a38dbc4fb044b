/**
 * A CART regression tree on binned features: each split sends rows with bin ≤ threshold left and
 * minimizes the squared error; each split looks at a random subset of the features, as in a random
 * forest. Split search is a histogram pass per feature, so a node costs O(rows × features tried).
 */

import type { BinnedFeatures } from './feature-bins';
import { randomIndex, type Random } from '../stats/random';

export interface TreeOptions {
  maxDepth: number;
  /** No leaf holds fewer rows. */
  minLeafSize: number;
  /** Features tried at each split, drawn anew per split. */
  featuresPerSplit: number;
}

/** Nodes in flat arrays; node 0 is the root. */
export interface RegressionTree {
  /** The feature a node splits on; −1 for a leaf. */
  feature: Int32Array;
  threshold: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** The mean target of the node's training rows (a leaf's prediction). */
  value: Float64Array;
  /** Per feature, 1 when some node splits on it. */
  uses: Uint8Array;
}

/** Grows a tree on the rows `rows` (indices into `data` and `target`; they are reordered). */
export function growTree(
  data: BinnedFeatures,
  target: Float64Array,
  rows: Int32Array,
  options: TreeOptions,
  random: Random,
): RegressionTree {
  const { bins, rows: dataRows, features } = data;
  const { maxDepth, minLeafSize } = options;
  const capacity = Math.min(2 * rows.length, 2 ** (Math.min(maxDepth, 24) + 1));
  const tree: RegressionTree = {
    feature: new Int32Array(capacity).fill(-1),
    threshold: new Int32Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    value: new Float64Array(capacity),
    uses: new Uint8Array(features),
  };
  const count = new Float64Array(256);
  const sum = new Float64Array(256);
  const candidates = Int32Array.from({ length: features }, (_, f) => f);
  const tried = Math.max(1, Math.min(options.featuresPerSplit, features));
  let nodes = 0;

  const grow = (start: number, end: number, depth: number): number => {
    const node = nodes++;
    const n = end - start;
    let total = 0;
    for (let i = start; i < end; i++) total += target[rows[i]];
    tree.value[node] = total / n;
    if (depth >= maxDepth || n < 2 * minLeafSize) return node;

    let bestGain = 0;
    let bestFeature = -1;
    let bestThreshold = 0;
    for (let k = 0; k < tried; k++) {
      // Partial Fisher–Yates: the first `tried` candidates are a random subset.
      const j = k + randomIndex(random, features - k);
      const f = candidates[j];
      candidates[j] = candidates[k];
      candidates[k] = f;
      const offset = f * dataRows;
      // The histogram is all zeros between nodes: only the bins this node touches are read and reset.
      let low = 255;
      let high = 0;
      for (let i = start; i < end; i++) {
        const b = bins[offset + rows[i]];
        count[b]++;
        sum[b] += target[rows[i]];
        if (b < low) low = b;
        if (b > high) high = b;
      }
      let leftCount = 0;
      let leftSum = 0;
      for (let b = low; b <= high; b++) {
        leftCount += count[b];
        leftSum += sum[b];
        count[b] = 0;
        sum[b] = 0;
        const rightCount = n - leftCount;
        if (leftCount < minLeafSize || rightCount < minLeafSize) continue;
        const gap = leftSum / leftCount - (total - leftSum) / rightCount;
        // The drop in squared error from splitting after bin b.
        const gain = ((leftCount * rightCount) / n) * gap * gap;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestThreshold = b;
        }
      }
    }
    if (bestFeature < 0) return node;

    const offset = bestFeature * dataRows;
    let mid = start;
    for (let i = start; i < end; i++) {
      const r = rows[i];
      if (bins[offset + r] <= bestThreshold) {
        rows[i] = rows[mid];
        rows[mid++] = r;
      }
    }
    tree.feature[node] = bestFeature;
    tree.threshold[node] = bestThreshold;
    tree.uses[bestFeature] = 1;
    tree.left[node] = grow(start, mid, depth + 1);
    tree.right[node] = grow(mid, end, depth + 1);
    return node;
  };

  grow(0, rows.length, 0);
  return tree;
}

/**
 * The tree's prediction for `row`; with `shuffled` ≥ 0, that feature's value is read from row
 * `standIn` instead (one permuted cell, for permutation importance).
 */
export function predict(
  tree: RegressionTree,
  data: BinnedFeatures,
  row: number,
  shuffled = -1,
  standIn = row,
): number {
  let node = 0;
  for (let f = tree.feature[0]; f >= 0; f = tree.feature[node]) {
    const r = f === shuffled ? standIn : row;
    node =
      data.bins[f * data.rows + r] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}
