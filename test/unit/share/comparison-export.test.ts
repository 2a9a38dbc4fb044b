import { describe, expect, it } from 'vitest';
import { buildSeries } from '../../../src/lib/align/series';
import { compareMetric } from '../../../src/lib/align/compare';
import { alignTables } from '../../../src/lib/align/layout';
import type { AlignResult } from '../../../src/lib/align/types';
import { comparisonCsv, comparisonMarkdown } from '../../../src/lib/share/comparison-export';
import { csvCell } from '../../../src/lib/share/csv';
import { csvParseRows } from 'd3';

describe('csvCell', () => {
  it('neutralizes text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('-1.5e-3')).toBe('-1.5e-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell(null)).toBe('');
  });
});

describe('comparison export', () => {
  const s = buildSeries([100, 200], [100, 200], [0.1234567890123, 0.2], [1, 1]);
  const b = buildSeries([50, 250], [50, 250], [0.1, 0.3], [2, 2]);
  const acc = compareMetric(
    {
      metric: 'val|acc',
      metricId: 1,
      role: 'target',
      direction: 'max',
      byRun: new Map([
        [1, s],
        [2, b],
      ]),
    },
    1,
    [2],
    'interpolate',
  );
  const result: AlignResult = {
    request: { student: 1, baselines: [2], axis: { kind: 'step' }, policy: 'interpolate' },
    metrics: [acc],
    sources: { 1: 'student.csv', 2: '=evil.csv' },
    withoutX: {},
  };
  const run = (id: number) =>
    id === 1
      ? { name: 'student run, v2', runKey: 'wandb:abc' }
      : { name: 'base', runKey: 'mlflow:0/def' };

  it('writes one row per metric and baseline with every digit and where it came from', () => {
    const rows = csvParseRows(comparisonCsv(result, run));
    expect(rows[0].join(',')).toBe(
      'metric,role,direction,student_run_id,student_run,baseline_run_id,baseline_run,axis,x_star,student_value,baseline_value,baseline_steps_used,method,delta,source_file',
    );
    expect(rows[1]).toEqual([
      'val|acc',
      'target',
      'max',
      'wandb:abc',
      'student run, v2',
      'mlflow:0/def',
      'base',
      'step',
      '200',
      '0.2',
      String(0.1 + (0.3 - 0.1) * (150 / 200)),
      '50;250',
      'interpolated',
      String(0.2 - (0.1 + (0.3 - 0.1) * (150 / 200))),
      "'=evil.csv",
    ]);
  });

  it('writes Markdown with full names and escaped pipes', () => {
    const md = comparisonMarkdown(alignTables(result.metrics), result, run);
    expect(md).toContain(
      '| val\\|acc | target ↑ | 0.2 @ step 200 | 0.25 (interpolated, step 50 and 250) | −0.05 |',
    );
    expect(md).toContain('| metric | role | student run, v2 (student) | base | Δ |');
  });
});
