import { describe, expect, it } from 'vitest';
import {
  diffAgainst,
  numberOf,
  packageChange,
  pivot,
  sameCell,
  type LongCell,
} from '../../../src/lib/compare/diff';

const cell = (value: string | null, num: number | null = null) => ({ value, num });

describe('sameCell', () => {
  it('compares numbers as numbers, whatever their spelling', () => {
    expect(sameCell(cell('0.001', 0.001), cell('1e-3', 0.001))).toBe(true);
    expect(sameCell(cell('0.001'), cell('1e-3'))).toBe(true);
    expect(sameCell(cell('0.001'), cell('0.0011'))).toBe(false);
    expect(numberOf(cell("'-5"))).toBe(-5);
  });

  it('compares lists and objects as canonical JSON, text as written', () => {
    expect(sameCell(cell('[1, 2]'), cell('[1,2]'))).toBe(true);
    expect(sameCell(cell('{"b": 1, "a": [2]}'), cell('{"a":[2],"b":1}'))).toBe(true);
    expect(sameCell(cell('[1, 2]'), cell('[2, 1]'))).toBe(false);
    expect(sameCell(cell('adamw'), cell('AdamW'))).toBe(false);
  });

  it('tells null from missing, and missing from present', () => {
    expect(sameCell(cell(null), cell(null))).toBe(true);
    expect(sameCell(cell(null), undefined)).toBe(false);
    expect(sameCell(undefined, undefined)).toBe(true);
    expect(sameCell(cell('x'), undefined)).toBe(false);
  });
});

describe('pivot and diffAgainst', () => {
  const long: LongCell[] = [
    { section: 'hyperparameters', key: 'lr', runId: 1, value: '1e-3', num: 0.001 },
    { section: 'hyperparameters', key: 'lr', runId: 2, value: '0.001', num: 0.001 },
    { section: 'hyperparameters', key: 'lr', runId: 3, value: '3e-4', num: 0.0003 },
    { section: 'hyperparameters', key: 'model.depth', runId: 2, value: '12', num: 12 },
    {
      section: 'hyperparameters',
      key: 'optimizer.betas',
      runId: 1,
      value: '[0.9, 0.999]',
      num: null,
    },
    {
      section: 'hyperparameters',
      key: 'optimizer.betas',
      runId: 3,
      value: '[0.9,0.999]',
      num: null,
    },
  ];

  it('keeps a key one run lacks as a difference, never dropped', () => {
    const rows = diffAgainst(pivot(long, [1, 2, 3]), 0);
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ['lr', [false, false, true]],
      ['model.depth', [false, true, false]],
      ['optimizer.betas', [false, true, false]],
    ]);
  });

  it('gives the change from the base, absolute and in percent', () => {
    const [lr] = diffAgainst(pivot(long, [1, 2, 3]), 0);
    expect(lr.change[1]).toBeNull();
    expect(lr.change[2]?.abs).toBeCloseTo(-0.0007, 15);
    expect(lr.change[2]?.pct).toBeCloseTo(-70, 9);
  });

  it('follows the base: with run 3 as base, run 1 and 2 differ in lr', () => {
    const [lr] = diffAgainst(pivot(long, [1, 2, 3]), 2);
    expect(lr.differs).toEqual([true, true, false]);
  });
});

describe('packageChange', () => {
  it('says added, removed or changed, and nothing when equal', () => {
    expect(packageChange(undefined, cell('1.2'))).toBe('added');
    expect(packageChange(cell('1.2'), undefined)).toBe('removed');
    expect(packageChange(cell('1.2'), cell('1.3'))).toBe('changed');
    expect(packageChange(cell('1.2'), cell('1.2'))).toBeNull();
  });
});
