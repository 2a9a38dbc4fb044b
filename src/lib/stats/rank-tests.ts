/**
 * Mann–Whitney U and the Wilcoxon signed-rank test, two-sided, as R's `wilcox.test` computes them
 * by default: exact below 50 values with no ties (and, paired, no zero differences), otherwise the
 * normal approximation with the tie correction and a continuity correction of ½.
 */

import { normalCdf } from './normal';

export interface RankTest {
  /** R's W (the rank sum of x minus its minimum) or V (the sum of the positive ranks). */
  statistic: number;
  p: number;
  method: 'exact' | 'normal approximation';
}

const EXACT_BELOW = 50;

/** Mid-ranks (1-based) of the values, and Σ(t³ − t) over groups of ties. */
function ranks(values: readonly number[]): { rank: Float64Array; ties: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const rank = new Float64Array(values.length);
  let ties = 0;
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && values[order[j]] === values[order[i]]) j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) rank[order[k]] = mid;
    const t = j - i;
    ties += t * t * t - t;
    i = j;
  }
  return { rank, ties };
}

/** Two-sided p from counts of a discrete distribution over 0..max, at the observed statistic. */
function exactTwoSided(counts: Float64Array, statistic: number): number {
  let total = 0;
  for (const c of counts) total += c;
  let below = 0;
  let above = 0;
  for (let s = 0; s < counts.length; s++) {
    if (s <= statistic) below += counts[s];
    if (s >= statistic) above += counts[s];
  }
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

function normalTwoSided(z: number, sigma: number): number {
  const corrected = (z - Math.sign(z) * 0.5) / sigma;
  return Math.min(1, 2 * Math.min(normalCdf(corrected), normalCdf(-corrected)));
}

/** `wilcox.test(x, y)`: null when a side is empty. */
export function mannWhitney(x: readonly number[], y: readonly number[]): RankTest | null {
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return null;
  const { rank, ties } = ranks([...x, ...y]);
  let sum = 0;
  for (let i = 0; i < nx; i++) sum += rank[i];
  const w = sum - (nx * (nx + 1)) / 2;
  if (nx < EXACT_BELOW && ny < EXACT_BELOW && ties === 0)
    return { statistic: w, p: exactTwoSided(rankSumCounts(nx, ny), w), method: 'exact' };
  const n = nx + ny;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (!(sigma > 0)) return null;
  return {
    statistic: w,
    p: normalTwoSided(w - (nx * ny) / 2, sigma),
    method: 'normal approximation',
  };
}

/** How many ways nx of the ranks 1..nx+ny give each W = rank sum − nx(nx+1)/2 (0..nx·ny). */
function rankSumCounts(nx: number, ny: number): Float64Array {
  // ways[k][w]: choosing k of the ranks seen so far with W-contribution w; built rank by rank.
  const max = nx * ny;
  let ways = Array.from({ length: nx + 1 }, () => new Float64Array(max + 1));
  ways[0][0] = 1;
  for (let r = 1; r <= nx + ny; r++) {
    const next = ways.map((row) => row.slice());
    for (let k = 1; k <= Math.min(nx, r); k++) {
      const shift = r - k; // choosing rank r as the k-th smallest adds r − k to W
      const from = ways[k - 1];
      const to = next[k];
      for (let w = 0; w + shift <= max; w++) if (from[w] !== 0) to[w + shift] += from[w];
    }
    ways = next;
  }
  return ways[nx];
}

/** `wilcox.test(x, y, paired = TRUE)`: zero differences dropped, as R does; null when none are left. */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): RankTest | null {
  if (x.length !== y.length) throw new RangeError('paired samples must have the same length');
  const all = x.map((v, i) => v - y[i]);
  const d = all.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return null;
  const { rank, ties } = ranks(d.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (d[i] > 0) v += rank[i];
  if (n < EXACT_BELOW && ties === 0 && d.length === all.length)
    return { statistic: v, p: exactTwoSided(signedRankCounts(n), v), method: 'exact' };
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  if (!(sigma > 0)) return null;
  return {
    statistic: v,
    p: normalTwoSided(v - (n * (n + 1)) / 4, sigma),
    method: 'normal approximation',
  };
}

/** How many of the 2ⁿ sign patterns give each V (0..n(n+1)/2). */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) for (let s = max; s >= r; s--) counts[s] += counts[s - r];
  return counts;
}
