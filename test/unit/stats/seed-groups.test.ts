import { describe, expect, it } from 'vitest';
import { paramsOf } from '../../../src/lib/engine/run-params';
import { isSeedKey, seedGroups as groupRuns } from '../../../src/lib/stats/seed-groups';

type Run = { runId: number; params: Record<string, string | null> };

/** The runs as the page holds them (params read by key), from plain objects. */
const seedGroups = (runs: readonly Run[], by?: readonly string[]) =>
  groupRuns(
    runs.map((r) => ({ runId: r.runId, params: paramsOf(r.params) })),
    by,
  );

describe('isSeedKey', () => {
  it('recognizes seed, random_seed, *_seed and *.seed in any case', () => {
    for (const key of [
      'seed',
      'SEED',
      'random_seed',
      'data_seed',
      'trainer.seed',
      'Model.Init_Seed',
    ])
      expect(isSeedKey(key), key).toBe(true);
  });

  it('leaves keys that only contain the word alone', () => {
    for (const key of ['seeds', 'seed_everything', 'reseed', 'seedling', 'num_seeds', 'lr'])
      expect(isSeedKey(key), key).toBe(false);
  });
});

describe('seedGroups', () => {
  const runs = [
    { runId: 4, params: { lr: '1e-3', optimizer: 'adamw', seed: '1' } },
    { runId: 1, params: { lr: '1e-3', optimizer: 'adamw', seed: '2' } },
    { runId: 2, params: { lr: '1e-2', optimizer: 'adamw', seed: '1' } },
    { runId: 3, params: { lr: '1e-3', optimizer: 'sgd', seed: '1' } },
    { runId: 5, params: { lr: '1e-2', optimizer: 'adamw', seed: '2' } },
  ];

  it('groups runs that differ only in their seed, labelled by the params that vary', () => {
    expect(seedGroups(runs)).toEqual([
      { key: 'lr=1e-3, optimizer=adamw', runIds: [1, 4] },
      { key: 'lr=1e-3, optimizer=sgd', runIds: [3] },
      { key: 'lr=1e-2, optimizer=adamw', runIds: [2, 5] },
    ]);
  });

  it('orders groups the same whatever the order of the runs', () => {
    expect(seedGroups([...runs].reverse())).toEqual(seedGroups(runs));
  });

  it('leaves params every run shares out of the label', () => {
    const same = runs.map((r) => ({ ...r, params: { ...r.params, epochs: '10' } }));
    expect(seedGroups(same).map((g) => g.key)).toEqual(seedGroups(runs).map((g) => g.key));
  });

  it('groups by the given keys only, named in their order', () => {
    expect(seedGroups(runs, ['optimizer'])).toEqual([
      { key: 'optimizer=adamw', runIds: [1, 2, 4, 5] },
      { key: 'optimizer=sgd', runIds: [3] },
    ]);
    expect(seedGroups(runs, ['optimizer', 'lr']).map((g) => g.key)).toEqual([
      'optimizer=adamw, lr=1e-3',
      'optimizer=adamw, lr=1e-2',
      'optimizer=sgd, lr=1e-3',
    ]);
  });

  it('keeps a run that lacks a key, under a missing value sorted last', () => {
    const withGap: Run[] = [
      { runId: 1, params: { lr: '0.1', warmup: '100' } },
      { runId: 2, params: { lr: '0.1' } },
      { runId: 3, params: { lr: '0.1', warmup: null } },
      { runId: 4, params: { lr: '0.1', warmup: '20' } },
    ];
    expect(seedGroups(withGap)).toEqual([
      { key: 'warmup=20', runIds: [4] },
      { key: 'warmup=100', runIds: [1] },
      { key: 'warmup=(missing)', runIds: [2, 3] },
    ]);
  });

  it('treats every seed key as a seed', () => {
    const seeds = [
      { runId: 1, params: { lr: '1', random_seed: '1', 'trainer.seed': '5', data_seed: '0' } },
      { runId: 2, params: { lr: '1', random_seed: '2', 'trainer.seed': '6', data_seed: '1' } },
    ];
    expect(seedGroups(seeds)).toEqual([{ key: 'all runs', runIds: [1, 2] }]);
  });

  it('sorts numbers before text and does not mistake inherited names for params', () => {
    const mixed: Run[] = [
      { runId: 1, params: { width: 'auto', constructor: 'x' } },
      { runId: 2, params: { width: '64' } },
      { runId: 3, params: { width: '128' } },
    ];
    expect(seedGroups(mixed, ['width', 'constructor']).map((g) => g.key)).toEqual([
      'width=64, constructor=(missing)',
      'width=128, constructor=(missing)',
      'width=auto, constructor=x',
    ]);
  });

  it('gives no groups for no runs', () => {
    expect(seedGroups([])).toEqual([]);
  });
});
