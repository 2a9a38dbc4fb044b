/**
 * The best run under constraints on hand-made groups: constraints that exclude the otherwise best
 * run, ties, every run excluded, and the caveats the recommendation must carry.
 */
import { describe, expect, it } from 'vitest';
import { selectBest, type SelectionInput } from '../../../src/lib/stats/select-best';
import type { Constraint, RunValue, StatsGroup } from '../../../src/lib/stats/types';

const value = (runId: number, v: number): RunValue => ({
  runId,
  value: v,
  method: 'exact',
  steps: [1000],
  sourceId: 1,
});

/** Three groups: A (runs 1–3) scores best but is slow, B (4–6) second and fast, C (7) a single run. */
const groups: StatsGroup[] = [
  { label: 'A', runIds: [1, 2, 3] },
  { label: 'B', runIds: [4, 5, 6] },
  { label: 'C', runIds: [7] },
];
const accuracy = new Map(
  [
    [1, 0.9],
    [2, 0.91],
    [3, 0.92],
    [4, 0.85],
    [5, 0.86],
    [6, 0.84],
    [7, 0.8],
  ].map(([id, v]) => [id, value(id, v)]),
);
const latency = new Map<number, number | null>([
  [1, 80],
  [2, 82],
  [3, 81],
  [4, 40],
  [5, 49],
  [6, 45],
  [7, 30],
]);

function input(constraints: Constraint[], overrides: Partial<SelectionInput> = {}): SelectionInput {
  return {
    groups,
    primary: { metric: 'val/acc', direction: 'max', role: 'target', byRun: accuracy },
    constraints: constraints.map((constraint) => ({ constraint, byRun: latency })),
    aggregation: 'aligned',
    targets: ['val/acc'],
    level: 0.95,
    margin: (a, b) => ({ interval: { lo: b[0] - a[0] - 0.01, hi: b[0] - a[0] + 0.01 }, p: 0.01 }),
    convergence: () => [],
    evalSets: () => null,
    runName: (id) => `run-${id}`,
    ...overrides,
  };
}

describe('the best run under constraints', () => {
  it('ranks by the primary metric when nothing is constrained', () => {
    const r = selectBest(input([]));
    expect(r.candidates.map((c) => c.label)).toEqual(['A', 'B', 'C']);
    expect(r.recommendation).toMatchObject({ label: 'A', runnerUp: 1, significant: true });
    expect(r.recommendation?.margin).toBeCloseTo(0.91 - 0.85, 12);
  });

  it('excludes the otherwise best group when it breaks a constraint, and says why', () => {
    const r = selectBest(input([{ key: 'latency_ms', op: '<=', value: 50 }]));
    expect(r.recommendation?.label).toBe('B');
    const a = r.candidates.find((c) => c.label === 'A');
    expect(a).toMatchObject({ satisfies: false });
    expect(a?.failed[0]).toBe('latency_ms = 81, not <= 50');
    // Excluded candidates come after the ranked ones.
    expect(r.candidates.map((c) => c.label)).toEqual(['B', 'C', 'A']);
    expect(r.recommendation?.sentence).toContain('It leads C (n = 1)');
    expect(r.recommendation?.caveats).toContain(
      'single seed for the runner-up (C): no test is possible',
    );
  });

  it('says when a constraint is met only narrowly, or only by the mean of a group', () => {
    const r = selectBest(input([{ key: 'latency_ms', op: '<', value: 46 }]));
    // B's mean latency is 44.67: within 5 % of 46, and run 5 (49) breaks it on its own.
    expect(r.recommendation?.label).toBe('B');
    expect(r.recommendation?.caveats).toEqual(
      expect.arrayContaining([
        'satisfied only narrowly: latency_ms = 44.67 against < 46',
        expect.stringMatching(/^1 of 3 runs break latency_ms < 46 on their own \(run-5\)/),
      ]),
    );
  });

  it('says so when every run is excluded, and recommends nothing', () => {
    const r = selectBest(input([{ key: 'latency_ms', op: '<', value: 10 }]));
    expect(r.recommendation).toBeNull();
    expect(r.none).toBe(
      'No run satisfies every constraint (all 3 excluded): loosen a constraint to see a recommendation.',
    );
    expect(r.candidates.every((c) => !c.satisfies)).toBe(true);
  });

  it('names a tie rather than pretending one side wins', () => {
    const tied = new Map(accuracy);
    tied.set(4, value(4, 0.9));
    tied.set(5, value(5, 0.91));
    tied.set(6, value(6, 0.92));
    const r = selectBest(
      input([], { primary: { metric: 'val/acc', direction: 'max', role: 'target', byRun: tied } }),
    );
    expect(r.recommendation?.margin).toBe(0);
    expect(r.recommendation?.caveats[0]).toBe('tie: A and B have the same val/acc');
  });

  it('flags a single seed, a proxy metric, values not at the same step, and non-convergence', () => {
    const single = selectBest(
      input([{ key: 'latency_ms', op: '<=', value: 35 }], {
        primary: { metric: 'train/loss', direction: 'min', role: 'proxy', byRun: accuracy },
        aggregation: 'final',
        convergence: (ids) => [`not converged: ${ids.join(',')}`],
      }),
    );
    const caveats = single.recommendation?.caveats ?? [];
    expect(single.recommendation?.label).toBe('C');
    expect(caveats).toContain('single seed: the margin has no interval and no test is possible');
    expect(caveats).toContain(
      'proxy metric only: train/loss is a proxy; check the downstream target (val/acc)',
    );
    expect(caveats).toContain("final values at each run's own step, not at the same step");
    expect(caveats).toContain('not converged: 7');
  });

  it('turns the margin and its interval around when lower is better', () => {
    const loss = new Map([...accuracy].map(([id, v]) => [id, value(id, 1 - (v.value as number))]));
    const r = selectBest(
      input([], {
        primary: { metric: 'val/loss', direction: 'min', role: 'target', byRun: loss },
        margin: () => ({ interval: { lo: -0.08, hi: -0.04 }, p: 0.2 }),
      }),
    );
    expect(r.recommendation?.label).toBe('A');
    expect(r.recommendation?.margin).toBeCloseTo(0.06, 12);
    expect(r.recommendation?.marginInterval).toEqual({ lo: 0.04, hi: 0.08 });
    expect(r.recommendation?.significant).toBe(false);
    expect(r.recommendation?.sentence).toMatch(/not significant \(Welch p = 0.2\)/);
  });

  it('lists the Pareto-optimal candidates of the primary metric against each constrained key', () => {
    const r = selectBest(input([{ key: 'latency_ms', op: '<=', value: 100 }]));
    // A is most accurate, C fastest, B between on both: all three trade off.
    expect(r.tradeoffs).toEqual([{ key: 'latency_ms', direction: 'min', front: [2, 1, 0] }]);
  });
});
