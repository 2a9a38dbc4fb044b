/**
 * TensorBoard's scalar downloads (CSV and JSON). Expected values are read here from the files'
 * own text; the JSON fixtures are synthetic (see test/fixtures/synthetic/README.md).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { pickImporter } from '../../../src/lib/importers/registry';
import { downloadSeries } from '../../../src/lib/importers/tensorboard-download';
import { FIXTURES, fixture, makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const LOSS = 'real/tensorboard/cv-project_tb_scalar_download_loss_base.csv';
const ACCURACY = 'real/tensorboard/cv-project_tb_scalar_download_accuracy_base.csv';
const JSON_NAN = 'synthetic/tensorboard/run-validation-tag-epoch_loss.json';
const JSON_FINITE = 'synthetic/tensorboard/run-train-tag-epoch_mae.json';

/** The file's data rows as [wall, step, value] numbers, read from its text. */
function csvRows(path: string): number[][] {
  const [header, ...rows] = readFileSync(join(FIXTURES, path), 'utf8')
    .split('\r\n')
    .filter((l) => l !== '');
  expect(header).toBe('Wall time,Step,Value');
  return rows.map((r) => r.split(',').map(Number));
}

function points(): { run: string; tag: string; step: number; value: number; wall: number }[] {
  return engine.rows(
    `SELECT r.name AS run, mn.name AS tag, m.step, m.value, m.wall FROM metrics m JOIN runs r USING (run_id)
     JOIN metric_names mn USING (metric_id) ORDER BY r.name, mn.name, m.step`,
  );
}

describe('TensorBoard "Download CSV"', () => {
  it('reads every row as a point with its wall time, in a run named after the folder and a tag after the file', async () => {
    const rows = csvRows(LOSS);
    const r = await engine.ingest(fixture(LOSS, 'report/csv/loss_base.csv'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('TensorBoard scalar download (CSV)');
    expect(r.report?.points).toBe(rows.length);
    expect(points()).toEqual(
      rows.map(([wall, step, value]) => ({
        run: 'report/csv',
        tag: 'loss_base',
        step,
        value,
        wall,
      })),
    );
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'dir:report/csv' }]);
  });

  it('keeps the later value of a step written twice, and the report says how many repeated', async () => {
    const rows = csvRows(ACCURACY);
    const last = new Map(rows.map(([, step, value]) => [step, value]));
    expect(rows.length - last.size).toBe(70);
    const r = await engine.ingest(fixture(ACCURACY, 'accuracy_base.csv'));
    expect(r.report?.warnings).toContain(
      `${rows.length - last.size} points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.`,
    );
    expect(points().map((p) => [p.step, p.value])).toEqual([...last].sort((a, b) => a[0] - b[0]));
  });

  it('takes run and tag from the name TensorBoard gives downloads, slashes already turned into _', async () => {
    await engine.ingest(fixture(LOSS, 'run-fit_train-tag-epoch_loss.csv'));
    await engine.ingest(fixture(ACCURACY, 'downloads/run-fit_train-tag-epoch_accuracy (1).csv'));
    expect(engine.rows('SELECT run_key, name FROM runs')).toEqual([
      { run_key: 'run:fit_train', name: 'fit_train' },
    ]);
    expect(
      engine
        .rows<{ name: string }>('SELECT name FROM metric_names ORDER BY name')
        .map((m) => m.name),
    ).toEqual(['epoch_accuracy', 'epoch_loss']);
  });

  it("merges plain-named downloads of one folder into the folder's run", async () => {
    await engine.ingest(fixture(LOSS, 'report/csv/loss_base.csv'));
    await engine.ingest(fixture(ACCURACY, 'report/csv/accuracy_base.csv'));
    expect(engine.rows('SELECT name FROM runs')).toEqual([{ name: 'report/csv' }]);
  });

  it('rejects a row that is not three numbers with its line, and keeps the others', async () => {
    const csv =
      'Wall time,Step,Value\r\n1515758441.25,1,0.72\r\n1515758555.85,oops,0.58\r\n1515758672.07,201\r\n1515758788.21,301,NaN\r\n1515758800.5,401,\r\n';
    const r = await engine.ingest(text('run-a-tag-loss.csv', csv));
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([
      { reason: 'the step is not a number', lines: [3], count: 1 },
      { reason: 'expected 3 fields (Wall time,Step,Value), found 2', lines: [4], count: 1 },
      { reason: 'no value', lines: [6], count: 1 },
    ]);
    expect(points().map((p) => [p.step, p.value])).toEqual([
      [1, 0.72],
      [301, NaN],
    ]);
  });

  it('says a download with a header only has no data rows', async () => {
    const r = await engine.ingest(text('run-a-tag-loss.csv', 'Wall time,Step,Value\r\n'));
    expect(r.status).toBe('empty');
    expect(r.message).toMatch(/header only/);
  });
});

describe('TensorBoard "Download JSON"', () => {
  const rowsOf = (path: string) =>
    JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as [number, number, number | string][];

  it('reads [wall, step, value] rows, with run and tag from the file name', async () => {
    const rows = rowsOf(JSON_FINITE);
    const r = await engine.ingest(fixture(JSON_FINITE, 'run-train-tag-epoch_mae.json'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('TensorBoard scalar download (JSON)');
    expect(r.report?.rowUnit).toBe('record');
    expect(points()).toEqual(
      rows.map(([wall, step, value]) => ({ run: 'train', tag: 'epoch_mae', step, value, wall })),
    );
  });

  it('reads the strings "NaN", "Infinity" and "-Infinity" as those numbers', async () => {
    const rows = rowsOf(JSON_NAN);
    expect(rows.every((r) => r[2] === 'NaN')).toBe(true);
    await engine.ingest(fixture(JSON_NAN, 'run-validation-tag-epoch_loss.json'));
    const got = points();
    expect(got).toHaveLength(rows.length);
    expect(got.every((p) => Number.isNaN(p.value))).toBe(true);
    expect(got[0].step).toBe(0);
    const r = await engine.ingest(
      text('run-x-tag-y.json', '[[1.5, 1, "Infinity"], [2.5, 2, "-Infinity"], [3.5, 3, NaN]]'),
    );
    expect(r.status).toBe('loaded');
    expect(
      points()
        .filter((p) => p.run === 'x')
        .map((p) => p.value),
    ).toEqual([Infinity, -Infinity, NaN]);
  });

  it('rejects a record that is not a [wall, step, value] row, by its number', async () => {
    const r = await engine.ingest(
      text('run-x-tag-y.json', '[[1.5, 1, 0.5], [2.5, 2], {"step": 3}, [4.5, 4.5, 1]]'),
    );
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([
      { reason: 'not a [wall time, step, value] row', lines: [2, 3], count: 2 },
      { reason: 'the step is not a whole number', lines: [4], count: 1 },
    ]);
  });

  it('says where invalid JSON breaks', async () => {
    const r = await engine.ingest(text('run-x-tag-y.json', '[[1.5, 1, 0.5],\n [2.5, 2, 0.4'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^The JSON is not valid on line 2/);
  });
});

describe('recognizing a download', () => {
  const probeOf = (name: string, content: string) => {
    const raw = new TextEncoder().encode(content);
    return { name, size: raw.length, raw, head: raw, headText: content, binary: null };
  };

  it('is preferred to the generic CSV and JSON importers', () => {
    expect(pickImporter(probeOf('loss.csv', 'Wall time,Step,Value\r\n1.5,1,0.5\r\n'))?.id).toBe(
      'tensorboard-download',
    );
    expect(
      pickImporter(
        probeOf('loss.json', '[[1515758441.2592568, 1, 0.72], [1515758555.85, 101, "NaN"]]'),
      )?.id,
    ).toBe('tensorboard-download');
    expect(pickImporter(probeOf('run-a-tag-b.json', '[]'))?.id).toBe('tensorboard-download');
  });

  it('leaves other tables alone', () => {
    expect(pickImporter(probeOf('metrics.csv', 'step,loss\n1,0.5\n'))?.id).not.toBe(
      'tensorboard-download',
    );
    expect(pickImporter(probeOf('rows.json', '[{"step": 1, "loss": 0.5}]'))?.id).not.toBe(
      'tensorboard-download',
    );
    expect(pickImporter(probeOf('matrix.json', '[[1, 2], [3, 4]]'))?.id).not.toBe(
      'tensorboard-download',
    );
    expect(pickImporter(probeOf('empty.json', '[]'))?.id).not.toBe('tensorboard-download');
  });

  it('names run and tag from the file name, or the folder and the file', () => {
    expect(downloadSeries('run-fit_train-tag-epoch_loss.csv')).toEqual({
      key: 'run:fit_train',
      run: 'fit_train',
      tag: 'epoch_loss',
    });
    expect(downloadSeries('x/run-a-tag-b (2).json')).toEqual({ key: 'run:a', run: 'a', tag: 'b' });
    expect(downloadSeries('report/csv/loss_base.csv')).toEqual({
      key: 'dir:report/csv',
      run: 'report/csv',
      tag: 'loss_base',
    });
    expect(downloadSeries('loss_base.csv')).toEqual({
      key: 'file:loss_base.csv',
      run: 'loss_base',
      tag: 'loss_base',
    });
  });
});
