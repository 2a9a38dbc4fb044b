import { paramEntries } from '../../../src/lib/engine/run-params';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IngestProgress } from '../../../src/lib/engine/api';
import type { Engine } from '../../../src/lib/engine/engine';
import { decodeRunsTable } from '../../../src/lib/engine/runs-decode';
import { makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const count = (table: string) =>
  engine.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`)[0].n;

function bigWideCsv(rows: number): string {
  const parts = ['step,loss\n'];
  for (let i = 0; i < rows; i++) parts.push(`${i},${(1 / (i + 1)).toFixed(9)}\n`);
  return parts.join('');
}

describe('Engine', () => {
  it('merges a table of runs with the metrics of the same runs, by run name', async () => {
    await engine.ingest(
      text(
        'runs.csv',
        'run,state,params.lr,params.model,tags\na,finished,1e-3,vit,"x, y"\nb,running,3e-4,vit,\n',
      ),
    );
    await engine.ingest(
      text('metrics.csv', 'run,step,metric,value\na,1,loss,0.5\nb,1,loss,0.6\nb,2,loss,0.55\n'),
    );
    const table = decodeRunsTable(engine.runsTable());
    expect(table.paramKeys).toEqual(['lr', 'model']);
    expect(table.numericKeys).toEqual(['lr']);
    expect(
      table.runs.map((r) => ({
        name: r.name,
        state: r.state,
        lastStep: r.lastStep,
        points: r.points,
        params: Object.fromEntries(paramEntries(r.params)),
        sources: r.sources,
      })),
    ).toEqual([
      {
        name: 'a',
        state: 'finished',
        lastStep: 1,
        points: 1,
        params: { lr: '1e-3', model: 'vit' },
        sources: ['runs.csv', 'metrics.csv'],
      },
      {
        name: 'b',
        state: 'running',
        lastStep: 2,
        points: 2,
        params: { lr: '3e-4', model: 'vit' },
        sources: ['runs.csv', 'metrics.csv'],
      },
    ]);
    expect(engine.rows("SELECT key, num FROM params WHERE key = 'lr' ORDER BY num")).toEqual([
      { key: 'lr', num: 0.0003 },
      { key: 'lr', num: 0.001 },
    ]);
    expect(
      engine.rows(
        "SELECT array_to_string(list_sort(tags), ',') AS tags FROM runs WHERE name = 'a'",
      ),
    ).toEqual([{ tags: 'x,y' }]);
  });

  it('gives identical metric rows for the same history as CSV, JSON and JSON Lines', async () => {
    const csv = 'run,step,epoch,metric,value\nr,0,0,loss,2.5\nr,1,0.5,loss,NaN\nr,2,1,acc,0.125\n';
    const json = JSON.stringify([
      { run: 'r', step: 0, epoch: 0, metric: 'loss', value: 2.5 },
      { run: 'r', step: 1, epoch: 0.5, metric: 'loss', value: 'NaN' },
      { run: 'r', step: 2, epoch: 1, metric: 'acc', value: 0.125 },
    ]);
    const jsonl = json.slice(1, -1).replaceAll('},{', '}\n{');
    const snapshots: unknown[] = [];
    for (const file of [text('h.csv', csv), text('h.json', json), text('h.jsonl', jsonl)]) {
      engine = await makeEngine();
      const r = await engine.ingest(file);
      expect(r.status, file.name).toBe('loaded');
      snapshots.push(
        engine.rows(
          `SELECT r.name, mn.name AS metric, step, epoch, value FROM metrics JOIN runs r USING (run_id) JOIN metric_names mn USING (metric_id) ORDER BY step`,
        ),
      );
    }
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
  });

  it('reports progress in bytes and points while it reads', async () => {
    const seen: IngestProgress[] = [];
    const csv = bigWideCsv(1_200_000);
    const r = await engine.ingest(text('big.csv', csv), (p) => seen.push({ ...p }));
    expect(r.report?.points).toBe(1_200_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.bytesRead).toBe(csv.length);
    expect(seen.map((p) => p.bytesRead)).toEqual(
      [...seen.map((p) => p.bytesRead)].sort((a, b) => a - b),
    );
  });

  it('cancels an ingest under way and keeps nothing of it', async () => {
    await engine.ingest(text('kept.csv', 'step,acc\n1,0.5\n'));
    const csv = bigWideCsv(2_000_000);
    const r = await engine.ingest(text('big.csv', csv), (p) => engine.cancel(p.key));
    expect(r.status).toBe('cancelled');
    expect(r.message).toBe('Cancelled; nothing from this file was kept.');
    expect(engine.rows('SELECT name FROM runs')).toEqual([{ name: 'kept' }]);
    expect(count('metrics')).toBe(1);
  });

  it('removes a file with the runs only it described, and keeps runs other files still describe', async () => {
    const runs = await engine.ingest(text('runs.csv', 'run,params.lr\na,1\nb,2\n'));
    const metrics = await engine.ingest(
      text('metrics.csv', 'run,step,metric,value\na,1,loss,0.5\n'),
    );
    engine.remove(metrics.sourceId);
    expect(engine.rows('SELECT name FROM runs ORDER BY name')).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
    expect(count('metrics')).toBe(0);
    expect(count('series')).toBe(0);
    engine.remove(runs.sourceId);
    expect(count('runs')).toBe(0);
    expect(count('params')).toBe(0);
    const again = await engine.ingest(text('metrics.csv', 'run,step,metric,value\na,1,loss,0.5\n'));
    expect(again.status).toBe('loaded');
  });

  it('keeps two runs with the same name in files without a run column apart', async () => {
    await engine.ingest(text('exp1/metrics.csv', 'step,loss\n1,0.5\n'));
    await engine.ingest(text('exp2/metrics.csv', 'step,loss\n1,0.7\n'));
    expect(engine.rows('SELECT name, run_key FROM runs ORDER BY run_id')).toEqual([
      { name: 'exp1', run_key: 'file:exp1/metrics.csv' },
      { name: 'exp2', run_key: 'file:exp2/metrics.csv' },
    ]);
  });

  it('recomputes a series when a second file adds points to the same run and metric', async () => {
    await engine.ingest(text('part1.csv', 'run,step,metric,value\na,1,loss,0.9\na,2,loss,0.8\n'));
    await engine.ingest(text('part2.csv', 'run,step,metric,value\na,3,loss,0.7\na,4,loss,0.95\n'));
    expect(
      engine.rows(
        'SELECT n, first_step, last_step, last_value, min, step_at_min, max, step_at_max FROM series',
      ),
    ).toEqual([
      {
        n: 4,
        first_step: 1,
        last_step: 4,
        last_value: 0.95,
        min: 0.7,
        step_at_min: 3,
        max: 0.95,
        step_at_max: 4,
      },
    ]);
  });

  it('reads wall time in seconds, milliseconds or as dates, and epochs as given', async () => {
    const csv =
      'step,epoch,timestamp,loss\n1,0.5,1700000000,1\n2,1,1700000001000,1\n3,1.5,2023-11-14T22:13:22Z,1\n';
    await engine.ingest(text('wall.csv', csv));
    expect(engine.rows('SELECT step, epoch, wall FROM metrics ORDER BY step')).toEqual([
      { step: 1, epoch: 0.5, wall: 1700000000 },
      { step: 2, epoch: 1, wall: 1700000001 },
      { step: 3, epoch: 1.5, wall: 1700000002 },
    ]);
  });

  it('keeps text columns that are constant per run as hyperparameters, and says so', async () => {
    const r = await engine.ingest(
      text('w.csv', 'run,step,optimizer,loss\na,1,adam,0.5\na,2,adam,0.4\nb,1,sgd,0.9\n'),
    );
    expect(engine.rows('SELECT key, value FROM params ORDER BY value')).toEqual([
      { key: 'optimizer', value: 'adam' },
      { key: 'optimizer', value: 'sgd' },
    ]);
    expect(r.report?.warnings).toContain(
      'Column "optimizer" holds text that is constant within each run: kept as a hyperparameter.',
    );
  });
});
