/**
 * Spearman's ρ between each parameter and the target, over the runs that have both, with a
 * percentile bootstrap interval. Every parameter is measured on the same resamples of runs; a
 * resampled run without the parameter is left out of that parameter's ρ, as it is of the estimate.
 */

import { percentileInterval } from '../stats/percentile-interval';
import { randomIndex, type Random } from '../stats/random';
import { spearmanAgainst } from '../stats/rank-correlation';
import { distinctSorted, sortedPresent } from '../stats/sorted-values';
import { numberAt } from './column-value';
import type { SweepColumn } from './types';

/** `lo` and `hi` are null when no resample gave a value; `runs` have both the parameter and the target. */
export type RankCorrelation =
  | { rho: number; lo: number | null; hi: number | null; runs: number }
  | { rho: null; reason: string; runs: number };

/**
 * ρ for each of `parameters` against `target` (one value per row in `rows`; NaN is missing).
 * Boolean and two-category parameters are ranked by their codes (false < true; in display order).
 */
export function rankCorrelations(
  parameters: readonly SweepColumn[],
  rows: Int32Array,
  target: Float64Array,
  resamples: number,
  level: number,
  random: Random,
): RankCorrelation[] {
  const values = parameters.map((column) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = numberAt(column, rows[i]);
    return out;
  });
  const out: RankCorrelation[] = parameters.map((column, k) => {
    const paired = new Float64Array(rows.length).fill(NaN);
    for (let i = 0; i < rows.length; i++) if (!Number.isNaN(target[i])) paired[i] = values[k][i];
    const sorted = sortedPresent(paired);
    const runs = sorted.length;
    const distinct = distinctSorted(sorted).length;
    if (column.type === 'categorical' && distinct > 2)
      return {
        rho: null,
        reason: `Spearman's ρ needs ordered values; ${column.label} has ${distinct} categories with no order.`,
        runs,
      };
    if (runs < 3)
      return {
        rho: null,
        reason: `Fewer than 3 runs have both ${column.label} and the target.`,
        runs,
      };
    if (distinct < 2)
      return {
        rho: null,
        reason: `${column.label} has a single value across the runs with the target.`,
        runs,
      };
    return { rho: NaN, lo: null, hi: null, runs }; // measured below
  });

  const measured = out.flatMap((r, k) => (r.rho === null ? [] : [k]));
  const rho = spearmanAgainst(
    target,
    measured.map((k) => values[k]),
  );
  const estimates = rho();
  const resampled = measured.map(() => new Float64Array(resamples));
  const weights = new Int32Array(rows.length);
  for (let b = 0; b < resamples && measured.length > 0; b++) {
    weights.fill(0);
    for (let i = 0; i < rows.length; i++) weights[randomIndex(random, rows.length)]++;
    rho(weights).forEach((v, m) => (resampled[m][b] = v));
  }
  measured.forEach((k, m) => {
    const runs = out[k].runs;
    if (Number.isNaN(estimates[m]))
      out[k] = { rho: null, reason: 'The target has a single value across these runs.', runs };
    else {
      const interval = percentileInterval(resampled[m], level);
      out[k] = { rho: estimates[m], lo: interval?.lo ?? null, hi: interval?.hi ?? null, runs };
    }
  });
  return out;
}
