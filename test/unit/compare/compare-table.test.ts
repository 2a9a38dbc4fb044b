import { beforeEach, describe, expect, it } from 'vitest';
import { decodeCompareCells } from '../../../src/lib/compare/decode';
import { diffAgainst, pivot } from '../../../src/lib/compare/diff';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

describe('the compare table from the engine', () => {
  it('has the run, its hyperparameters and summary, each key once with a cell per run', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,state,params.lr,params.model.depth,tags\na,finished,1e-3,12,"x, y"\nb,running,0.001,,\n',
      ),
    );
    const ids = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY run_id')
      .map((r) => r.run_id);
    const rows = diffAgainst(pivot(decodeCompareCells(engine.compareTable(ids)), ids), 0);
    const byKey = Object.fromEntries(rows.map((r) => [`${r.section}/${r.key}`, r]));
    expect(byKey['run/name'].cells.map((c) => c?.value)).toEqual(['a', 'b']);
    expect(byKey['run/state'].differs).toEqual([false, true]);
    expect(byKey['run/tags'].cells.map((c) => c?.value)).toEqual(['x, y', undefined]);
    // 1e-3 and 0.001 are the same learning rate.
    expect(byKey['hyperparameters/lr'].differs).toEqual([false, false]);
    expect(byKey['hyperparameters/model.depth'].differs).toEqual([false, true]);
  });
});
