/**
 * One metric's groups compared, read the way the page shows them: every statistic is b against a
 * (the group against the reference), identical values have no spread, and the Markdown names each
 * test once. The numbers themselves are checked against R in tests-against-r.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { statisticsMarkdown } from '../../../src/lib/share/statistics-report';
import { compareGroups, type MetricInput } from '../../../src/lib/stats/compare-groups';
import type { RunValue, StatsResult } from '../../../src/lib/stats/types';

// x <- c(0.812, 0.797, 0.825, 0.806, 0.819, 0.801); y <- c(0.781, 0.792, 0.776, 0.788, 0.795)
const x = [0.812, 0.797, 0.825, 0.806, 0.819, 0.801];
const y = [0.781, 0.792, 0.776, 0.788, 0.795];

function input(groups: number[][]): MetricInput {
  const byRun = new Map<number, RunValue>();
  let id = 0;
  const stats = groups.map((values, g) => ({
    label: `group ${g}`,
    runIds: values.map((value) => {
      byRun.set(++id, { runId: id, value, method: 'exact', steps: [100], sourceId: null });
      return id;
    }),
  }));
  return {
    metric: 'val/acc',
    role: 'target',
    direction: 'max',
    xStar: 100,
    groups: stats,
    reference: 0,
    byRun,
    seeds: {},
    resamples: 2000,
    seed: 1,
    level: 0.95,
  };
}

describe('compareGroups', () => {
  it('reads every statistic as the group minus the reference', () => {
    const [c] = compareGroups(input([x, y])).comparisons;
    // t.test(y, x)$statistic = -4.207582536 (R 4.2.2), the difference of means is mean(y) − mean(x) < 0
    expect(c.difference).toBeLessThan(0);
    expect(c.welch?.statistic).toBeCloseTo(-4.207582536, 8);
    expect(c.cohenD).toBeLessThan(0);
    // wilcox.test(y, x)$statistic = 0: no value of y exceeds a value of x
    expect(c.mannWhitney?.statistic).toBe(0);
    expect(c.percentile?.hi).toBeLessThan(0);
  });

  it('gives identical values an sd of exactly 0 and no Welch test', () => {
    const lr = [3e-4, 3e-4, 3e-4];
    const m = compareGroups(input([lr, [1e-3, 1e-3, 1e-3]]));
    expect(m.groups.map((g) => g.sd)).toEqual([0, 0]);
    expect(m.comparisons[0].welch).toBeNull();
  });

  it('names each test once in the Markdown block', () => {
    const metric = compareGroups(input([x, y]));
    const result = {
      request: { aggregation: { kind: 'final' }, groups: metric.groups, trend: null },
      resamples: 2000,
      seed: 1,
      level: 0.95,
      metrics: [metric],
      trends: [],
      selection: null,
      sources: {},
      elapsedMs: 0,
    } as unknown as StatsResult;
    const markdown = statisticsMarkdown(result, (id) => `run ${id}`);
    expect(markdown).toContain("| Welch's t | -4.208, df ");
    expect(markdown).toContain('| Mann–Whitney U (exact) | 0 |');
    expect(markdown).not.toMatch(/\n\n\n/);
  });
});
