import { paramsOf } from '../../../src/lib/engine/run-params';
import { beforeEach, describe, expect, it } from 'vitest';
import { hasSummaryValues, summaryBars } from '../../../src/lib/compare/summary-bars';
import { CompareTable } from '../../../src/lib/compare/view-data';
import type { Engine } from '../../../src/lib/engine/engine';
import { seedGroups } from '../../../src/lib/stats/seed-groups';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

describe('summary bars', () => {
  it('has a bar per run, or per seed group its mean with a t-interval and n', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,state,params.lr,params.seed,summary.accuracy\n' +
          'a-s0,finished,1e-3,0,0.781\na-s1,finished,1e-3,1,0.779\na-s2,finished,1e-3,2,0.786\nb-s0,finished,3e-4,0,0.803\n',
      ),
    );
    const runs = engine
      .rows<{ run_id: number; name: string }>('SELECT run_id, name FROM runs ORDER BY run_id')
      .map((r) => ({ runId: r.run_id, name: r.name }));
    const ids = runs.map((r) => r.runId);
    const table = new CompareTable(engine.compareView({ runIds: ids, base: ids[0] }));
    const [acc] = summaryBars(table, runs, null);
    expect(acc.bars.map((b) => [b.label, b.value])).toEqual([
      ['a-s0', 0.781],
      ['a-s1', 0.779],
      ['a-s2', 0.786],
      ['b-s0', 0.803],
    ]);
    const params = (lr: string, seed: string) => paramsOf({ lr, seed });
    const groups = seedGroups(
      runs.map((r, i) => ({
        runId: r.runId,
        params: params(i < 3 ? '1e-3' : '3e-4', String(i % 3)),
      })),
    );
    const [grouped] = summaryBars(table, runs, groups);
    const a = grouped.bars.find((b) => b.label === 'lr=1e-3');
    // R: t.test(c(0.781, 0.779, 0.786))$conf.int = 0.7730433141 0.7909566859
    expect(a?.n).toBe(3);
    expect(a?.lo).toBeCloseTo(0.7730433141, 9);
    expect(a?.hi).toBeCloseTo(0.7909566859, 9);
    const b = grouped.bars.find((x) => x.label === 'lr=3e-4');
    expect(b).toMatchObject({ n: 1, lo: null, hi: null, value: 0.803 });
  });

  it('says whether any run has a summary number, without building the bars', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,state,params.lr,summary.note,summary.loss\n' +
          'a,finished,1e-3,fine,\nb,finished,3e-4,odd,0.42\nc,finished,1e-4,odd,\n',
      ),
    );
    const ids = engine
      .rows<{ run_id: number }>('SELECT run_id FROM runs ORDER BY run_id')
      .map((r) => r.run_id);
    const all = new CompareTable(engine.compareView({ runIds: ids, base: ids[0] }));
    expect(hasSummaryValues(all)).toBe(true);
    // Without run b, the only summary values are text.
    const textOnly = new CompareTable(
      engine.compareView({ runIds: [ids[0], ids[2]], base: ids[0] }),
    );
    expect(hasSummaryValues(textOnly)).toBe(false);
    expect(summaryBars(textOnly, [], null)).toEqual([]);
  });
});
