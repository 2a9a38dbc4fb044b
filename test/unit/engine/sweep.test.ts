/**
 * The sweep table over real DuckDB: hyperparameters typed by their values (numbers, booleans,
 * categories), metrics by the scalar rule, numeric summary values; a run missing a value keeps a
 * missing cell, never drops out.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import type { CategoricalColumn, NumericColumn, SweepTable } from '../../../src/lib/sweep/types';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const column = (t: SweepTable, id: string) => t.columns.find((c) => c.id === id);
const numbers = (t: SweepTable, id: string) => Array.from((column(t, id) as NumericColumn).values);

describe('the sweep table', () => {
  it('types each hyperparameter by its values and keeps runs missing one', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,params.lr,params.optimizer,params.ema,params.depth,summary.accuracy,summary.ckpt\n' +
          'a,1e-4,adamw,true,12,0.81,/x/a.pt\n' +
          'b,1e-2,sgd,false,,0.79,/x/b.pt\n' +
          'c,3e-3,adamw,True,24,,/x/c.pt\n',
      ),
    );
    await engine.ingest(
      text(
        'metrics.csv',
        'run,step,metric,value\na,1,val/loss,2\na,2,val/loss,1.5\nc,1,val/loss,3\n',
      ),
    );
    const runIds = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY name')
      .map((r) => r.run_id);
    const table = engine.sweepTable({ runIds, mode: { kind: 'last' } });

    expect(numbers(table, 'param:lr')).toEqual([1e-4, 1e-2, 3e-3]);
    expect(column(table, 'param:lr')).toMatchObject({ type: 'numeric', logSuggested: true });
    expect(numbers(table, 'param:depth')).toEqual([12, NaN, 24]);
    expect(column(table, 'param:depth')).toMatchObject({ logSuggested: false });

    const optimizer = column(table, 'param:optimizer') as CategoricalColumn;
    expect(optimizer).toMatchObject({ type: 'categorical', categories: ['adamw', 'sgd'] });
    expect(Array.from(optimizer.codes)).toEqual([0, 1, 0]);
    const ema = column(table, 'param:ema') as CategoricalColumn;
    expect(ema).toMatchObject({ type: 'boolean', categories: ['false', 'true'] });
    expect(Array.from(ema.codes)).toEqual([1, 0, 1]);

    expect(numbers(table, 'metric:val/loss')).toEqual([1.5, NaN, 3]);
    expect(column(table, 'metric:val/loss')).toMatchObject({ direction: 'min' });
    expect(numbers(table, 'summary:accuracy')).toEqual([0.81, 0.79, NaN]);
    expect(column(table, 'summary:accuracy')).toMatchObject({ direction: 'max' });
    // Text summary values (paths) are not axes.
    expect(column(table, 'summary:ckpt')).toBeUndefined();

    const best = engine.sweepTable({ runIds, mode: { kind: 'min' } });
    expect(numbers(best, 'metric:val/loss')).toEqual([1.5, NaN, 3]);
    const first = engine.sweepTable({ runIds, mode: { kind: 'max' } });
    expect(numbers(first, 'metric:val/loss')).toEqual([2, NaN, 3]);
  });

  it('orders numeric categories by value and keeps text after them', async () => {
    await engine.ingest(text('runs.csv', 'run,params.size\na,10\nb,9\nc,large\nd,1e2\ne,small\n'));
    const runIds = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY name')
      .map((r) => r.run_id);
    const size = column(
      engine.sweepTable({ runIds, mode: { kind: 'last' } }),
      'param:size',
    ) as CategoricalColumn;
    expect(size.categories).toEqual(['9', '10', '1e2', 'large', 'small']);
    expect(Array.from(size.codes)).toEqual([1, 0, 3, 2, 4]);
  });

  it('reads a long list of runs whole and leaves out the runs not asked for', async () => {
    let csv = 'run,params.lr,params.only_late\n';
    for (let r = 0; r < 700; r++)
      csv += `r${String(r).padStart(3, '0')},${r},${r >= 600 ? 1 : ''}\n`;
    await engine.ingest(text('runs.csv', csv));
    await engine.ingest(text('late.csv', 'run,step,metric,value\nr650,1,loss,0.5\n'));
    const runIds = engine
      .rows<{ run_id: number }>("SELECT run_id FROM runs WHERE name < 'r600' ORDER BY name")
      .map((r) => r.run_id);
    expect(runIds.length).toBeGreaterThan(500);
    const table = engine.sweepTable({ runIds, mode: { kind: 'last' } });
    expect(numbers(table, 'param:lr')).toEqual(Array.from({ length: 600 }, (_, r) => r));
    // Keys and metrics only the other runs have are not columns of this table.
    expect(table.columns.map((c) => c.id)).toEqual(['param:lr']);
  });
});
