import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/lib/stats/random';
import { numericColumn } from '../../../src/lib/sweep/columns';
import {
  parameterImportance,
  type ImportanceResult,
  type ParameterImportance,
} from '../../../src/lib/sweep/importance';
import type { CategoricalColumn, SweepColumn, SweepTable } from '../../../src/lib/sweep/types';

const param = (key: string, values: ArrayLike<number>) =>
  numericColumn(`param:${key}`, key, 'param', Float64Array.from(values));
const target = (values: ArrayLike<number>) =>
  numericColumn('summary:acc', 'acc', 'summary', Float64Array.from(values));
const categorical = (
  key: string,
  categories: string[],
  codes: ArrayLike<number>,
): CategoricalColumn => ({
  id: `param:${key}`,
  label: key,
  source: 'param',
  type: categories.join() === 'false,true' ? 'boolean' : 'categorical',
  categories,
  codes: Int32Array.from(codes),
});
const table = (columns: SweepColumn[]): SweepTable => ({
  runIds: Array.from(
    { length: columns[0].type === 'numeric' ? columns[0].values.length : columns[0].codes.length },
    (_, i) => i + 1,
  ),
  columns,
});
const byLabel = (result: ImportanceResult, label: string) =>
  result.parameters.find((p) => p.label === label) as ParameterImportance;
const others = (result: ImportanceResult, label: string) =>
  result.parameters.filter((p) => p.label !== label);

/** 200 runs, 5 parameters; the metric follows log10(lr), the rest is noise. */
function lrSweep(seed = 3): SweepTable {
  const random = seededRandom(seed);
  const draw = (f: () => number) => Array.from({ length: 200 }, f);
  const lr = draw(() => 10 ** (-5 + 4 * random()));
  const weightDecay = draw(() => random() * 0.1);
  const batchSize = draw(() => [16, 32, 64, 128][Math.floor(random() * 4)]);
  const dropout = draw(() => random() * 0.5);
  const warmup = draw(() => Math.floor(random() * 2));
  const acc = lr.map((v) => 0.9 + 0.05 * Math.log10(v) + 0.02 * (random() - 0.5));
  return table([
    param('lr', lr),
    param('weight_decay', weightDecay),
    param('batch_size', batchSize),
    param('dropout', dropout),
    categorical('warmup', ['false', 'true'], warmup),
    target(acc),
  ]);
}

describe('parameterImportance', () => {
  it('ranks the parameter that drives the metric first on both measures, clear of the noise', () => {
    const result = parameterImportance(lrSweep(), 'summary:acc');
    expect(result.runs).toBe(200);
    expect(result.warnings).toEqual([]);
    expect(result.parameters[0].label).toBe('lr');
    const lr = byLabel(result, 'lr');
    const noise = others(result, 'lr');
    if (lr.spearman.rho === null || !lr.permutation) throw new Error('lr was not measured');
    expect(lr.spearman.rho).toBeGreaterThan(0.9);
    expect(lr.spearman.runs).toBe(200);
    for (const p of noise) {
      if (p.spearman.rho === null || !p.permutation) throw new Error(`${p.label} was not measured`);
      expect(Math.abs(lr.spearman.rho)).toBeGreaterThan(Math.abs(p.spearman.rho));
      expect(lr.spearman.lo).toBeGreaterThan(Math.abs(p.spearman.hi ?? Infinity));
      expect(lr.spearman.lo).toBeGreaterThan(Math.abs(p.spearman.lo ?? Infinity));
      expect(lr.permutation.lo).toBeGreaterThan(p.permutation.hi ?? Infinity);
    }
    // The forest explains most of the variance, and shuffling lr loses about all of it.
    expect(result.forest.oobR2).toBeGreaterThan(0.6);
    expect(lr.permutation.value).toBeGreaterThan(0.5);
    const order = result.parameters.map((p) => p.permutation?.value ?? -Infinity);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it('reports the seed, the resamples and the forest behind each interval', () => {
    const result = parameterImportance(lrSweep(), 'summary:acc', { seed: 11 });
    expect(result.spearman).toEqual({ seed: 11, resamples: 1000, level: 0.95 });
    expect(result.forest).toEqual({
      seed: 11,
      resamples: 20,
      level: 0.95,
      trees: 50,
      maxDepth: 8,
      minLeafSize: 3,
      featuresPerSplit: 1,
      rowsPerTree: 500,
      oobRowsPerTree: 250,
      oobR2: expect.any(Number),
    });
  });

  it('ranks a categorical parameter that drives the metric first, and gives it no ρ, saying why', () => {
    const random = seededRandom(5);
    const runs = 150;
    const draw = (f: () => number) => Array.from({ length: runs }, f);
    const optimizer = draw(() => Math.floor(random() * 4));
    const effect = [0.8, 0.6, 0.75, 0.7];
    const lr = draw(() => 10 ** (-5 + 4 * random()));
    const dropout = draw(() => random() * 0.5);
    const layers = draw(() => 2 + Math.floor(random() * 6));
    const acc = optimizer.map((c) => effect[c] + 0.02 * (random() - 0.5));
    const result = parameterImportance(
      table([
        param('lr', lr),
        categorical('optimizer', ['adafactor', 'adam', 'lamb', 'sgd'], optimizer),
        param('dropout', dropout),
        param('layers', layers),
        target(acc),
      ]),
      'summary:acc',
    );
    expect(result.parameters[0].label).toBe('optimizer');
    const optimizerResult = byLabel(result, 'optimizer');
    expect(optimizerResult.spearman).toEqual({
      rho: null,
      reason: "Spearman's ρ needs ordered values; optimizer has 4 categories with no order.",
      runs: 150,
    });
    for (const p of others(result, 'optimizer'))
      expect(optimizerResult.permutation?.lo).toBeGreaterThan(p.permutation?.hi ?? Infinity);
  });

  it('keeps runs missing a parameter, and leaves out and counts runs without the metric', () => {
    const random = seededRandom(9);
    const runs = 60;
    const draw = (f: () => number) => Array.from({ length: runs }, f);
    // Runs that never set warmup_steps did worse: "missing" is the signal, so it must stay a value.
    const warmup = draw(() => (random() < 0.35 ? NaN : 100 + Math.floor(random() * 900)));
    const acc = warmup.map((w, i) =>
      i % 6 === 5 ? NaN : i === 4 ? Infinity : (Number.isNaN(w) ? 0.6 : 0.8) + 0.02 * random(),
    );
    const lr = draw(() => 10 ** (-5 + 4 * random()));
    const seeds = draw(() => Math.floor(random() * 1000));
    const result = parameterImportance(
      table([param('warmup_steps', warmup), param('lr', lr), param('seed', seeds), target(acc)]),
      'summary:acc',
    );
    const withTarget = acc.filter(Number.isFinite).length;
    expect(withTarget).toBe(49);
    expect(result.runs).toBe(49);
    expect(result.runsWithoutTarget).toBe(11);
    expect(result.warnings).toContain(
      '11 of 60 runs have no finite value of acc and are left out.',
    );
    const warmupResult = byLabel(result, 'warmup_steps');
    const present = warmup.filter((w, i) => !Number.isNaN(w) && Number.isFinite(acc[i])).length;
    expect(present).toBeLessThan(withTarget);
    expect(warmupResult.present).toBe(present);
    expect(warmupResult.spearman.runs).toBe(present);
    expect(byLabel(result, 'lr').present).toBe(withTarget);
    expect(result.parameters[0].label).toBe('warmup_steps');
    expect(result.forest.oobR2).toBeGreaterThan(0.5);
  });

  it('warns in plain words when there are fewer runs than parameters', () => {
    const random = seededRandom(1);
    const draw = () => Array.from({ length: 6 }, () => random());
    const columns = Array.from({ length: 8 }, (_, k) => param(`p${k}`, draw()));
    const result = parameterImportance(table([...columns, target(draw())]), 'summary:acc');
    expect(result.runs).toBe(6);
    expect(result.parameters).toHaveLength(8);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        'Only 6 runs have acc, fewer than the 8 parameters: many different explanations fit them ' +
          'equally well, so this ranking is fragile.',
        'Only 6 runs have acc: with so few, these correlations and importances can change a lot ' +
          'with one more run. Read them as hints, not findings.',
      ]),
    );
  });

  it('gives the same numbers for the same seed, and other intervals for another', () => {
    const sweep = lrSweep(4);
    const options = { seed: 7, correlationResamples: 200, forestResamples: 5 };
    const first = parameterImportance(sweep, 'summary:acc', options);
    expect(parameterImportance(sweep, 'summary:acc', options)).toEqual(first);
    const other = parameterImportance(sweep, 'summary:acc', { ...options, seed: 8 });
    const intervals = (r: ImportanceResult) =>
      r.parameters.map((p) => [
        p.spearman.rho === null ? null : [p.spearman.lo, p.spearman.hi],
        p.permutation,
      ]);
    expect(intervals(other)).not.toEqual(intervals(first));
    // The point estimate of ρ does not depend on the seed.
    const rho = (r: ImportanceResult) => r.parameters.map((p) => [p.label, p.spearman.rho]).sort();
    expect(rho(other)).toEqual(rho(first));
  });

  it('gives the ρ R gives, ties and missing values included', () => {
    // R 4.2.2, with NA for NaN:
    //   y <- c(0.71, 0.74, 0.74, 0.80, 0.62, 0.74, 0.69, 0.80, 0.77, 0.66, 0.71, 0.83)
    //   lr <- c(1e-4, 3e-4, 3e-4, 1e-3, 1e-5, 3e-4, 1e-4, 1e-3, 3e-3, 3e-5, 1e-4, 1e-3)
    //   batch <- c(32, 64, NA, 128, 32, 64, 32, NA, 128, 64, NA, 128)
    //   dropout <- c(0.1, 0.0, 0.2, 0.2, NA, 0.3, 0.0, 0.2, 0.1, 0.3, 0.3, NA)
    //   warmup <- c(1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1)
    //   for (x in list(lr, batch, dropout, warmup))
    //     cat(sprintf("%.17g", cor(x, y, method = "spearman", use = "complete.obs")), "\n")
    const result = parameterImportance(
      table([
        param('lr', [1e-4, 3e-4, 3e-4, 1e-3, 1e-5, 3e-4, 1e-4, 1e-3, 3e-3, 3e-5, 1e-4, 1e-3]),
        param('batch', [32, 64, NaN, 128, 32, 64, 32, NaN, 128, 64, NaN, 128]),
        param('dropout', [0.1, 0.0, 0.2, 0.2, NaN, 0.3, 0.0, 0.2, 0.1, 0.3, 0.3, NaN]),
        categorical('warmup', ['false', 'true'], [1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]),
        target([0.71, 0.74, 0.74, 0.8, 0.62, 0.74, 0.69, 0.8, 0.77, 0.66, 0.71, 0.83]),
      ]),
      'summary:acc',
    );
    const r = {
      lr: 0.9459038524177652,
      batch: 0.84680979843994109,
      dropout: -0.07325435168354287,
      warmup: 0.32166657854850572,
    };
    for (const [label, rho] of Object.entries(r))
      expect(Math.abs((byLabel(result, label).spearman.rho ?? NaN) - rho)).toBeLessThan(1e-12);
    expect(byLabel(result, 'batch').spearman.runs).toBe(9);
  });
});
