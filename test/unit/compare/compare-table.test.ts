import { beforeEach, describe, expect, it } from 'vitest';
import { CompareTable } from '../../../src/lib/compare/view-data';
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
    const table = new CompareTable(engine.compareView({ runIds: ids, base: ids[0] }));
    const field = (name: string) => {
      for (let f = 0; f < table.fields; f++)
        if (`${table.section(f)}/${table.key(f)}` === name) return f;
      throw new Error(`no field ${name}`);
    };
    const values = (name: string) => ids.map((_, r) => table.cell(field(name), r)?.value);
    const differs = (name: string) => ids.map((_, r) => table.differs(field(name), r));
    expect(values('run/name')).toEqual(['a', 'b']);
    expect(differs('run/state')).toEqual([false, true]);
    expect(values('run/tags')).toEqual(['x, y', undefined]);
    // 1e-3 and 0.001 are the same learning rate.
    expect(differs('hyperparameters/lr')).toEqual([false, false]);
    expect(differs('hyperparameters/model.depth')).toEqual([false, true]);
    expect(table.anyDiff(field('hyperparameters/model.depth'))).toBe(true);
    // With b as the base, a differs in state the other way round.
    const other = new CompareTable(engine.compareView({ runIds: ids, base: ids[1] }));
    expect(ids.map((_, r) => other.differs(field('run/state'), r))).toEqual([true, false]);
  });
});

describe('resources in the compare table', () => {
  it('puts summary values that measure cost in a section of their own', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,state,summary.accuracy,summary.train_runtime,summary.peak_gpu_memory\na,finished,0.9,3600,21.5\nb,finished,0.8,1800,\n',
      ),
    );
    const ids = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY run_id')
      .map((r) => r.run_id);
    const table = new CompareTable(engine.compareView({ runIds: ids, base: ids[0] }));
    const fields = Array.from(
      { length: table.fields },
      (_, f) => `${table.section(f)}/${table.key(f)}`,
    );
    expect(fields.filter((f) => !f.startsWith('run/'))).toEqual([
      'summary/accuracy',
      'resources/peak_gpu_memory',
      'resources/train_runtime',
    ]);
    const runtime = fields.indexOf('resources/train_runtime');
    expect(table.cell(runtime, 1)?.value).toBe('1800');
    expect(table.change(runtime, 1)).toEqual({ abs: -1800, pct: -50 });
  });
});

describe('packages in the compare table', () => {
  it('lists only packages that differ, changed versions first, then added, then removed', async () => {
    const { compareLines, packageKind } = await import('../../../src/lib/compare/listing');
    await engine.ingest(text('runs.csv', 'run,state\na,finished\nb,finished\n'));
    const ids = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY run_id')
      .map((r) => r.run_id);
    const meta = [
      [ids[0], 'package:numpy', '1.26.0'],
      [ids[1], 'package:numpy', '2.0.1'],
      [ids[0], 'package:torch', '2.3.0'],
      [ids[1], 'package:torch', '2.3.0'],
      [ids[1], 'package:accelerate', '0.30.0'],
      [ids[0], 'package:apex', '0.1'],
    ];
    for (const [run, key, value] of meta)
      engine.rows(`INSERT INTO meta VALUES (${run}, '${key}', '${value}')`);
    const table = new CompareTable(engine.compareView({ runIds: ids, base: ids[0] }));
    const packages = compareLines(table, false)
      .filter((l) => l.kind === 'field' && table.section(l.field) === 'packages')
      .map((l) => (l.kind === 'field' ? [table.key(l.field), packageKind(table, l.field)] : []));
    expect(packages).toEqual([
      ['numpy', 'changed'],
      ['accelerate', 'added'],
      ['apex', 'removed'],
    ]);
  });
});
