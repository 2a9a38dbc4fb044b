/**
 * W&B run history saved as CSV (`run.history()` / `run.scan_history()` through pandas). Expected
 * values are computed here from the files' own text.
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

const SPARSE = 'synthetic/wandb/history_pandas_index_sparse.csv';
const REAL = 'real/wandb/contextual-bandits_run_history_to_csv.csv';

function table(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readFileSync(join(FIXTURES, path), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
  return { header, rows };
}

interface Point {
  name: string;
  step: number;
  value: number;
  wall: number | null;
  epoch: number | null;
}

function points(e: Engine): Point[] {
  return e.rows<Point>(
    `SELECT mn.name, step, value, wall, epoch FROM metrics JOIN metric_names mn USING (metric_id) ORDER BY mn.name, step`,
  );
}

/** The points a history table holds: every non-empty cell of a column that is not step, wall, epoch or the index. */
function expectedPoints(header: string[], rows: string[][], skip: string[]): Point[] {
  const col = (name: string) => header.indexOf(name);
  const out: Point[] = [];
  header.forEach((name, i) => {
    if (skip.includes(name)) return;
    for (const row of rows) {
      if (row[i] === '') continue;
      out.push({
        name,
        step: Number(row[col('_step')]),
        value: Number(row[i]),
        wall: col('_timestamp') >= 0 ? Number(row[col('_timestamp')]) : null,
        epoch: col('epoch') >= 0 ? Number(row[col('epoch')]) : null,
      });
    }
  });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.step - b.step));
}

describe('a history CSV written by pandas with its index, sparse columns and 1.77e+09 timestamps', () => {
  it('loads every non-empty cell as a point at its _step, with _timestamp as wall time', async () => {
    const { header, rows } = table(SPARSE);
    expect(header[0]).toBe('');
    const r = await engine.ingest(fixture(SPARSE, 'exports/lunar-sky-3.csv'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('W&B run history (CSV)');
    const expected = expectedPoints(header, rows, ['', '_step', '_timestamp', 'epoch']);
    expect(points(engine)).toEqual(expected);
    // Line 2 of the file writes its time as 1.7720737e+09.
    expect(expected.find((p) => p.step === 0)?.wall).toBe(1772073700);
  });

  it('logs nothing where a cell is empty: val/acc has points only on the rows that logged it', async () => {
    const { header, rows } = table(SPARSE);
    await engine.ingest(fixture(SPARSE, 'exports/lunar-sky-3.csv'));
    const acc = header.indexOf('val/acc');
    const logged = rows
      .filter((row) => row[acc] !== '')
      .map((row) => Number(row[header.indexOf('_step')]));
    const got = engine.rows<{ step: number }>(
      `SELECT step FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'val/acc' ORDER BY step`,
    );
    expect(got.map((g) => g.step)).toEqual(logged);
    expect(logged.length).toBeLessThan(rows.length);
  });

  it("drops pandas' unnamed index column, keeps _runtime as a metric, and says both", async () => {
    const r = await engine.ingest(fixture(SPARSE, 'exports/lunar-sky-3.csv'));
    const names = engine
      .rows<{ name: string }>('SELECT name FROM metric_names ORDER BY name')
      .map((n) => n.name);
    expect(names).toEqual(['_runtime', 'lr', 'train/loss', 'val/acc']);
    expect(r.report?.warnings).toContain(
      "The first column is pandas' row index: it is not data and was not loaded.",
    );
    expect(
      r.report?.warnings.some((w) => w.startsWith('W&B system columns kept as metrics: _runtime')),
    ).toBe(true);
  });

  it('names the run after the file, keyed run:<name> so it meets the runs table row of that name', async () => {
    await engine.ingest(fixture(SPARSE, 'exports/lunar-sky-3.csv'));
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'lunar-sky-3', run_key: 'run:lunar-sky-3' },
    ]);
  });
});

describe('a real run.history().to_csv(index=False) export (columns in no order, _step second)', () => {
  it('has one point per cell of every metric column, and the last step of the file', async () => {
    const { header, rows } = table(REAL);
    expect(header.indexOf('_step')).toBe(1);
    const r = await engine.ingest(fixture(REAL));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('W&B run history (CSV)');
    expect(r.report?.points).toBe(rows.length * (header.length - 2));
    expect(points(engine)).toEqual(expectedPoints(header, rows, ['_step', '_timestamp']));
    const lastStep = Math.max(...rows.map((row) => Number(row[1])));
    expect(engine.rows('SELECT max(last_step) AS last FROM series')).toEqual([{ last: lastStep }]);
  });
});

describe('the same history written as JSON Lines', () => {
  it('gives the same metric rows through the generic JSON importer, since both map _step, _timestamp and epoch alike', async () => {
    const { header, rows } = table(SPARSE);
    const jsonl = rows
      .map((row) => {
        const record: Record<string, number> = {};
        header.forEach((name, i) => {
          if (name !== '' && row[i] !== '') record[name] = Number(row[i]);
        });
        return JSON.stringify(record);
      })
      .join('\n');
    await engine.ingest(fixture(SPARSE, 'exports/lunar-sky-3.csv'));
    const fromCsv = points(engine);
    const other = await makeEngine();
    const r = await other.ingest(text('exports/lunar-sky-3.jsonl', jsonl));
    expect(r.report?.format).toBe('JSON Lines, wide');
    expect(points(other)).toEqual(fromCsv);
  });
});

describe("W&B's sampled history", () => {
  const csv = (steps: number[]) =>
    [
      '_step,_runtime,_timestamp,loss',
      ...steps.map((s, i) => `${s},${i * 0.5},${1.7e9 + i},${1 / (i + 1)}`),
    ].join('\n');

  it('is flagged when the file has exactly 500 rows spread over more steps', async () => {
    const r = await engine.ingest(
      text('history.csv', csv(Array.from({ length: 500 }, (_, i) => i * 10))),
    );
    expect(
      r.report?.warnings.some((w) => w.includes('exactly 500 rows spread over steps 0–4990')),
    ).toBe(true);
  });

  it('is not flagged when the 500 rows are steps 0 to 499', async () => {
    const r = await engine.ingest(
      text('history.csv', csv(Array.from({ length: 500 }, (_, i) => i))),
    );
    expect(r.report?.warnings.some((w) => w.includes('sampled history'))).toBe(false);
  });
});

describe('which run a history file is', () => {
  const history =
    '_step,_runtime,_timestamp,loss\n0,1.5,1702321313.1,2.5\n1,2.5,1702321314.1,2.25\n';

  it('is the W&B run whose id the file is named after, merging with that run folder', async () => {
    const r = await engine.ingest(text('histories/5milpyx4.csv', history));
    expect(r.report?.warnings).toContain(
      'The file name "5milpyx4" looks like a W&B run id: the run is keyed by it and merges with that run\'s folder files.',
    );
    await engine.ingest(
      fixture(
        'real/wandb/robust-cartpole_run-5milpyx4_wandb-summary.json',
        'wandb/run-20231211_140152-5milpyx4/files/wandb-summary.json',
      ),
    );
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'wandb:5milpyx4' }]);
  });

  it('is not mistaken for an id when the name is a word and a number such as resnet50', async () => {
    await engine.ingest(text('resnet50.csv', history));
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'run:resnet50' }]);
  });

  it('is left to the generic importer when the table has a run column (a table of runs with summary columns)', async () => {
    const r = await engine.ingest(
      text(
        'runs.csv',
        'name,_step,_runtime,_timestamp,acc\na,3,10.5,1.7e9,0.5\nb,4,11.5,1.7e9,0.6\n',
      ),
    );
    expect(r.report?.format).not.toBe('W&B run history (CSV)');
  });
});
