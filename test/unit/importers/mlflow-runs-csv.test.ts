/**
 * MLflow's runs tables: the UI's "Download CSV" (real: test/fixtures/real/mlflow/titanic_…; newer,
 * guarded: synthetic/mlflow/ui_download_runs_guarded.csv) and `search_runs().to_csv()` (synthetic/
 * mlflow/search_runs.csv), and their merge with the same run read from an `mlruns/` store.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import {
  classifyUiColumns,
  isJsNumberText,
  unguard,
} from '../../../src/lib/importers/mlflow/ui-columns';
import { FIXTURES, fixture, makeEngine } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

/** A small CSV reader for the fixtures' own text: quoted fields with `""`, `\n` row ends. */
function csvRows(path: string): string[][] {
  const text = readFileSync(join(FIXTURES, path), 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field.replace(/\r$/, '')]);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

type KV = { run_key: string; key: string; value: string };
const kv = (e: Engine, table: string) =>
  e.rows<KV>(`SELECT r.run_key, key, value FROM ${table} JOIN runs r USING (run_id) ORDER BY ALL`);
const sortKV = (rows: KV[]) =>
  [...rows].sort(
    (a, b) =>
      a.run_key.localeCompare(b.run_key) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      a.value.localeCompare(b.value),
  );

describe('columns of the UI CSV', () => {
  it('tells parameters, metrics and tags apart by the sort order of their names', () => {
    const names = ['batch_size', 'lr', 'acc', 'loss', 'team', 'note'];
    const values = [['64'], ['1e-3'], ['0.5'], ['0.25'], ['vision'], ['x']];
    expect(classifyUiColumns(names, values)).toEqual([
      'param',
      'param',
      'metric',
      'metric',
      'tag',
      'tag',
    ]);
  });

  it('takes a name met twice as a boundary: a param and a metric may share it', () => {
    expect(classifyUiColumns(['dropout', 'lr', 'lr'], [['0.1'], ['0.01'], ['0.5']])).toEqual([
      'param',
      'param',
      'metric',
    ]);
  });

  it('reads names in one sorted run as parameters: nothing marks where they end', () => {
    expect(classifyUiColumns(['a', 'b', 'c'], [['1'], ['2'], ['3']])).toEqual([
      'param',
      'param',
      'param',
    ]);
  });

  it('never takes a column as a metric when JavaScript would not have written its values', () => {
    expect(isJsNumberText('0.1')).toBe(true);
    expect(isJsNumberText('-Infinity')).toBe(true);
    expect(isJsNumberText('1.0')).toBe(false);
    expect(isJsNumberText('1e-06')).toBe(false);
    expect(classifyUiColumns(['z', 'a', 'b'], [['x'], ['1.0'], ['2']])).toEqual([
      'param',
      'tag',
      'tag',
    ]);
  });

  it("removes the formula guard ' only where it guarded a number", () => {
    expect(unguard("'-0.25")).toBe('-0.25');
    expect(unguard("'+3")).toBe('+3');
    expect(unguard("'-- draft")).toBe("'-- draft");
    expect(unguard("'=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(unguard("it's")).toBe("it's");
  });
});

describe('the real UI "Download CSV" (titanic, MLflow ~1.2x)', () => {
  const path = 'real/mlflow/titanic_mlflow_ui_download_runs.csv';
  const [header, ...rows] = csvRows(path);
  const bare = header.slice(header.indexOf('Status') + 1);

  it('reads one run per row, keyed by its MLflow run id, named by the id when Name is empty', async () => {
    const r = await engine.ingest(fixture(path));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('MLflow UI runs CSV');
    const col = (name: string) => header.indexOf(name);
    expect(
      engine.rows('SELECT run_key, name, state, created_at FROM runs ORDER BY run_key'),
    ).toEqual(
      rows
        .map((row) => {
          // Start Time is the exporting browser's local time, `YYYY-MM-DD HH:mm:ss`.
          const [y, mo, d, h, mi, s] = row[col('Start Time')].split(/[- :]/).map(Number);
          return {
            run_key: `mlflow:${row[col('Run ID')]}`,
            name: row[col('Name')] || row[col('Run ID')],
            state: row[col('Status')].toLowerCase(),
            created_at: new Date(y, mo - 1, d, h, mi, s).getTime() / 1000,
          };
        })
        .sort((a, b) => a.run_key.localeCompare(b.run_key)),
    );
    expect(
      kv(engine, 'meta')
        .filter((m) => m.key === 'mlflow.user')
        .map((m) => m.value),
    ).toEqual(rows.map((row) => row[col('User')]));
  });

  it('reads all seven bare columns as parameters, as the project logged them', async () => {
    // The project's notebook (titanic-DVC-MLFLOW-Project.ipynb, commit a0b5222) logs all seven with
    // mlflow.log_param; their names are in one sorted run, so the file shows no group boundary.
    const r = await engine.ingest(fixture(path));
    const col = (name: string) => header.indexOf(name);
    const expected = rows.flatMap((row) =>
      bare.map((key) => ({ run_key: `mlflow:${row[col('Run ID')]}`, key, value: row[col(key)] })),
    );
    expect(kv(engine, 'params')).toEqual(sortKV(expected));
    expect(kv(engine, 'summary')).toEqual([]);
    expect(r.report?.warnings.join(' ')).toMatch(/does not label its columns/);
  });
});

describe('the newer, guarded UI CSV', () => {
  const path = 'synthetic/mlflow/ui_download_runs_guarded.csv';

  it('puts parameters in params, metrics in summary and tags in meta', async () => {
    const r = await engine.ingest(fixture(path));
    expect(r.status).toBe('loaded');
    const [header, first] = csvRows(path);
    const id = `mlflow:${first[header.indexOf('Run ID')]}`;
    const of = (rows: KV[]) =>
      Object.fromEntries(rows.filter((x) => x.run_key === id).map((x) => [x.key, x.value]));
    // Header: params batch_size, lr, offset, optimizer; "acc" sorts before "optimizer", so the
    // metrics acc, delta, loss start there; "team" holds text, so the tags start there.
    expect(of(kv(engine, 'params'))).toEqual({
      batch_size: '64',
      lr: '1e-3',
      offset: '-3',
      optimizer: 'adam',
    });
    expect(of(kv(engine, 'summary'))).toEqual({ acc: '0.8125', delta: '-0.25', loss: '0.4375' });
    expect(of(kv(engine, 'meta'))).toMatchObject({
      team: 'vision',
      note: "'-- baseline, do not delete",
    });
    expect(engine.rows(`SELECT name, state FROM runs WHERE run_key = '${id}'`)).toEqual([
      { name: 'resnet-a', state: 'finished' },
    ]);
  });

  it('marks the run still training as running', async () => {
    await engine.ingest(fixture(path));
    const [header, , second] = csvRows(path);
    const runId = second[header.indexOf('Run ID')];
    expect(engine.rows(`SELECT name, state FROM runs WHERE run_key = 'mlflow:${runId}'`)).toEqual([
      { name: runId, state: 'running' },
    ]);
  });
});

describe('search_runs().to_csv()', () => {
  const path = 'synthetic/mlflow/search_runs.csv';
  const [header, ...rows] = csvRows(path);
  const col = (name: string) => header.indexOf(name);

  it('reads runs, params, latest metrics as summary and tags as meta', async () => {
    const r = await engine.ingest(fixture(path));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('MLflow runs CSV (search_runs)');
    expect(r.report?.warnings.join(' ')).toMatch(/row index/);
    expect(
      engine.rows('SELECT run_key, name, project, state, created_at FROM runs ORDER BY run_key'),
    ).toEqual(
      rows
        .map((row) => ({
          run_key: `mlflow:${row[col('run_id')]}`,
          name: row[col('tags.mlflow.runName')] || row[col('run_id')],
          project: row[col('experiment_id')],
          state: row[col('status')].toLowerCase(),
          created_at:
            Date.parse(row[col('start_time')].replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1')) /
            1000,
        }))
        .sort((a, b) => a.run_key.localeCompare(b.run_key)),
    );
    const expected = (prefix: string) =>
      sortKV(
        rows.flatMap((row) =>
          header
            .map((h, c) => ({
              run_key: `mlflow:${row[col('run_id')]}`,
              key: h.slice(prefix.length),
              value: row[c],
              h,
            }))
            .filter(
              (x) => x.h.startsWith(prefix) && x.value !== '' && x.h !== 'tags.mlflow.runName',
            )
            .map(({ run_key, key, value }) => ({ run_key, key, value })),
        ),
      );
    expect(kv(engine, 'params')).toEqual(expected('params.'));
    expect(kv(engine, 'summary')).toEqual(expected('metrics.'));
    expect(kv(engine, 'meta').filter((m) => m.key.startsWith('mlflow.'))).toEqual(
      expected('tags.'),
    );
  });
});

describe('a runs CSV and the mlruns/ store of the same run', () => {
  const store = 'real/mlflow/swahili-stt_mlruns';
  const RUN = 'ed05f9cd599442fe9a0c9222184710b8';
  const storeFiles = (dir = ''): string[] =>
    readdirSync(join(FIXTURES, store, dir)).flatMap((e) => {
      const rel = dir ? `${dir}/${e}` : e;
      return statSync(join(FIXTURES, store, rel)).isDirectory() ? storeFiles(rel) : [rel];
    });
  const dropStore = async (e: Engine) => {
    for (const rel of storeFiles()) await e.ingest(fixture(`${store}/${rel}`, `mlruns/${rel}`));
  };
  const snapshot = (e: Engine) => ({
    runs: e.rows('SELECT run_key, name, project, state, created_at FROM runs ORDER BY run_key'),
    params: kv(e, 'params'),
    summary: kv(e, 'summary'),
    meta: kv(e, 'meta'),
    series: e.rows(
      'SELECT r.run_key, mn.name, s.n::INT AS n, s.last_value FROM series s JOIN runs r USING (run_id) JOIN metric_names mn USING (metric_id)',
    ),
  });

  it('merge into one run under mlflow:<run id>, in either order', async () => {
    await dropStore(engine);
    await engine.ingest(fixture('synthetic/mlflow/search_runs.csv'));
    const storeFirst = snapshot(engine);
    expect(
      storeFirst.runs.filter((r) => (r as { run_key: string }).run_key === `mlflow:${RUN}`),
    ).toHaveLength(1);
    // The CSV's metrics.loss is the store's last logged loss (metrics/loss line 10).
    const lastLoss = Number(
      readFileSync(join(FIXTURES, store, `1/${RUN}/metrics/loss`), 'utf8')
        .trim()
        .split('\n')
        .pop()
        ?.split(' ')[1],
    );
    expect(storeFirst.summary).toContainEqual({
      run_key: `mlflow:${RUN}`,
      key: 'loss',
      value: String(lastLoss),
    });
    expect(storeFirst.series).toEqual([
      { run_key: `mlflow:${RUN}`, name: 'loss', n: 10, last_value: lastLoss },
    ]);

    const other = await makeEngine();
    await other.ingest(fixture('synthetic/mlflow/search_runs.csv'));
    await dropStore(other);
    expect(snapshot(other)).toEqual(storeFirst);
  });
});
