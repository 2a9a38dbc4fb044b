import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const parquet = (
  name: string,
  columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData'],
  rowGroupSize?: number,
) => text(name, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize })));

describe('Parquet', () => {
  it('reads a long table across row groups, with int64 steps and NaN kept', async () => {
    const n = 2500;
    const runs = Array.from({ length: n }, (_, i) => (i < 1200 ? 'a' : 'b'));
    const steps = Array.from({ length: n }, (_, i) => BigInt(i < 1200 ? i : i - 1200));
    const values = Array.from({ length: n }, (_, i) => (i === 7 ? NaN : 1 / (i + 1)));
    const file = parquet(
      'history.parquet',
      [
        { name: 'run', data: runs, type: 'STRING' },
        { name: 'metric', data: runs.map(() => 'loss'), type: 'STRING' },
        { name: 'step', data: steps, type: 'INT64' },
        { name: 'value', data: values, type: 'DOUBLE' },
      ],
      1000,
    );
    const r = await engine.ingest(file);
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Parquet, long');
    expect(r.report?.points).toBe(n);
    expect(
      engine.rows(
        'SELECT r.name, s.n, s.last_step, s.nonfinite FROM series s JOIN runs r USING (run_id) ORDER BY r.name',
      ),
    ).toEqual([
      { name: 'a', n: 1200, last_step: 1199, nonfinite: 1 },
      { name: 'b', n: 1300, last_step: 1299, nonfinite: 0 },
    ]);
  });

  it('reads a wide table where null means "not logged"', async () => {
    const file = parquet('run7.parquet', [
      { name: 'step', data: [0, 1, 2], type: 'INT32' },
      { name: 'train_loss', data: [2.5, 2.25, null], type: 'DOUBLE' },
      { name: 'val_loss', data: [null, null, 2.75], type: 'DOUBLE' },
    ]);
    const r = await engine.ingest(file);
    expect(r.status).toBe('loaded');
    expect(
      engine.rows(
        'SELECT mn.name, step, value FROM metrics JOIN metric_names mn USING (metric_id) ORDER BY mn.name, step',
      ),
    ).toEqual([
      { name: 'train_loss', step: 0, value: 2.5 },
      { name: 'train_loss', step: 1, value: 2.25 },
      { name: 'val_loss', step: 2, value: 2.75 },
    ]);
  });

  it('keeps 64-bit ids in a table of runs as exact text', async () => {
    await engine.ingest(
      parquet('runs.parquet', [
        { name: 'run', data: ['x'], type: 'STRING' },
        { name: 'params.job', data: [9223372036854775807n], type: 'INT64' },
      ]),
    );
    expect(engine.rows('SELECT key, value FROM params')).toEqual([
      { key: 'job', value: '9223372036854775807' },
    ]);
  });

  it('says a cut-off Parquet file has no footer', async () => {
    const whole = new Uint8Array(
      parquetWriteBuffer({ columnData: [{ name: 'step', data: [1, 2], type: 'INT32' }] }),
    );
    const r = await engine.ingest(text('cut.parquet', whole.subarray(0, whole.length - 10)));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/cut short/);
  });
});
