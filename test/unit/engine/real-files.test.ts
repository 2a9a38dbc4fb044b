/**
 * Real files written by trackers (test/fixtures/real, provenance in PROVENANCE.tsv), read through
 * the generic importers. Expected values are computed here from the files' own text.
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

function lines(path: string): string[][] {
  return readFileSync(join(FIXTURES, path), 'utf8')
    .split(/\r*\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describe('a long table exported from TensorBoard.dev (get_scalars)', () => {
  const path = 'real/generic_sweep/chrome-dino_tensorboard-dev_get_scalars_long_format.csv';

  it('has every run and tag of the file, with their last steps and point counts', async () => {
    const [header, ...rows] = lines(path);
    expect(header).toEqual(['run', 'tag', 'step', 'value']);
    const expected = new Map<string, { n: number; last: number }>();
    for (const [run, tag, step] of rows) {
      const key = `${run}|${tag}`;
      const e = expected.get(key) ?? { n: 0, last: -Infinity };
      expected.set(key, { n: e.n + 1, last: Math.max(e.last, Number(step)) });
    }
    const r = await engine.ingest(fixture(path));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('CSV, long');
    expect(r.report?.points).toBe(rows.length);
    const got = engine.rows<{ run: string; tag: string; n: number; last_step: number }>(
      `SELECT r.name AS run, mn.name AS tag, s.n, s.last_step FROM series s JOIN runs r USING (run_id) JOIN metric_names mn USING (metric_id)`,
    );
    expect(new Map(got.map((g) => [`${g.run}|${g.tag}`, { n: g.n, last: g.last_step }]))).toEqual(
      expected,
    );
    expect(r.report?.runs).toBe(new Set(rows.map((row) => row[0])).size);
  });
});

describe('a Lightning CSVLogger metrics.csv (sparse wide rows)', () => {
  const path = 'real/lightning/mlops-homework_version_0_metrics.csv';

  it('names the run after its version folder, and reads an empty cell as "not logged"', async () => {
    const [header, ...rows] = lines(path);
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    expect(r.status).toBe('loaded');
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'lightning_logs/version_0', run_key: 'dir:lightning_logs/version_0' },
    ]);
    const col = (name: string) => header.indexOf(name);
    const expectedVal = rows
      .filter((row) => row[col('val_loss')] !== '')
      .map((row) => [Number(row[col('step')]), Number(row[col('val_loss')])]);
    const got = engine.rows<{ step: number; value: number; epoch: number }>(
      `SELECT step, value, epoch FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'val_loss' ORDER BY step`,
    );
    expect(got.map((g) => [g.step, g.value])).toEqual(expectedVal);
    expect(r.report?.points).toBe(
      rows.flatMap((row) => [row[col('train_loss')], row[col('val_loss')]]).filter((v) => v !== '')
        .length,
    );
  });
});

describe('Lightning metrics with spaces and capitals in column names', () => {
  it('keeps the names exactly', async () => {
    const path = 'real/lightning/ai-chem_version_0_metrics_spaces_in_names.csv';
    const [header] = lines(path);
    await engine.ingest(fixture(path, 'version_0/metrics.csv'));
    const names = engine
      .rows<{ name: string }>('SELECT name FROM metric_names ORDER BY name')
      .map((r) => r.name);
    expect(names).toEqual(header.filter((h) => h !== 'epoch' && h !== 'step').sort());
  });
});

describe('a Keras CSVLogger file with CR CR LF line ends', () => {
  it('reads every epoch as a step, with no blank rows in between', async () => {
    const path = 'real/keras/distracted-driver_model_history_log_CRCRLF.csv';
    const [header, ...rows] = lines(path);
    const r = await engine.ingest(fixture(path));
    expect(r.status).toBe('loaded');
    expect(r.report?.rowsRead).toBe(rows.length);
    expect(r.report?.points).toBe(rows.length * (header.length - 1));
    expect(engine.rows('SELECT max(last_step) AS last FROM series')).toEqual([
      { last: Number(rows.at(-1)?.[0]) },
    ]);
  });
});

describe('a TensorBoard scalar download with a step written twice', () => {
  it('keeps the later value and says how many repeated', async () => {
    const path = 'real/tensorboard/cv-project_tb_scalar_download_accuracy_base.csv';
    const [, ...rows] = lines(path);
    const lastByStep = new Map(rows.map(([, step, value]) => [Number(step), Number(value)]));
    const repeated = rows.length - lastByStep.size;
    expect(repeated).toBeGreaterThan(0);
    const r = await engine.ingest(fixture(path));
    expect(r.report?.warnings).toContain(
      `${repeated} points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.`,
    );
    const got = engine.rows<{ step: number; value: number }>(
      'SELECT step, value FROM metrics ORDER BY step',
    );
    expect(got.map((g) => [g.step, g.value])).toEqual([...lastByStep].sort((a, b) => a[0] - b[0]));
    expect(engine.rows<{ n: number }>('SELECT n FROM series')[0].n).toBe(lastByStep.size);
  });
});
