/**
 * Which hyperparameters move a sweep's metric. For each parameter against one target column:
 * Spearman's ρ, and the permutation importance of a random forest fitted on the runs, each with a
 * 95 % interval from resampling runs, and warnings in plain words when the runs are too few for
 * either to mean much. Pure and deterministic given the seed; meant to run in the engine worker.
 *
 * Runs without a finite target value are left out and counted; a run missing a parameter is kept
 * (left out of that parameter's ρ only; the forest treats "missing" as a value of its own).
 */

import { seededRandom, streamSeed } from '../stats/random';
import { numberAt } from './column-value';
import type { ForestOptions } from './forest-importance';
import { permutationImportances, type PermutationImportance } from './permutation-importance';
import { rankCorrelations, type RankCorrelation } from './rank-importance';
import type { NumericColumn, SweepColumn, SweepTable } from './types';

export type { ForestOptions } from './forest-importance';
export type { PermutationImportance } from './permutation-importance';
export type { RankCorrelation } from './rank-importance';

export interface ImportanceOptions {
  /** The parameter columns; default every column whose source is `param`. */
  parameterIds?: readonly string[];
  seed?: number;
  level?: number;
  /** Bootstrap resamples of the runs for ρ's interval. */
  correlationResamples?: number;
  /** Forests refitted on bootstrap resamples of the runs for the importance interval. */
  forestResamples?: number;
  trees?: number;
  maxDepth?: number;
  minLeafSize?: number;
  /** Default: a third of the parameters, at least one (R randomForest's default for regression). */
  featuresPerSplit?: number;
  rowsPerTree?: number;
  oobRowsPerTree?: number;
}

/**
 * Chosen so that 10,000 runs × 30 parameters take about 1.4 s on one core of the 2-core dev machine
 * (1.8 s when each parameter lacks values in its own runs), most of it ρ's 1,000 resamples. The
 * forest's cost is capped by rows per tree and out-of-bag rows per tree, not by the number of runs.
 */
export const IMPORTANCE_DEFAULTS = {
  seed: 1,
  level: 0.95,
  correlationResamples: 1000,
  forestResamples: 20,
  trees: 50,
  maxDepth: 8,
  minLeafSize: 3,
  rowsPerTree: 500,
  oobRowsPerTree: 250,
} as const;

export interface ParameterImportance {
  id: string;
  label: string;
  type: SweepColumn['type'];
  /** Runs with the target that have this parameter; the others count as "missing" in the forest. */
  present: number;
  spearman: RankCorrelation;
  /** Null when no forest was fitted (`forest.reason` says why). */
  permutation: PermutationImportance | null;
}

export interface ForestSummary extends ForestOptions {
  seed: number;
  /** Refits on bootstrap resamples behind the interval. */
  resamples: number;
  level: number;
  /** Of the forest fitted on all runs; null when none was fitted. */
  oobR2: number | null;
  reason?: string;
}

export interface ImportanceResult {
  targetId: string;
  targetLabel: string;
  /** Runs with a finite target value: everything here rests on them. */
  runs: number;
  /** Runs left out because their target value is missing or infinite. */
  runsWithoutTarget: number;
  /** Most important first: by permutation importance, then by |ρ|. */
  parameters: ParameterImportance[];
  spearman: { seed: number; resamples: number; level: number };
  forest: ForestSummary;
  warnings: string[];
}

const FRAGILE_BELOW_RUNS = 10;

/**
 * Ranks the parameter columns (default: every `param` column) by how much `targetId`, a numeric
 * column, depends on them. Throws when a column id is not in the table or the target is not numeric.
 */
export function parameterImportance(
  table: SweepTable,
  targetId: string,
  options: ImportanceOptions = {},
): ImportanceResult {
  const settings = { ...IMPORTANCE_DEFAULTS, ...options };
  const { seed, level } = settings;
  const target = numericTarget(table, targetId);
  const parameters = parameterColumns(table, options.parameterIds);

  const rows = Int32Array.from(table.runIds.keys()).filter((row) =>
    Number.isFinite(target.values[row]),
  );
  const y = Float64Array.from(rows, (row) => target.values[row]);
  const runsWithoutTarget = table.runIds.length - rows.length;

  const correlations = rankCorrelations(
    parameters,
    rows,
    y,
    settings.correlationResamples,
    level,
    seededRandom(streamSeed(seed, 0)),
  );

  const forestOptions: ForestOptions = {
    trees: settings.trees,
    maxDepth: settings.maxDepth,
    minLeafSize: settings.minLeafSize,
    featuresPerSplit: options.featuresPerSplit ?? Math.max(1, Math.floor(parameters.length / 3)),
    rowsPerTree: settings.rowsPerTree,
    oobRowsPerTree: settings.oobRowsPerTree,
  };
  const resampling = { seed, resamples: settings.forestResamples, level };
  const forest = permutationImportances(
    parameters,
    rows,
    y,
    forestOptions,
    resampling,
    seededRandom(streamSeed(seed, 1)),
  );
  const forestSummary: ForestSummary = forest.importances
    ? { ...forestOptions, ...resampling, oobR2: forest.oobR2 }
    : { ...forestOptions, ...resampling, oobR2: null, reason: forest.reason };

  const results: ParameterImportance[] = parameters.map((column, f) => ({
    id: column.id,
    label: column.label,
    type: column.type,
    present: presentIn(column, rows),
    spearman: correlations[f],
    permutation: forest.importances?.[f] ?? null,
  }));
  results.sort(byImportance);

  return {
    targetId,
    targetLabel: target.label,
    runs: rows.length,
    runsWithoutTarget,
    parameters: results,
    spearman: { seed, resamples: settings.correlationResamples, level },
    forest: forestSummary,
    warnings: warnings(
      target.label,
      table.runIds.length,
      rows.length,
      parameters.length,
      forestSummary,
    ),
  };
}

function warnings(
  label: string,
  allRuns: number,
  runs: number,
  parameters: number,
  forest: ForestSummary,
): string[] {
  const out: string[] = [];
  const without = allRuns - runs;
  if (without > 0)
    out.push(`${without} of ${allRuns} runs have no finite value of ${label} and are left out.`);
  if (runs < parameters)
    out.push(
      `Only ${runs} runs have ${label}, fewer than the ${parameters} parameters: many different ` +
        'explanations fit them equally well, so this ranking is fragile.',
    );
  if (runs < FRAGILE_BELOW_RUNS)
    out.push(
      `Only ${runs} runs have ${label}: with so few, these correlations and importances can ` +
        'change a lot with one more run. Read them as hints, not findings.',
    );
  if (forest.reason) out.push(`No importance from a model: ${forest.reason}`);
  const r2 = forest.oobR2;
  if (r2 !== null && !(r2 > 0))
    out.push(
      `The forest predicts ${label} no better than its average (out-of-bag R² = ${r2.toFixed(2)}), ` +
        'so its importances mostly measure noise.',
    );
  return out;
}

function byImportance(a: ParameterImportance, b: ParameterImportance): number {
  const byPermutation = (b.permutation?.value ?? -Infinity) - (a.permutation?.value ?? -Infinity);
  if (byPermutation) return byPermutation;
  const byRho = Math.abs(b.spearman.rho ?? -1) - Math.abs(a.spearman.rho ?? -1);
  return byRho || a.label.localeCompare(b.label);
}

function numericTarget(table: SweepTable, targetId: string): NumericColumn {
  const column = table.columns.find((c) => c.id === targetId);
  if (!column) throw new Error(`No column ${targetId} in the sweep table.`);
  if (column.type !== 'numeric') throw new Error(`The target ${column.label} is not numeric.`);
  return column;
}

function parameterColumns(table: SweepTable, ids?: readonly string[]): SweepColumn[] {
  if (!ids) return table.columns.filter((c) => c.source === 'param');
  return ids.map((id) => {
    const column = table.columns.find((c) => c.id === id);
    if (!column) throw new Error(`No column ${id} in the sweep table.`);
    return column;
  });
}

function presentIn(column: SweepColumn, rows: Int32Array): number {
  let n = 0;
  for (const row of rows) if (!Number.isNaN(numberAt(column, row))) n++;
  return n;
}
