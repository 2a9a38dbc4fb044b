/**
 * Keras CSVLogger files: `epoch` first, a point per metric cell (`NA` = not logged), and the
 * restarts at epoch 0 that `append=True` leaves when `fit()` is called again. Expected values are
 * computed here from the fixtures' own text.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { FIXTURES, fixture, makeEngine } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

function table(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(join(FIXTURES, path), 'utf8')
    .split(/\r*\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  return { header, rows };
}

/**
 * The file's points as the spec reads them: a row with epoch 0 after other rows starts a new
 * segment whose steps begin after the largest step so far; step = segment start + epoch; a later
 * row at the same step replaces an earlier one.
 */
function expectedPoints(
  path: string,
): { metric: string; step: number; value: number; epoch: number }[] {
  const { header, rows } = table(path);
  const byKey = new Map<string, { metric: string; step: number; value: number; epoch: number }>();
  let start = 0;
  let maxStep = -1;
  rows.forEach((row, i) => {
    const epoch = Number(row[0]);
    if (i > 0 && epoch === 0) start = maxStep + 1;
    const step = start + epoch;
    maxStep = Math.max(maxStep, step);
    header.forEach((metric, col) => {
      if (col === 0 || row[col] === 'NA' || row[col] === '') return;
      byKey.set(`${metric}@${step}`, { metric, step, value: Number(row[col]), epoch });
    });
  });
  return [...byKey.values()].sort((a, b) => a.step - b.step || (a.metric < b.metric ? -1 : 1));
}

const points = () =>
  engine.rows<{ metric: string; step: number; value: number; epoch: number }>(
    `SELECT mn.name AS metric, m.step, m.value, m.epoch FROM metrics m JOIN metric_names mn USING (metric_id) ORDER BY m.step, mn.name`,
  );

describe('a Keras CSVLogger file with CR CR LF line ends', () => {
  const path = 'real/keras/distracted-driver_model_history_log_CRCRLF.csv';

  it('reads each epoch as its step, with every metric as written', async () => {
    const { header, rows } = table(path);
    const r = await engine.ingest(fixture(path, 'model_history_log.csv'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Keras CSVLogger');
    expect(r.report?.rowsRead).toBe(rows.length);
    expect(r.report?.warnings).toEqual([]);
    expect(r.report?.points).toBe(rows.length * (header.length - 1));
    expect(points()).toEqual(expectedPoints(path));
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'model_history_log', run_key: 'file:model_history_log.csv' },
    ]);
  });
});

describe('a Keras CSVLogger file appended to by three fit() calls', () => {
  const path = 'real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv';

  it('reads each restart at epoch 0 as a new segment of one run, with steps that continue', async () => {
    const { rows } = table(path);
    expect(rows.map((row) => row[0])).toEqual(['0', '0', '0']);
    const r = await engine.ingest(fixture(path, 'model_history_log.csv'));
    expect(r.status).toBe('loaded');
    expect(engine.rows('SELECT count(*) AS n FROM runs')).toEqual([{ n: 1 }]);
    expect(points()).toEqual(expectedPoints(path));
    expect(
      engine
        .rows<{ step: number }>('SELECT DISTINCT step FROM metrics ORDER BY step')
        .map((p) => p.step),
    ).toEqual([0, 1, 2]);
  });

  it('warns that the epochs restart, on which lines, and how they were read', async () => {
    const r = await engine.ingest(fixture(path, 'model_history_log.csv'));
    expect(r.report?.warnings).toEqual([
      'The epoch column restarts at 0 on lines 3, 4 (CSVLogger with append=True, fit() called again): 3 segments, ' +
        "read as one run whose steps continue after the previous segment's last step; each point keeps the epoch as written. " +
        'If the segments are separate trainings, split the file.',
    ]);
    expect(engine.rows('SELECT key, value FROM meta')).toEqual([
      {
        key: 'keras.segments',
        value: '[{"line":2,"first_step":0},{"line":3,"first_step":1},{"line":4,"first_step":2}]',
      },
    ]);
  });
});

describe('a Keras log resumed with initial_epoch, then restarted (synthetic)', () => {
  const path = 'synthetic/keras/resume_and_restart.csv';

  it('skips NA cells, lets a resumed epoch replace the earlier one, and continues after a restart', async () => {
    const r = await engine.ingest(fixture(path, 'logs/training.log'));
    expect(points()).toEqual(expectedPoints(path));
    const warnings = r.report?.warnings ?? [];
    expect(warnings).toContain(
      "The epoch goes back from 3 to 2 on line 6 without restarting at 0 (training resumed with initial_epoch?): a repeated epoch's later row replaces the earlier one.",
    );
    expect(warnings.some((w) => w.startsWith('The epoch column restarts at 0 on line 9 '))).toBe(
      true,
    );
    // Epochs 2 and 3 are written twice (lines 4–5 and 6–7): 3 metrics each, val_loss never NA there.
    expect(warnings).toContain(
      '6 points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.',
    );
  });
});
