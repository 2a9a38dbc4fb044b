/**
 * Each parameter's permutation importance from a random forest fitted on the runs, as a share of
 * the target's variance, with a percentile interval from forests refitted on bootstrap resamples
 * of the runs (each resample scored against the same variance, that of all the runs).
 */

import { percentileInterval } from '../stats/percentile-interval';
import { randomIndex, type Random } from '../stats/random';
import { binFeatures } from './feature-bins';
import { forestImportance, type ForestOptions } from './forest-importance';
import type { SweepColumn } from './types';

/** The increase in out-of-bag MSE when the parameter is shuffled, as a share of the target's variance. */
export interface PermutationImportance {
  value: number;
  /**
   * The spread across forests refitted on bootstrap resamples of the runs; null when there were
   * none. A resample holds about 63 % of the runs (the rest are repeats), so its forests fit a little
   * worse and the interval tends to sit below `value`, and can leave it out: read it as how much
   * the importance moves with the runs, not as a calibrated confidence interval.
   */
  lo: number | null;
  hi: number | null;
}

export type PermutationImportances =
  { importances: PermutationImportance[]; oobR2: number } | { importances: null; reason: string };

/** Importances of `parameters` for `target` (one finite value per row in `rows`), in their order. */
export function permutationImportances(
  parameters: readonly SweepColumn[],
  rows: Int32Array,
  target: Float64Array,
  options: ForestOptions,
  resampling: { resamples: number; level: number },
  random: Random,
): PermutationImportances {
  const variance = populationVariance(target);
  if (parameters.length === 0)
    return { importances: null, reason: 'There are no parameters to rank.' };
  if (rows.length < 3)
    return { importances: null, reason: 'Too few runs with the target to fit a model.' };
  if (variance === 0)
    return { importances: null, reason: 'The target has a single value across these runs.' };

  const data = binFeatures(parameters, rows);
  const fit = forestImportance(data, target, Int32Array.from(rows.keys()), options, random);
  const replicates = parameters.map(() => new Float64Array(resampling.resamples));
  const sample = new Int32Array(rows.length);
  for (let b = 0; b < resampling.resamples; b++) {
    for (let i = 0; i < sample.length; i++) sample[i] = randomIndex(random, rows.length);
    const refit = forestImportance(data, target, sample, options, random);
    refit.mseIncrease.forEach((v, f) => (replicates[f][b] = v / variance));
  }
  const importances = parameters.map((_, f) => {
    const interval = percentileInterval(replicates[f], resampling.level);
    return {
      value: fit.mseIncrease[f] / variance,
      lo: interval?.lo ?? null,
      hi: interval?.hi ?? null,
    };
  });
  return { importances, oobR2: fit.oobR2 };
}

function populationVariance(values: Float64Array): number {
  let mean = 0;
  values.forEach((v, i) => (mean += (v - mean) / (i + 1)));
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return values.length > 0 ? squares / values.length : 0;
}
