/**
 * Spearman's rank correlation with average ranks for ties (R's `cor(x, y, method = "spearman",
 * use = "complete.obs")` for each x), for any multiplicity of the items, so that one code path gives
 * the estimate (every item once) and each bootstrap resample (items drawn with replacement).
 */

import { countAtOrBelow, distinctSorted, sortedPresent } from './sorted-values';

/**
 * y's ranks among the items that have some x. Items are numbered by their position in y order;
 * x's sharing one pattern of missing values share these ranks.
 */
interface YRanks {
  /** Per position, 1 where x is missing; null for the items that all have x. */
  missing: Uint8Array | null;
  /** A run of tied y values holds items with and without x, so its average rank is recounted. */
  missingInsideTies: boolean;
  rank: Float64Array;
  total: number;
  /** Σ weight × rank². */
  squares: number;
}

interface XOrder {
  /** Positions of the items that have x, in x order. */
  order: Int32Array;
  /** `order[tiedUntil[k − 1] ?? 0 .. tiedUntil[k])` share one x value. */
  tiedUntil: Int32Array;
  y: YRanks;
}

/**
 * A function giving ρ of each of `xs` with `y` for item multiplicities `weights` (default: every
 * item once), over the items where neither is NaN; NaN for an x when fewer than two items count or
 * either side has a single value. A call costs a pass or two over the items per x, not a sort.
 */
export function spearmanAgainst(
  y: ArrayLike<number>,
  xs: readonly ArrayLike<number>[],
): (weights?: Int32Array) => Float64Array {
  const present: number[] = [];
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i])) present.push(i);
  const item = Int32Array.from(present).sort((a, b) => compare(y[a], y[b]));
  const n = item.length;
  // yTiedUntil[p]: one past the last position whose y equals position p's.
  const yTiedUntil = new Int32Array(n);
  for (let p = n - 1; p >= 0; p--)
    yTiedUntil[p] = p + 1 < n && y[item[p + 1]] === y[item[p]] ? yTiedUntil[p + 1] : p + 1;

  const all = yRanks(null, yTiedUntil);
  const patterns = [all];
  const sides = xs.map((xByItem) => {
    const x = new Float64Array(n);
    const missing = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      x[p] = xByItem[item[p]];
      missing[p] = +Number.isNaN(x[p]);
    }
    let ranks = patterns.find((r) => sameMissing(r.missing, missing));
    if (!ranks) patterns.push((ranks = yRanks(missing, yTiedUntil)));
    return xOrder(x, ranks);
  });
  const weight = new Float64Array(n);
  const once = new Int32Array(y.length).fill(1);

  return (weights = once) => {
    for (let p = 0; p < n; p++) weight[p] = weights[item[p]];
    rankAll(all, weight, yTiedUntil);
    for (const ranks of patterns.slice(1))
      if (ranks.missingInsideTies) rankRecountingTies(ranks, weight, yTiedUntil);
      else rankSkipping(ranks, all, weight);
    return Float64Array.from(sides, (x) => correlation(x, weight));
  };
}

function yRanks(missing: Uint8Array | null, tiedUntil: Int32Array): YRanks {
  let missingInsideTies = false;
  for (let p = 1; missing && p < missing.length && !missingInsideTies; p++)
    missingInsideTies = tiedUntil[p] === tiedUntil[p - 1] && missing[p] !== missing[p - 1];
  return {
    missing,
    missingInsideTies,
    rank: new Float64Array(tiedUntil.length),
    total: 0,
    squares: 0,
  };
}

function sameMissing(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a) return !b.includes(1);
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return false;
  return true;
}

/** The positions with x in x order (ties by position), by a counting sort over x's distinct values. */
function xOrder(x: Float64Array, y: YRanks): XOrder {
  const distinct = distinctSorted(sortedPresent(x));
  const group = new Int32Array(x.length);
  const tiedUntil = new Int32Array(distinct.length);
  let present = 0;
  for (let p = 0; p < x.length; p++) {
    // A present value's group is its index among the distinct values.
    group[p] = Number.isNaN(x[p]) ? -1 : countAtOrBelow(distinct, x[p]) - 1;
    if (group[p] >= 0) {
      tiedUntil[group[p]]++;
      present++;
    }
  }
  for (let g = 1; g < tiedUntil.length; g++) tiedUntil[g] += tiedUntil[g - 1];
  const next = new Int32Array(distinct.length);
  for (let g = 1; g < next.length; g++) next[g] = tiedUntil[g - 1];
  const order = new Int32Array(present);
  for (let p = 0; p < x.length; p++) if (group[p] >= 0) order[next[group[p]]++] = p;
  return { order, tiedUntil, y };
}

/** Each position's average rank under the weights, ties sharing the mean of their ranks. */
function rankAll(ranks: YRanks, weight: Float64Array, tiedUntil: Int32Array): void {
  const { rank } = ranks;
  let before = 0;
  let squares = 0;
  for (let p = 0; p < weight.length;) {
    const end = tiedUntil[p];
    let count = 0;
    for (let q = p; q < end; q++) count += weight[q];
    const r = before + (count + 1) / 2;
    squares += count * r * r;
    for (; p < end; p++) rank[p] = r;
    before += count;
  }
  ranks.total = before;
  ranks.squares = squares;
}

/**
 * Ranks among the items with x: leaving out an item without x lowers the rank of every later
 * item by its weight, which is exact while no tie run mixes items with and without x.
 */
function rankSkipping(ranks: YRanks, all: YRanks, weight: Float64Array): void {
  const { rank } = ranks;
  const missing = ranks.missing as Uint8Array;
  const rankAmongAll = all.rank;
  let skipped = 0;
  let squares = 0;
  for (let p = 0; p < weight.length; p++) {
    const w = weight[p];
    if (missing[p]) {
      skipped += w;
      continue;
    }
    const r = rankAmongAll[p] - skipped;
    rank[p] = r;
    squares += w * r * r;
  }
  ranks.total = all.total - skipped;
  ranks.squares = squares;
}

/** As `rankAll`, over the items with x only. */
function rankRecountingTies(ranks: YRanks, weight: Float64Array, tiedUntil: Int32Array): void {
  const { rank } = ranks;
  const missing = ranks.missing as Uint8Array;
  let before = 0;
  let squares = 0;
  for (let p = 0; p < weight.length;) {
    const end = tiedUntil[p];
    let count = 0;
    for (let q = p; q < end; q++) if (!missing[q]) count += weight[q];
    const r = before + (count + 1) / 2;
    squares += count * r * r;
    for (; p < end; p++) rank[p] = r;
    before += count;
  }
  ranks.total = before;
  ranks.squares = squares;
}

/**
 * Pearson's r of the ranks: one pass in x order ranks x and sums weight × x rank × y rank. Sums
 * are uncentred and centred at the end, Σ weight × rank being total × the mean rank (total + 1) / 2.
 */
function correlation(x: XOrder, weight: Float64Array): number {
  const { order, tiedUntil } = x;
  const { rank: yRank, total, squares: yy } = x.y;
  if (total < 2) return NaN;
  let before = 0;
  let xx = 0;
  let xy = 0;
  for (let k = 0, start = 0; k < tiedUntil.length; k++) {
    const end = tiedUntil[k];
    let count = 0;
    let yRanks = 0;
    for (let q = start; q < end; q++) {
      const w = weight[order[q]];
      count += w;
      yRanks += w * yRank[order[q]];
    }
    const r = before + (count + 1) / 2;
    xx += count * r * r;
    xy += r * yRanks;
    before += count;
    start = end;
  }
  const centre = (total * (total + 1) ** 2) / 4;
  const spreadX = xx - centre;
  const spreadY = yy - centre;
  // A side with a single value has spread 0 but for roundoff; any other has at least 0.5.
  if (spreadX < 0.25 || spreadY < 0.25) return NaN;
  return (xy - centre) / Math.sqrt(spreadX * spreadY);
}

const compare = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
