/**
 * Hyperparameters reach the page as columns and are decoded cell by cell (run-params.ts): what a
 * run has, what it lacks and which keys are numbers must read exactly as the stored table says.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { paramEntries } from '../../../src/lib/engine/run-params';
import { decodeRunsTable } from '../../../src/lib/engine/runs-decode';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

describe('hyperparameters on the page', () => {
  it('reads every cell as stored, and a key a run lacks as absent', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,params.lr,params.model,params.warmup,params.flag\n' +
          'a,0.001,vit,100,true\n' +
          'b,3e-4,vit,,false\n' +
          'c,0.1,,linear,true\n',
      ),
    );
    const stored = engine.rows<{ name: string; key: string; value: string | null }>(
      'SELECT r.name, p.key, p.value FROM params p JOIN runs r USING (run_id) ORDER BY r.name, p.key',
    );
    const table = decodeRunsTable(engine.runsTable());
    const byName = new Map(table.runs.map((r) => [r.name, r.params]));
    expect(table.paramKeys).toEqual(['flag', 'lr', 'model', 'warmup']);
    // Numbers when every value that is not empty is one (booleans are not).
    expect(table.numericKeys).toEqual(['lr']);
    expect(byName.get('a')?.get('warmup')).toBe('100');
    expect(byName.get('b')?.get('warmup')).toBeUndefined();
    expect(byName.get('c')?.get('model')).toBeUndefined();
    expect(byName.get('c')?.get('no such key')).toBeUndefined();
    expect(byName.get('b')?.keys()).toEqual(['flag', 'lr', 'model']);
    // The same cells as the stored table, for every run and key.
    const decoded = table.runs
      .flatMap((r) => paramEntries(r.params).map(([key, value]) => ({ name: r.name, key, value })))
      .sort((x, y) => (x.name + x.key < y.name + y.key ? -1 : 1));
    expect(decoded).toEqual(stored);
  });
});
