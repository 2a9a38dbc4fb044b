/**
 * The point log lets step-axis series skip a pull from DuckDB, but only while DuckDB still holds
 * exactly what was logged: after a repeated step, a failed file or a removed one, the affected
 * series come from DuckDB again, and the answers never differ.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const runId = (name: string) =>
  engine.rows<{ run_id: number }>(`SELECT run_id FROM runs WHERE name = '${name}'`)[0].run_id;

function aligned(student: string, baseline: string) {
  const result = engine.align({
    student: runId(student),
    baselines: [runId(baseline)],
    axis: { kind: 'step' },
    policy: 'exact',
  });
  return result.metrics.find((m) => m.metric === 'acc')?.baselines[0];
}

describe('the point log behind the series store', () => {
  it('serves step-axis series without pulling them from DuckDB', async () => {
    await engine.ingest(
      text('a.csv', 'run,step,metric,value\ns,1,acc,0.5\nb,1,acc,0.4\nb,2,acc,0.6\n'),
    );
    expect(aligned('s', 'b')).toMatchObject({ method: 'exact', value: 0.4 });
    expect(engine.store.built).toEqual({ fromLog: 2, pulled: 0 });
  });

  it('pulls a series again from DuckDB once a later file replaced one of its steps', async () => {
    await engine.ingest(text('a.csv', 'run,step,metric,value\ns,1,acc,0.5\nb,1,acc,0.4\n'));
    await engine.ingest(text('resumed.csv', 'run,step,metric,value\nb,1,acc,0.45\n'));
    expect(aligned('s', 'b')).toMatchObject({ method: 'exact', value: 0.45 });
    expect(engine.store.built).toEqual({ fromLog: 1, pulled: 1 });
  });

  it('forgets the points of a removed file', async () => {
    await engine.ingest(text('a.csv', 'run,step,metric,value\ns,1,acc,0.5\nb,1,acc,0.4\n'));
    const later = await engine.ingest(
      text('b.csv', 'run,step,metric,value\nb,2,acc,0.9\ns,2,acc,0.7\n'),
    );
    expect(aligned('s', 'b')).toMatchObject({ method: 'exact', value: 0.9 });
    engine.remove(later.sourceId);
    expect(aligned('s', 'b')).toMatchObject({ method: 'exact', value: 0.4 });
    expect(engine.store.built.pulled).toBe(0);
  });

  it('agrees with DuckDB after a file that failed half-way', async () => {
    await engine.ingest(text('a.csv', 'run,step,metric,value\ns,1,acc,0.5\nb,1,acc,0.4\n'));
    const broken = await engine.ingest(
      text('broken.jsonl', '{"run":"b","step":2,"acc":0.9}\n{"run":"b",\n'),
    );
    expect(broken.status).not.toBe('loaded');
    const stored = engine.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM metrics')[0].n;
    const cell = aligned('s', 'b');
    expect(cell?.final?.step).toBe(stored === 3 ? 2 : 1);
  });
});

describe('a packed point log', () => {
  it('reads back the same series, and grows again when appended to', async () => {
    const { PointLog } = await import('../../../src/lib/engine/point-log');
    const { tableToIPC, tableFromArrays } = await import('apache-arrow');
    const batch = (run: number[], metric: number[], step: number[], value: number[]) =>
      tableToIPC(
        tableFromArrays({
          run_id: Int32Array.from(run),
          metric_id: Int32Array.from(metric),
          step: Float64Array.from(step),
          value: Float64Array.from(value),
          source_id: Int32Array.from(run.map(() => 7)),
        }),
        'stream',
      );
    const log = new PointLog();
    log.record(batch([1, 1, 2, 1], [5, 5, 5, 6], [0, 1, 0, 0], [0.5, 0.25, NaN, -1]));
    const packed = log.pack();
    expect(packed.index).toEqual([
      [5, 1, 2],
      [5, 2, 1],
      [6, 1, 1],
    ]);
    const back = new PointLog();
    back.unpack(packed.index, packed.bytes);
    expect(back.series(5, [1, 2])).toEqual(log.series(5, [1, 2]));
    expect(back.series(6, [1])).toEqual(log.series(6, [1]));
    const before = back.series(5, [1]).get(1);
    back.record(batch([1], [5], [2], [0.125]));
    expect([...(back.series(5, [1]).get(1)?.value ?? [])]).toEqual([0.5, 0.25, 0.125]);
    // A view handed out before the append still shows what it showed.
    expect([...(before?.value ?? [])]).toEqual([0.5, 0.25]);
    expect(() => back.unpack(packed.index, packed.bytes.subarray(4))).toThrow(/has 76 bytes/);
  });
});
