/**
 * Sacred FileStorageObserver run folders: config.json → params, run.json → state, project and
 * lineage, metrics.json → points with wall times, info.json → summary, cout.txt noted. Expected
 * values are computed here from the fixtures' own text.
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

function json(path: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(FIXTURES, path), 'utf8').replace(/\bNaN\b/g, '"NaN"'),
  ) as Record<string, unknown>;
}

/** An ISO time without a zone, read as UTC, in unix seconds (microseconds kept). */
function utcSeconds(iso: string): number {
  const [whole, fraction = '0'] = iso.split('.');
  return Date.parse(`${whole}Z`) / 1000 + Number(`0.${fraction}`);
}

const kv = (table: 'params' | 'summary' | 'meta') =>
  new Map(
    engine
      .rows<{ key: string; value: string | null }>(`SELECT key, value FROM ${table}`)
      .map((r) => [r.key, r.value]),
  );

interface Series {
  steps: number[];
  timestamps: string[];
  values: (number | string | null)[];
}

describe('a Sacred run folder (ml-pws, run 1)', () => {
  const dir = 'real/generic_sweep/sacred_ml-pws_runs/1';
  const dropped = 'runs/1';
  const ingestAll = async () => {
    for (const file of ['config.json', 'metrics.json', 'run.json']) {
      const r = await engine.ingest(fixture(`${dir}/${file}`, `${dropped}/${file}`));
      expect([file, r.status]).toEqual([file, 'loaded']);
    }
  };

  it('merges its files into one run named by the folder', async () => {
    await ingestAll();
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'runs/1', run_key: 'dir:runs/1' },
    ]);
  });

  it('reads config.json as hyperparameters, nested keys dotted and the seed kept', async () => {
    const config = json(`${dir}/config.json`) as Record<string, unknown> & {
      dataset: Record<string, string>;
    };
    await engine.ingest(fixture(`${dir}/config.json`, `${dropped}/config.json`));
    const params = kv('params');
    expect(params.get('seed')).toBe(String(config.seed));
    expect(params.get('lr')).toBe(String(config.lr));
    expect(params.get('dataset.filename')).toBe(config.dataset.filename);
    expect(params.size).toBe(Object.keys(config).length - 1 + Object.keys(config.dataset).length);
  });

  it("reads run.json's status, experiment and start time into the run, its lineage into meta", async () => {
    const run = json(`${dir}/run.json`) as {
      start_time: string;
      experiment: {
        name: string;
        dependencies: string[];
        repositories: { commit: string; dirty: boolean }[];
      };
      host: { hostname: string; python_version: string };
    };
    const r = await engine.ingest(fixture(`${dir}/run.json`, `${dropped}/run.json`));
    expect(r.report?.warnings).toContain(
      'Sacred wrote times without a time zone (its clock is datetime.utcnow()): they were read as UTC.',
    );
    // "status": "COMPLETED", "start_time": "2024-02-08T23:02:14.620335" (no zone).
    expect(engine.rows('SELECT state, project, created_at FROM runs')).toEqual([
      { state: 'finished', project: run.experiment.name, created_at: utcSeconds(run.start_time) },
    ]);
    const meta = kv('meta');
    expect(meta.get('git.commit')).toBe(run.experiment.repositories[0].commit);
    expect(meta.get('git.dirty')).toBe(String(run.experiment.repositories[0].dirty));
    expect(JSON.parse(meta.get('packages') ?? '')).toEqual(run.experiment.dependencies);
    expect(meta.get('python')).toBe(run.host.python_version);
    expect(meta.get('host')).toBe(run.host.hostname);
    expect(meta.get('start_time')).toBe(run.start_time);
    expect(meta.get('command')).toBe('my_main');
  });

  it('makes a point of every logged value, at its step, with its timestamp as UTC wall time', async () => {
    const metrics = json(`${dir}/metrics.json`) as Record<string, Series>;
    const expected = Object.entries(metrics).flatMap(([metric, s]) =>
      s.steps.map((step, i) => ({
        metric,
        step,
        value: Number(s.values[i]),
        wall: utcSeconds(s.timestamps[i]),
      })),
    );
    const r = await engine.ingest(fixture(`${dir}/metrics.json`, `${dropped}/metrics.json`));
    expect(r.report?.points).toBe(expected.length);
    const got = engine.rows<{ metric: string; step: number; value: number; wall: number }>(
      'SELECT mn.name AS metric, m.step, m.value, m.wall FROM metrics m JOIN metric_names mn USING (metric_id) ORDER BY mn.name, m.step',
    );
    expect(got.map((g) => ({ ...g, wall: Math.round(g.wall * 1e6) }))).toEqual(
      expected.map((e) => ({ ...e, wall: Math.round(e.wall * 1e6) })),
    );
  });
});

describe('a failed Sacred run with info.json and cout.txt (synthetic)', () => {
  const dir = 'synthetic/sacred/runs/2';
  const ingest = (file: string) => engine.ingest(fixture(`${dir}/${file}`, `runs/2/${file}`));

  it('is failed, with its trace in meta', async () => {
    const run = json(`${dir}/run.json`) as { fail_trace: string[] };
    await ingest('run.json');
    expect(engine.rows('SELECT state FROM runs')).toEqual([{ state: 'failed' }]);
    expect(kv('meta').get('fail_trace')).toBe(run.fail_trace.join(''));
  });

  it('reads flat info values as summary and nested ones as meta', async () => {
    const info = json(`${dir}/info.json`);
    await ingest('info.json');
    expect([...kv('summary')].sort()).toEqual([
      ['best_epoch', String(info.best_epoch)],
      ['note', String(info.note)],
    ]);
    expect(kv('meta').get('info.confusion')).toBe(JSON.stringify(info.confusion));
  });

  it('keeps a NaN value, skips a null one and says so', async () => {
    const loss = (json(`${dir}/metrics.json`) as Record<string, Series>)['training.loss'];
    const r = await ingest('metrics.json');
    expect(loss.values).toContain('NaN');
    expect(loss.values).toContain(null);
    expect(r.report?.warnings).toContain(
      '"training.loss" has 1 null value (nothing logged): no point for it.',
    );
    const got = engine.rows<{ step: number; value: number }>(
      "SELECT step, value FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'training.loss' ORDER BY step",
    );
    expect(got).toEqual(
      loss.steps.flatMap((step, i) =>
        loss.values[i] === null ? [] : [{ step, value: Number(loss.values[i]) }],
      ),
    );
  });

  it('notes that the captured output is not loaded, and still joins the run', async () => {
    await ingest('config.json');
    const r = await ingest('cout.txt');
    expect(r.status).toBe('loaded');
    expect(r.report?.warnings).toEqual([
      'The captured console output (cout.txt) is not loaded: it holds no metrics Lockstep can read.',
    ]);
    expect(engine.rows('SELECT count(*) AS n FROM runs')).toEqual([{ n: 1 }]);
  });

  it('gives two runs with different ids two runs', async () => {
    await engine.ingest(
      fixture('real/generic_sweep/sacred_ml-pws_runs/1/config.json', 'runs/1/config.json'),
    );
    await ingest('config.json');
    expect(
      engine.rows<{ name: string }>('SELECT name FROM runs ORDER BY name').map((r) => r.name),
    ).toEqual(['runs/1', 'runs/2']);
  });
});
