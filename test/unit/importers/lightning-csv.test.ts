/**
 * PyTorch Lightning CSVLogger `metrics.csv`: a run per `version_N` folder, a point per non-empty
 * cell. Expected values are computed here from the fixtures' own text.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { FIXTURES, fixture, makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

/** Header and rows of a CSV fixture, any line end (CRLF, LF). */
function table(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(join(FIXTURES, path), 'utf8')
    .split(/\r*\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  return { header, rows };
}

/** Every non-empty metric cell as `metric@step`, with its value and epoch. */
function cells(
  path: string,
): { metric: string; step: number; value: number; epoch: number | null }[] {
  const { header, rows } = table(path);
  const step = header.indexOf('step');
  const epoch = header.indexOf('epoch');
  return rows.flatMap((row) =>
    header
      .map((metric, i) => ({ metric, i }))
      .filter(({ i }) => i !== step && i !== epoch && row[i] !== '')
      .map(({ metric, i }) => ({
        metric,
        step: Number(row[step]),
        value: Number(row[i]),
        epoch: row[epoch] === '' ? null : Number(row[epoch]),
      })),
  );
}

const points = () =>
  engine.rows<{ metric: string; step: number; value: number; epoch: number | null }>(
    `SELECT mn.name AS metric, m.step, m.value, m.epoch FROM metrics m JOIN metric_names mn USING (metric_id) ORDER BY m.step, mn.name`,
  );

const byStepAndName = (a: { metric: string; step: number }, b: { metric: string; step: number }) =>
  a.step - b.step || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0);

describe('a Lightning CSVLogger metrics.csv', () => {
  const path = 'real/lightning/mlops-homework_version_0_metrics.csv';

  it('is one run named and keyed by its version folder', async () => {
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Lightning CSVLogger metrics.csv');
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'lightning_logs/version_0', run_key: 'dir:lightning_logs/version_0' },
    ]);
  });

  it('makes a point of every non-empty cell, train and validation rows sharing a step', async () => {
    const expected = cells(path);
    // The validation row repeats the step of the epoch's last training row, with other metrics.
    expect(
      expected.some((a) => expected.some((b) => a.step === b.step && a.metric !== b.metric)),
    ).toBe(true);
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    expect(r.report?.points).toBe(expected.length);
    expect(r.report?.warnings).toEqual([]);
    expect(points()).toEqual(expected.sort(byStepAndName));
  });
});

describe('Lightning metrics with spaces and capitals in their names (ai-chem)', () => {
  const path = 'real/lightning/ai-chem_version_0_metrics_spaces_in_names.csv';

  it('keeps the names exactly', async () => {
    const { header } = table(path);
    await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    const names = engine
      .rows<{ name: string }>('SELECT name FROM metric_names ORDER BY name')
      .map((r) => r.name);
    expect(names).toEqual(header.filter((h) => h !== 'epoch' && h !== 'step').sort());
  });

  it('reads the two rows at steps 49 and 99 as different metrics, not repeats, and warns of none', async () => {
    const expected = cells(path);
    const pairs = expected.map((c) => `${c.metric}@${c.step}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const stepsOnTwoRows = table(path)
      .rows.map((row) => row[4])
      .filter((step, i, all) => all.indexOf(step) !== i);
    expect(stepsOnTwoRows).toEqual(['49', '99']);
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    expect(r.status).toBe('loaded');
    expect(r.report?.warnings).toEqual([]);
    expect(r.report?.points).toBe(expected.length);
    expect(points()).toEqual(expected.sort(byStepAndName));
  });
});

describe('a Lightning metrics.csv with LearningRateMonitor rows (synthetic)', () => {
  const path = 'synthetic/lightning/lightning_logs/version_1/metrics.csv';

  it('loads the learning rate without an epoch, where the file has none', async () => {
    const expected = cells(path);
    expect(expected.filter((c) => c.epoch === null).map((c) => c.metric)).toEqual([
      'lr-AdamW',
      'lr-AdamW',
    ]);
    await engine.ingest(fixture(path, 'lightning_logs/version_1/metrics.csv'));
    expect(points()).toEqual(expected.sort(byStepAndName));
  });
});

describe('a Lightning version folder', () => {
  it('merges metrics.csv and hparams.yaml into one run', async () => {
    const metrics = await engine.ingest(
      fixture(
        'real/lightning/mlops-homework_version_0_metrics.csv',
        'lightning_logs/version_0/metrics.csv',
      ),
    );
    const hparams = await engine.ingest(
      fixture(
        'real/lightning/mlops-homework_version_0_hparams.yaml',
        'lightning_logs/version_0/hparams.yaml',
      ),
    );
    expect([metrics.status, hparams.status]).toEqual(['loaded', 'loaded']);
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'lightning_logs/version_0', run_key: 'dir:lightning_logs/version_0' },
    ]);
    const keys = readFileSync(
      join(FIXTURES, 'real/lightning/mlops-homework_version_0_hparams.yaml'),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => l.slice(0, l.indexOf(':')));
    expect(
      engine.rows<{ key: string }>('SELECT key FROM params ORDER BY key').map((p) => p.key),
    ).toEqual(keys.sort());
    expect(engine.rows<{ n: number }>('SELECT count(DISTINCT run_id) AS n FROM metrics')).toEqual([
      { n: 1 },
    ]);
  });

  it('keeps two version folders as two runs', async () => {
    const path = 'real/lightning/mlops-homework_version_0_metrics.csv';
    await engine.ingest(fixture(path, 'lightning_logs/version_0/metrics.csv'));
    await engine.ingest(
      fixture(
        'real/lightning/ai-chem_version_0_metrics_spaces_in_names.csv',
        'other/lightning_logs/version_0/metrics.csv',
      ),
    );
    expect(
      engine.rows<{ name: string }>('SELECT name FROM runs ORDER BY name').map((r) => r.name),
    ).toEqual(['lightning_logs/version_0', 'other/lightning_logs/version_0']);
  });
});

describe('what is not a Lightning metrics.csv', () => {
  it('leaves a metrics.csv with a run column to the generic reader', async () => {
    const r = await engine.ingest(
      text('sweep/metrics.csv', 'run,epoch,step,loss\na,0,1,0.5\nb,0,1,0.6\n'),
    );
    expect(r.report?.format).toBe('CSV, wide');
    expect(
      engine.rows<{ name: string }>('SELECT name FROM runs ORDER BY name').map((r) => r.name),
    ).toEqual(['a', 'b']);
  });

  it('leaves a file with another name to the generic reader', async () => {
    const r = await engine.ingest(
      text('lightning_logs/version_0/history.csv', 'epoch,step,loss\n0,1,0.5\n'),
    );
    expect(r.report?.format).not.toBe('Lightning CSVLogger metrics.csv');
  });
});
