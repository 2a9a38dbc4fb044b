/**
 * The parameters as small integer bins, the form the regression trees split on.
 *
 * Missing values: bin 0 holds every run where the parameter is missing, below all present values,
 * so a tree can split those runs off like any other value. No run is dropped for a missing
 * parameter, and "missing" can itself carry signal (a default nobody logged).
 *
 * Present values: numbers with few distinct values get one bin each; more are cut at quantiles.
 * Categories are binned by their codes, in display order; a tree isolates one with two splits.
 */

import { countAtOrBelow, distinctSorted, sortedPresent } from '../stats/sorted-values';
import { numberAt } from './column-value';
import type { SweepColumn } from './types';

export interface BinnedFeatures {
  rows: number;
  features: number;
  /** Feature-major: the bin of row r for feature f is `bins[f * rows + r]`. */
  bins: Uint8Array;
  /** Per feature, how many bins it uses, the missing bin included. */
  binCount: Int32Array;
}

/** At most 256 to fit a byte; 64 keeps split search fast and loses little for importance. */
export const DEFAULT_BINS = 64;

/** Bins `columns` over the table rows `rows`. */
export function binFeatures(
  columns: readonly SweepColumn[],
  rows: Int32Array,
  maxBins = DEFAULT_BINS,
): BinnedFeatures {
  const n = rows.length;
  const bins = new Uint8Array(columns.length * n);
  const binCount = new Int32Array(columns.length);
  const values = new Float64Array(n);
  columns.forEach((column, f) => {
    for (let r = 0; r < n; r++) values[r] = numberAt(column, rows[r]);
    const edges = lowerEdges(values, maxBins - 1);
    binCount[f] = edges.length + 1;
    // The bin counts from 1: how many lower edges are ≤ the value.
    for (let r = 0; r < n; r++)
      bins[f * n + r] = Number.isNaN(values[r]) ? 0 : countAtOrBelow(edges, values[r]);
  });
  return { rows: n, features: columns.length, bins, binCount };
}

/** Ascending lower edges of at most `count` bins over the present values: each bin holds about as many values. */
function lowerEdges(values: Float64Array, count: number): Float64Array {
  const present = sortedPresent(values);
  const distinct = distinctSorted(present);
  if (distinct.length <= count) return distinct;
  const quantiles = new Float64Array(count);
  for (let b = 0; b < count; b++) quantiles[b] = present[Math.floor((b * present.length) / count)];
  return distinctSorted(quantiles);
}
