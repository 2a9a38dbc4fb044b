import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../../src/lib/engine/runs-decode';
import { paramsOf } from '../../../src/lib/engine/run-params';
import {
  compareCells,
  filterRuns,
  isNumericParam,
  sortRuns,
} from '../../../src/lib/state/runs-view';

function run(runId: number, name: string, extra: Partial<RunRow> = {}): RunRow {
  return {
    runId,
    runKey: `run:${name}`,
    name,
    state: null,
    sources: ['a.csv'],
    formats: 'CSV, long',
    metrics: 1,
    points: 10,
    lastStep: 100,
    metricNames: ['loss'],
    params: paramsOf({}),
    ...extra,
  };
}

const runs = [
  run(1, 'seed-10', { lastStep: 900, params: paramsOf({ lr: '1e-3' }) }),
  run(2, 'seed-9', { lastStep: null, params: paramsOf({ lr: '3e-4' }) }),
  run(3, 'baseline', { lastStep: 1200, params: paramsOf({}), metricNames: ['val/acc'] }),
];

describe('sortRuns', () => {
  it('sorts names naturally (seed-9 before seed-10)', () => {
    expect(
      sortRuns(runs, { column: { kind: 'name' }, descending: false }).map((r) => r.name),
    ).toEqual(['baseline', 'seed-9', 'seed-10']);
  });

  it('sorts numbers by value and keeps missing values last in both directions', () => {
    const asc = sortRuns(runs, { column: { kind: 'lastStep' }, descending: false }).map(
      (r) => r.runId,
    );
    const desc = sortRuns(runs, { column: { kind: 'lastStep' }, descending: true }).map(
      (r) => r.runId,
    );
    expect(asc).toEqual([1, 3, 2]);
    expect(desc).toEqual([3, 1, 2]);
  });

  it('sorts numeric hyperparameter text by value', () => {
    expect(
      sortRuns(runs, { column: { kind: 'param', key: 'lr' }, descending: false }).map(
        (r) => r.runId,
      ),
    ).toEqual([2, 1, 3]);
  });
});

describe('filterRuns', () => {
  it('needs every word, in names, metrics or hyperparameters', () => {
    expect(filterRuns(runs, 'seed').map((r) => r.runId)).toEqual([1, 2]);
    expect(filterRuns(runs, 'VAL/ACC').map((r) => r.runId)).toEqual([3]);
    expect(filterRuns(runs, 'lr=3e-4').map((r) => r.runId)).toEqual([2]);
    expect(filterRuns(runs, 'seed lr=1e-3').map((r) => r.runId)).toEqual([1]);
    expect(filterRuns(runs, '  ')).toHaveLength(3);
  });

  it("finds runs by the user's notes on them", () => {
    const notes: Record<string, string> = { 'run:baseline': 'Diverged after the LR warm-up' };
    const noteOf = (key: string) => notes[key] ?? '';
    expect(filterRuns(runs, 'warm-up', noteOf).map((r) => r.runId)).toEqual([3]);
    expect(filterRuns(runs, 'warm-up')).toEqual([]);
  });
});

describe('sorting by note', () => {
  it('puts runs with notes first, in order of their text', () => {
    const notes: Record<string, string> = { 'run:seed-9': 'b: keep', 'run:seed-10': 'a: rerun' };
    const noteOf = (key: string) => notes[key] ?? '';
    expect(
      sortRuns(runs, { column: { kind: 'note' }, descending: false }, noteOf).map((r) => r.runId),
    ).toEqual([1, 2, 3]);
  });
});

describe('compareCells', () => {
  it('puts empty values after everything', () => {
    expect(compareCells(null, 1)).toBeGreaterThan(0);
    expect(compareCells('', 'a')).toBeGreaterThan(0);
    expect(compareCells(null, null)).toBe(0);
  });
});

describe('isNumericParam', () => {
  it('is true when every present value is a number, ignoring missing ones', () => {
    expect(isNumericParam(runs, 'lr')).toBe(true);
    expect(isNumericParam([run(1, 'a', { params: paramsOf({ opt: 'adam' }) })], 'opt')).toBe(false);
    expect(isNumericParam(runs, 'absent')).toBe(false);
  });
});
