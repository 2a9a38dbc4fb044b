import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../../src/lib/align/series';
import { compareMetric } from '../../../src/lib/align/compare';
import { alignWarnings, interpretTable } from '../../../src/lib/align/interpret';
import { alignTables } from '../../../src/lib/align/layout';
import type { AlignResult, MetricAlignment } from '../../../src/lib/align/types';
import type { MetricRole } from '../../../src/lib/schema/metric-roles';

function line(to: number, every: number, f: (x: number) => number) {
  const xs: number[] = [];
  for (let x = every; x <= to; x += every) xs.push(x);
  return buildSeries(
    xs,
    xs,
    xs.map(f),
    xs.map(() => 1),
  );
}

const names: Record<number, string> = {
  1: 'phase1-7src-conv-s-adaptor-mlp',
  2: 'phase1-7src-fastvit-s-featmap-mlp',
};

function result(metrics: MetricAlignment[]): AlignResult {
  return {
    request: { student: 1, baselines: [2], axis: { kind: 'step' }, policy: 'interpolate' },
    metrics,
    sources: {},
    withoutX: {},
  };
}

function compare(
  name: string,
  role: MetricRole,
  student: ReturnType<typeof line> | null,
  baseline: ReturnType<typeof line>,
) {
  const byRun = new Map([[2, baseline]]);
  if (student) byRun.set(1, student);
  return compareMetric(
    { metric: name, metricId: name.length, role, direction: 'max', byRun },
    1,
    [2],
    'interpolate',
  );
}

describe('interpretTable', () => {
  it('says how far behind the student is at its step, that the target is not yet there, and that one seed is one seed', () => {
    const knn = compare(
      'knn_top1',
      'proxy',
      line(1100, 100, (x) => 0.3 + x / 10000 - 0.025),
      line(3000, 100, (x) => 0.3 + x / 10000),
    );
    const linear = compare(
      'linear_top1',
      'target',
      null,
      line(3000, 500, (x) => 0.5 + x / 10000),
    );
    const r = result([knn, linear]);
    const [table] = alignTables(r.metrics);
    const text = interpretTable(table, r, (id) => names[id]);
    expect(text[0]).toBe(
      'At step 1,100 phase1-7src-conv-s-adaptor-mlp is 2.5 points behind phase1-7src-fastvit-s-featmap-mlp on knn_top1 (proxy).',
    );
    expect(text).toContain(
      'linear_top1 (target): not yet evaluated for phase1-7src-conv-s-adaptor-mlp.',
    );
    expect(text).toContain('knn_top1 is a proxy: on its own it does not say which run is better.');
    expect(text).toContain('Single seed on each side: no test can say whether the gap is real.');
    expect(text.join(' ')).not.toMatch(/converged|wins|better run is/);
  });

  it('projects the catch-up step from the window, marked as extrapolation', () => {
    // Gap -0.02 at step 1,000, closing by 0.00002 per step: zero at step 2,000.
    const knn = compare(
      'knn_top1',
      'proxy',
      line(1000, 100, (x) => x / 10000 - 0.04 + 0.00002 * x),
      line(3000, 100, (x) => x / 10000),
    );
    const r = result([knn]);
    const text = interpretTable(alignTables(r.metrics)[0], r, (id) => names[id]);
    expect(text[1]).toBe(
      'From the slope of the gap over step 800 to 1,000 it would close around step 2,000 (extrapolation).',
    );
  });
});

describe('alignWarnings', () => {
  it('warns about metrics logged at different frequencies and names that differ only by separators', () => {
    const often = compare(
      'val_acc',
      'target',
      line(1000, 10, () => 0.5),
      line(3000, 250, () => 0.5),
    );
    const other = compare(
      'val/acc',
      'target',
      line(1000, 10, () => 0.5),
      line(3000, 10, () => 0.5),
    );
    const warnings = alignWarnings(result([often, other]), (id) => names[id]);
    expect(warnings).toEqual([
      'val_acc is logged every 10 steps by phase1-7src-conv-s-adaptor-mlp but every 250 by phase1-7src-fastvit-s-featmap-mlp: values between logged points are read by the chosen policy.',
      'val_acc and val/acc differ only in separators or case: the same metric under two names? They are compared separately.',
    ]);
  });
});
