import { beforeEach, describe, expect, it } from 'vitest';
import { rowExtremes } from '../../../src/lib/compare/extremes';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
let ids: number[];
beforeEach(async () => {
  engine = await makeEngine();
  await engine.ingest(
    text(
      'runs.csv',
      'run,step,metric,value\n' +
        'a,100,acc,0.5\na,200,acc,0.7\na,300,acc,0.6\na,100,loss,2\na,200,loss,1.5\na,300,loss,1.2\n' +
        'b,100,acc,0.4\nb,250,acc,0.8\nb,100,loss,2.5\nb,250,loss,1.1\n',
    ),
  );
  ids = engine
    .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY name')
    .map((r) => r.run_id);
});

const table = (mode: Parameters<Engine['scalars']>[0]['mode']) =>
  Object.fromEntries(
    engine
      .scalars({ runIds: ids, mode })
      .map((r) => [r.metric, r.cells.map((c) => [c?.value, c?.step, c?.method])]),
  );

describe('the scalar table', () => {
  it('gives last, min and max with the step each is from', () => {
    expect(table({ kind: 'last' }).acc).toEqual([
      [0.6, 300, 'last'],
      [0.8, 250, 'last'],
    ]);
    expect(table({ kind: 'min' }).loss).toEqual([
      [1.2, 300, 'min'],
      [1.1, 250, 'min'],
    ]);
    expect(table({ kind: 'max' }).acc).toEqual([
      [0.7, 200, 'max'],
      [0.8, 250, 'max'],
    ]);
  });

  it('reads the value at step k, or the nearest logged step and says so', () => {
    // b logged acc at 100 and 250: 250 is nearer to 200.
    expect(table({ kind: 'at', step: 200 }).acc).toEqual([
      [0.7, 200, 'exact'],
      [0.8, 250, 'nearest'],
    ]);
  });

  it('reads every metric at the step where another is best for that run', () => {
    // acc is best at 200 for a and at 250 for b: loss there is 1.5 and 1.1.
    expect(table({ kind: 'atBest', of: 'acc' }).loss).toEqual([
      [1.5, 200, 'exact'],
      [1.1, 250, 'exact'],
    ]);
  });
});

describe('rowExtremes', () => {
  it('finds the best and worst by direction, ignoring NaN and missing cells', () => {
    expect(rowExtremes([0.5, NaN, 0.9, null, 0.1], 'max')).toEqual({ best: 2, worst: 4 });
    expect(rowExtremes([0.5, 0.9, 0.1], 'min')).toEqual({ best: 2, worst: 1 });
    expect(rowExtremes([0.5, 0.5], 'max')).toBeNull();
  });
});
