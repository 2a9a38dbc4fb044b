/**
 * The statistics request over real DuckDB: two seed groups read at the student's step (never at
 * their own final ones), traced values, tests with Holm, "single seed" when a side has one run,
 * the student's trend, and the best run under a constraint on a summary value.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import type { StatsRequest } from '../../../src/lib/stats/types';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
let ids: Record<string, number>;

/** Config A (lr 1e-3) and B (lr 3e-4), seeds 0–2; B/s2 is still running at step 300. */
beforeEach(async () => {
  engine = await makeEngine();
  await engine.ingest(
    text(
      'runs.csv',
      'run,state,params.lr,params.seed,summary.latency_ms\n' +
        'a0,finished,1e-3,0,40\na1,finished,1e-3,1,41\na2,finished,1e-3,2,39\n' +
        'b0,finished,3e-4,0,60\nb1,finished,3e-4,1,62\nb2,running,3e-4,2,61\n',
    ),
  );
  const rows = ['run,step,metric,value'];
  const acc: Record<string, number[]> = {
    a0: [0.5, 0.6, 0.65, 0.9],
    a1: [0.52, 0.61, 0.66, 0.9],
    a2: [0.49, 0.59, 0.64, 0.9],
    b0: [0.55, 0.68, 0.74, 0.7],
    b1: [0.56, 0.69, 0.76, 0.7],
    b2: [0.54, 0.7, 0.75],
  };
  for (const [run, values] of Object.entries(acc))
    values.forEach((v, i) => rows.push(`${run},${(i + 1) * 100},val/acc,${v}`));
  await engine.ingest(text('metrics.csv', rows.join('\n') + '\n'));
  ids = Object.fromEntries(
    engine
      .rows<{ run_id: number; name: string }>('SELECT run_id, name FROM runs')
      .map((r) => [r.name, r.run_id]),
  );
});

function request(overrides: Partial<StatsRequest> = {}): StatsRequest {
  return {
    groups: [
      { label: 'lr=1e-3', runIds: [ids.a0, ids.a1, ids.a2] },
      { label: 'lr=3e-4', runIds: [ids.b0, ids.b1, ids.b2] },
    ],
    reference: 0,
    aggregation: {
      kind: 'aligned',
      student: ids.b2,
      axis: { kind: 'step' },
      policy: 'interpolate',
    },
    seeds: {
      [ids.a0]: '0',
      [ids.a1]: '1',
      [ids.a2]: '2',
      [ids.b0]: '0',
      [ids.b1]: '1',
      [ids.b2]: '2',
    },
    resamples: 2000,
    seed: 11,
    ...overrides,
  };
}

describe('statistics in the engine', () => {
  it("reads every run at the student's step and compares the groups there", () => {
    const result = engine.statistics(request());
    const m = result.metrics.find((x) => x.metric === 'val/acc');
    expect(m?.xStar).toBe(300);
    expect(m?.groups.map((g) => g.n)).toEqual([3, 3]);
    // At step 300 B leads; at their final steps A would (0.9 against 0.7).
    expect(m?.groups[0].mean).toBeCloseTo(0.65, 12);
    expect(m?.groups[1].mean).toBeCloseTo(0.75, 12);
    expect(m?.groups[0].values[0]).toMatchObject({ method: 'exact', steps: [300], value: 0.65 });
    const c = m?.comparisons[0];
    expect(c).toMatchObject({ a: 0, b: 1, noTest: null, bBetter: true });
    expect(c?.difference).toBeCloseTo(0.1, 12);
    expect(c?.welch?.p).toBeLessThan(0.01);
    expect(c?.paired?.pairs).toBe(3);
    expect(c?.bca?.lo).toBeGreaterThan(0);
    expect(m?.groups[1].pBest).toBeGreaterThan(0.99);
    // Final values instead say the opposite, and say they are not at the same step.
    const final = engine.statistics(request({ aggregation: { kind: 'final' } }));
    const f = final.metrics[0];
    expect(f.groups[0].values[0]).toMatchObject({ method: 'final', steps: [400] });
    expect(f.comparisons[0].bBetter).toBe(false);
  });

  it('gives the same numbers for the same seed', () => {
    const a = engine.statistics(request({ resamples: 40 }));
    const b = engine.statistics(request({ resamples: 40 }));
    expect(b.metrics).toEqual(a.metrics);
    // Three runs a side make a coarse bootstrap: some bound moves with the seed, not every one.
    const c = engine.statistics(request({ resamples: 40, seed: 12 }));
    expect(c.metrics).not.toEqual(a.metrics);
  });

  it('says "single seed: no test possible" when a side has one run', () => {
    const result = engine.statistics(
      request({
        groups: [
          { label: 'a0', runIds: [ids.a0] },
          { label: 'B', runIds: [ids.b0, ids.b1, ids.b2] },
        ],
      }),
    );
    const c = result.metrics[0].comparisons[0];
    expect(c.noTest).toBe('single seed: no test possible');
    expect(c.welch).toBeNull();
    expect(c.difference).toBeCloseTo(0.1, 12);
    expect(result.metrics[0].groups[0].bca).toBeNull();
  });

  it('says whether the student is still improving, over its last points', () => {
    const result = engine.statistics(request({ trend: { runId: ids.b2, points: 10 } }));
    expect(result.trends[0]).toMatchObject({
      metric: 'val/acc',
      points: 3,
      fromStep: 100,
      toStep: 300,
    });
    expect(result.trends[0].sentence).toMatch(/^flat|^still improving/);
  });

  it('picks the best group under a constraint on a summary value, with its caveats', () => {
    const result = engine.statistics(
      request({
        selection: {
          primary: 'val/acc',
          constraints: [{ key: 'latency_ms', op: '<=', value: 50 }],
        },
      }),
    );
    const s = result.selection;
    // B is better at the same step but too slow: A is recommended, B listed as excluded.
    expect(s?.recommendation?.label).toBe('lr=1e-3');
    expect(s?.candidates.map((c) => [c.label, c.satisfies])).toEqual([
      ['lr=1e-3', true],
      ['lr=3e-4', false],
    ]);
    expect(s?.candidates[1].failed[0]).toBe('latency_ms = 61, not <= 50');
    expect(s?.recommendation?.sentence).toContain('No other candidate satisfies every constraint');
    const none = engine.statistics(
      request({
        selection: { primary: 'val/acc', constraints: [{ key: 'latency_ms', op: '<', value: 1 }] },
      }),
    );
    expect(none.selection?.recommendation).toBeNull();
    expect(none.selection?.none).toMatch(/^No run satisfies every constraint/);
  });
});
