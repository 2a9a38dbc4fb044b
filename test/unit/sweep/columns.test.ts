import { describe, expect, it } from 'vitest';
import { keyColumns } from '../../../src/lib/sweep/columns';
import type { CategoricalColumn, NumericColumn } from '../../../src/lib/sweep/types';

describe('keyColumns', () => {
  it('makes one column per key, in key order, from rows in any order', () => {
    // Rows as a table scan returns them: run after run, keys interleaved, one run (3) not asked for.
    const rows = {
      runId: [2, 2, 3, 1, 1, 2, 1],
      key: ['optimizer', 'lr', 'lr', 'lr', 'optimizer', 'depth', 'depth'],
      value: ['sgd', '0.01', '0.5', '0.001', 'adamw', '', '12'],
      num: [NaN, 0.01, 0.5, 0.001, NaN, NaN, 12],
    };
    const columns = keyColumns(rows, [1, 2], 'param');
    expect(columns.map((c) => c.id)).toEqual(['param:depth', 'param:lr', 'param:optimizer']);
    const [depth, lr, optimizer] = columns as [NumericColumn, NumericColumn, CategoricalColumn];
    expect(Array.from(depth.values)).toEqual([12, NaN]);
    expect(Array.from(lr.values)).toEqual([0.001, 0.01]);
    expect(optimizer.categories).toEqual(['adamw', 'sgd']);
    expect(Array.from(optimizer.codes)).toEqual([0, 1]);
  });
});
