/**
 * An MLflow FileStore (`mlruns/`) dropped as a folder: every file ingested on its own, merged by the
 * run id. Real store: test/fixtures/real/mlflow/swahili-stt_mlruns (PROVENANCE.tsv); edge cases:
 * test/fixtures/synthetic/mlflow/edge_mlruns (README.md). Expected values come from the files' text.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import {
  BAD_FIELDS,
  BAD_STEP,
  BAD_VALUE,
  MetricHistoryParser,
} from '../../../src/lib/importers/mlflow/metric-history';
import { parseStorePath } from '../../../src/lib/importers/mlflow/store-path';
import { FIXTURES, fixture, makeEngine } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const REAL = 'real/mlflow/swahili-stt_mlruns';
const EDGE = 'synthetic/mlflow/edge_mlruns';
const RUN = 'ed05f9cd599442fe9a0c9222184710b8';
const EDGE_RUN = '5b0c1d2e3f40516273849a5b6c7d8e9f';

/** Paths of every file under a fixture folder, relative to it, sorted. */
function tree(dir: string, sub = ''): string[] {
  return readdirSync(join(FIXTURES, dir, sub))
    .flatMap((entry) => {
      const rel = sub ? `${sub}/${entry}` : entry;
      return statSync(join(FIXTURES, dir, rel)).isDirectory() ? tree(dir, rel) : [rel];
    })
    .sort();
}

const read = (dir: string, rel: string) => readFileSync(join(FIXTURES, dir, rel), 'utf8');

/** Drops the folder as the page would: each file under `mlruns/…`. */
async function dropStore(e: Engine, dir: string, order: (files: string[]) => string[] = (f) => f) {
  const reports = [];
  for (const rel of order(tree(dir)))
    reports.push({ rel, report: await e.ingest(fixture(`${dir}/${rel}`, `mlruns/${rel}`)) });
  return reports;
}

function snapshot(e: Engine) {
  return {
    runs: e.rows('SELECT run_key, name, project, state, created_at FROM runs ORDER BY run_key'),
    params: e.rows(
      'SELECT r.run_key, key, value FROM params JOIN runs r USING (run_id) ORDER BY ALL',
    ),
    summary: e.rows(
      'SELECT r.run_key, key, value FROM summary JOIN runs r USING (run_id) ORDER BY ALL',
    ),
    meta: e.rows('SELECT r.run_key, key, value FROM meta JOIN runs r USING (run_id) ORDER BY ALL'),
    metrics: e.rows(
      `SELECT r.run_key, mn.name, step, value, wall FROM metrics JOIN runs r USING (run_id)
         JOIN metric_names mn USING (metric_id) ORDER BY ALL`,
    ),
  };
}

describe('the store path', () => {
  it('is recognized whatever the root is called, or when there is none', () => {
    for (const prefix of ['mlruns/', 'my project/mlruns/', 'anything/', '']) {
      expect(parseStorePath(`${prefix}1/${RUN}/metrics/loss`)).toMatchObject({
        kind: 'metric',
        runId: RUN,
        experimentId: '1',
        key: 'loss',
      });
    }
    expect(parseStorePath(`${RUN}/params/lr`)).toMatchObject({
      kind: 'param',
      runId: RUN,
      experimentId: null,
      key: 'lr',
    });
    expect(parseStorePath(`mlruns/1/${RUN}/meta.yaml`)).toMatchObject({
      kind: 'run-meta',
      runId: RUN,
    });
    expect(parseStorePath('mlruns/1/meta.yaml')).toMatchObject({
      kind: 'experiment-meta',
      experimentId: '1',
    });
  });

  it('makes a metric key with "/" out of its nested folders', () => {
    expect(parseStorePath(`mlruns/0/${RUN}/metrics/val/loss`)?.key).toBe('val/loss');
  });

  it("notes a file under the store's .trash folder", () => {
    expect(parseStorePath(`mlruns/.trash/3/${RUN}/metrics/loss`)).toMatchObject({
      kind: 'metric',
      experimentId: '3',
      trashed: true,
    });
    expect(parseStorePath(`mlruns/3/${RUN}/metrics/loss`)?.trashed).toBe(false);
  });

  it('is not claimed for artifacts or files outside a run', () => {
    expect(parseStorePath(`mlruns/1/${RUN}/artifacts/model/MLmodel`)).toBeNull();
    expect(parseStorePath('runs/1/abc/metrics/loss')).toBeNull();
  });
});

describe('metric history lines', () => {
  const parse = (chunks: string[]) => {
    const bad: [number, string][] = [];
    const parser = new MetricHistoryParser((line, reason) => bad.push([line, reason]));
    for (const c of chunks) parser.push(new TextEncoder().encode(c));
    const h = parser.end();
    return { steps: [...h.step], values: [...h.value], walls: [...h.wall], bad };
  };

  it('reads the 17-digit floats Python writes exactly as Number does', () => {
    const values = [
      '332.6841735839844',
      '0.30209142937196323',
      '-1.2345678901234567e-05',
      '5e-324',
      '1.7976931348623157e+308',
    ];
    const got = parse([values.map((v, i) => `1628697792090 ${v} ${i}\n`).join('')]);
    expect(got.values).toEqual(values.map(Number));
    expect(got.bad).toEqual([]);
  });

  it('reads any shortest round-trip float exactly as Number does, short or long, any exponent', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values: string[] = ['9007199254740993', '0.9007199254740993', '1e22', '1e23', '-0.0'];
    for (let i = 0; i < 5000; i++) {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 60 - 30);
      values.push(i % 2 ? String(x) : x.toExponential(16), String(Math.fround(x)));
    }
    const got = parse([values.map((v, i) => `1628697792090 ${v} ${i}\n`).join('')]);
    expect(got.bad).toEqual([]);
    expect(got.values).toEqual(values.map(Number));
  });

  it('gives the same points however the text is cut into chunks, CR LF line ends included', () => {
    const text = '1000 0.5 0\r\n2000 0.25 1\r\n3000 0.125 2';
    const whole = parse([text]);
    expect(whole.steps).toEqual([0, 1, 2]);
    expect(whole.walls).toEqual([1, 2, 3]);
    for (let cut = 1; cut < text.length; cut++)
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  it('says which line is wrong and why', () => {
    const got = parse([
      '1000 0.5 0\n',
      'just-one-field\n',
      '1000 0.5 1 extra\n',
      '1000 0.5 1.5\n',
      '\n',
      '1000 x 2\n',
    ]);
    expect(got.bad).toEqual([
      [2, BAD_FIELDS],
      [3, BAD_FIELDS],
      [4, BAD_STEP],
      [6, BAD_VALUE],
    ]);
    expect(got.steps).toEqual([0]);
  });
});

describe('the real swahili-stt store, dropped file by file', () => {
  it('loads every file: params, tags and meta of one run, and its loss history', async () => {
    const reports = await dropStore(engine, REAL);
    const statuses = new Map(reports.map((r) => [r.rel, r.report.status]));
    expect(statuses.get('0/meta.yaml')).toBe('empty');
    expect(statuses.get('1/meta.yaml')).toBe('empty');
    expect(
      [...statuses].filter(([rel]) => rel.includes(RUN)).every(([, s]) => s === 'loaded'),
    ).toBe(true);

    const runDir = `1/${RUN}`;
    // 1/<run>/meta.yaml: `name: ''` and no mlflow.runName tag, so the id names the run;
    // `status: 3` is FINISHED, `start_time: 1628697775478` (ms), `experiment_id: '1'`.
    expect(engine.rows('SELECT run_key, name, project, state, created_at FROM runs')).toEqual([
      {
        run_key: `mlflow:${RUN}`,
        name: RUN,
        project: '1',
        state: 'finished',
        created_at: 1628697775478 / 1000,
      },
    ]);

    const paramFiles = tree(REAL).filter((rel) => rel.startsWith(`${runDir}/params/`));
    const expectedParams = paramFiles.map((rel) => ({
      key: rel.split('/params/')[1],
      value: read(REAL, rel),
    }));
    expect(engine.rows('SELECT key, value FROM params ORDER BY key')).toEqual(expectedParams);
    // Six params hold the same bytes (`None`): each is its own file, not a duplicate of another.
    expect(expectedParams.filter((p) => p.value === 'None').length).toBeGreaterThan(1);

    const lines = read(REAL, `${runDir}/metrics/loss`)
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number));
    expect(
      engine.rows(
        "SELECT step, value, wall FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'loss' ORDER BY step",
      ),
    ).toEqual(lines.map(([ts, value, step]) => ({ step, value, wall: ts / 1000 })));

    const meta = new Map(
      engine
        .rows<{ key: string; value: string }>('SELECT key, value FROM meta')
        .map((m) => [m.key, m.value]),
    );
    for (const rel of tree(REAL).filter((r) => r.startsWith(`${runDir}/tags/`))) {
      expect(meta.get(rel.split('/tags/')[1]), rel).toBe(read(REAL, rel));
    }
    expect(meta.get('start_time')).toBe(new Date(1628697775478).toISOString());
    expect(meta.get('end_time')).toBe(new Date(1628697851678).toISOString());
    expect(meta.get('user_id')).toBe('Maelaf ES');
    expect(meta.get('artifact_uri')).toMatch(/^file:\/\/\/C:\/Users\/.*\/artifacts$/);
  });

  it('gives the same runs, params, meta and metrics in reverse order', async () => {
    await dropStore(engine, REAL);
    const forward = snapshot(engine);
    const other = await makeEngine();
    await dropStore(other, REAL, (files) => [...files].reverse());
    expect(snapshot(other)).toEqual(forward);
  });

  it("reports an experiment's meta.yaml, which names no run, with the experiment's name", async () => {
    const r = await engine.ingest(fixture(`${REAL}/1/meta.yaml`, 'mlruns/1/meta.yaml'));
    expect(r.report?.format).toBe('MLflow run store: experiment meta.yaml');
    // 1/meta.yaml line 4: `name: Speech model simple rnn`.
    expect(r.report?.warnings.join(' ')).toContain('"Speech model simple rnn"');
    expect(engine.rows('SELECT count(*)::INT AS n FROM runs')).toEqual([{ n: 0 }]);
  });

  it('still skips the very same file dropped twice', async () => {
    const file = `1/${RUN}/params/batch_size`;
    await engine.ingest(fixture(`${REAL}/${file}`, `mlruns/${file}`));
    const again = await engine.ingest(fixture(`${REAL}/${file}`, `mlruns/${file}`));
    expect(again.status).toBe('duplicate');
  });
});

describe('store edge cases (synthetic MLflow 2.x run)', () => {
  const dir = `7/${EDGE_RUN}`;
  const ingestOne = (rel: string) => engine.ingest(fixture(`${EDGE}/${rel}`, `mlruns/${rel}`));
  const points = (name: string) =>
    engine.rows<{ step: number; value: number }>(
      `SELECT step, value FROM metrics JOIN metric_names USING (metric_id) WHERE name = ${JSON.stringify(name).replace(/"/g, "'")} ORDER BY step`,
    );

  it('reads a RUNNING run with its name from meta.yaml', async () => {
    await ingestOne(`${dir}/meta.yaml`);
    // meta.yaml: `status: 1`, `run_name: edge-run`, `end_time: null`, `experiment_id: '7'`.
    expect(engine.rows('SELECT run_key, name, state, project FROM runs')).toEqual([
      { run_key: `mlflow:${EDGE_RUN}`, name: 'edge-run', state: 'running', project: '7' },
    ]);
    expect(engine.rows("SELECT count(*)::INT AS n FROM meta WHERE key = 'end_time'")).toEqual([
      { n: 0 },
    ]);
  });

  it('names a metric logged under a key with "/" after its nested folders', async () => {
    const r = await ingestOne(`${dir}/metrics/val/loss`);
    expect(r.status).toBe('loaded');
    const expected = read(EDGE, `${dir}/metrics/val/loss`)
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number));
    expect(points('val/loss')).toEqual(expected.map(([, value, step]) => ({ step, value })));
  });

  it('reads a two-field line of old MLflow as step 0', async () => {
    await ingestOne(`${dir}/metrics/legacy_lr`);
    // legacy_lr line 1: `1700000001000 0.001`.
    expect(points('legacy_lr')).toEqual([{ step: 0, value: 0.001 }]);
  });

  it('keeps a history logged without steps, in file order, and says so', async () => {
    const r = await ingestOne(`${dir}/metrics/legacy_acc`);
    const values = read(EDGE, `${dir}/metrics/legacy_acc`)
      .trim()
      .split('\n')
      .map((l) => Number(l.split(' ')[1]));
    expect(points('legacy_acc')).toEqual(values.map((value, step) => ({ step, value })));
    expect(r.report?.warnings.join(' ')).toMatch(
      /logged at step 0.*order in the file is used as the step/,
    );
  });

  it('keeps nan, inf and -inf as values', async () => {
    await ingestOne(`${dir}/metrics/grad_norm`);
    // grad_norm lines 2–4: `nan`, `inf`, `-inf`.
    expect(points('grad_norm').map((p) => p.value)).toEqual([1.5, NaN, Infinity, -Infinity]);
    expect(engine.rows('SELECT nonfinite::INT AS n FROM series')).toEqual([{ n: 3 }]);
  });

  it('rejects a malformed line with its line number and loads the rest', async () => {
    const r = await ingestOne(`${dir}/metrics/broken`);
    // broken line 2: `1700000002000 abc 1`.
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([{ reason: BAD_VALUE, lines: [2], count: 1 }]);
    expect(points('broken')).toEqual([
      { step: 0, value: 0.25 },
      { step: 2, value: 0.125 },
    ]);
  });

  it('keeps params exactly: a nested key, a multi-line value, "1e-3" as written', async () => {
    await ingestOne(`${dir}/params/optimizer/lr`);
    await ingestOne(`${dir}/params/notes`);
    expect(engine.rows('SELECT key, value, num FROM params ORDER BY key')).toEqual([
      { key: 'notes', value: read(EDGE, `${dir}/params/notes`), num: null },
      { key: 'optimizer/lr', value: '1e-3', num: 0.001 },
    ]);
  });

  it('takes the name from the mlflow.runName tag and keeps other tags as meta', async () => {
    for (const rel of tree(EDGE).filter((r) => r.startsWith(`${dir}/tags/`))) await ingestOne(rel);
    expect(engine.rows('SELECT name FROM runs')).toEqual([
      { name: read(EDGE, `${dir}/tags/mlflow.runName`) },
    ]);
    expect(engine.rows('SELECT key, value FROM meta ORDER BY key')).toEqual([
      {
        key: 'mlflow.source.git.commit',
        value: read(EDGE, `${dir}/tags/mlflow.source.git.commit`),
      },
      { key: 'team', value: 'vision' },
    ]);
  });

  it('merges the whole folder into one run whichever order the files come in', async () => {
    await dropStore(engine, EDGE);
    const forward = snapshot(engine);
    expect(forward.runs).toEqual([
      {
        run_key: `mlflow:${EDGE_RUN}`,
        name: 'edge-run',
        project: '7',
        state: 'running',
        created_at: 1700000000,
      },
    ]);
    const other = await makeEngine();
    await dropStore(other, EDGE, (files) => [...files].reverse());
    // Reversed, a metric file names the run by its id first; the real name replacing a provisional
    // one is the engine's part (RunInfo.provisionalName), so names are left out of this comparison.
    const withoutName = (s: ReturnType<typeof snapshot>) => ({
      ...s,
      runs: s.runs.map((r) => ({ ...r, name: undefined })),
    });
    expect(withoutName(snapshot(other))).toEqual(withoutName(forward));
  });

  it('keeps the real name when id-only files of the run come after it', async () => {
    await ingestOne(`${dir}/meta.yaml`);
    await ingestOne(`${dir}/metrics/val/loss`);
    await ingestOne(`${dir}/params/notes`);
    expect(engine.rows('SELECT name FROM runs')).toEqual([{ name: 'edge-run' }]);
  });
});

describe('an empty file in the store', () => {
  it('is a parameter logged as the empty string, not an empty file to skip', async () => {
    const r = await engine.ingest({
      name: 'mlruns/1/0123456789abcdef0123456789abcdef/params/note',
      blob: new Blob([]),
    });
    expect(r.status).toBe('loaded');
    expect(engine.rows('SELECT key, value FROM params')).toEqual([{ key: 'note', value: '' }]);
  });
});
