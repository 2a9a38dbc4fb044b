/**
 * A W&B project's runs table exported as CSV. Expected values are computed here from the file.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { runsTableColumns } from '../../../src/lib/importers/wandb/runs-table-columns';
import { fixture, makeEngine, text } from '../helpers/engine';
import { quotedTable } from '../helpers/quoted-table';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const PATH = 'synthetic/wandb/runs_table_export.csv';

describe('a runs table export', () => {
  it('has one run per row, two rows with the same name being two runs, and says so', async () => {
    const { rows } = quotedTable(PATH);
    const r = await engine.ingest(fixture(PATH));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('W&B runs table export (CSV)');
    expect(r.report?.runs).toBe(rows.length);
    const names = rows.map((row) => row[0]);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    expect(twice).toBe('brisk-wave-2');
    expect(engine.rows('SELECT run_key, name FROM runs ORDER BY run_key')).toEqual([
      { run_key: 'run:brisk-wave-2', name: 'brisk-wave-2' },
      { run_key: 'run:brisk-wave-2#2', name: 'brisk-wave-2' },
      { run_key: 'run:lunar-sky-3', name: 'lunar-sky-3' },
    ]);
    expect(
      r.report?.warnings.some((w) =>
        w.startsWith('The name "brisk-wave-2" is on more than one row'),
      ),
    ).toBe(true);
  });

  it("takes State, Tags and Created as the run's state, tags and creation time", async () => {
    const { header, rows } = quotedTable(PATH);
    await engine.ingest(fixture(PATH));
    const col = (name: string) => header.indexOf(name);
    const got = engine.rows<{ state: string; tags: string[] | null; created_at: number }>(
      'SELECT state, tags, created_at FROM runs ORDER BY created_at DESC',
    );
    const expected = rows
      .map((row) => ({
        state: row[col('State')],
        tags: row[col('Tags')] === '' ? null : row[col('Tags')].split(',').map((t) => t.trim()),
        created_at: Date.parse(row[col('Created')]) / 1000,
      }))
      .sort((a, b) => b.created_at - a.created_at);
    expect(got.map((g) => ({ ...g, tags: g.tags ? [...g.tags] : null }))).toEqual(expected);
    expect(got[0].state).toBe('running');
  });

  it('puts config columns in params and summary columns in summary, Runtime as _runtime, and leaves empty cells out', async () => {
    const { header, rows } = quotedTable(PATH);
    await engine.ingest(fixture(PATH));
    const config = ['batch_size', 'learning_rate', 'model.depth', 'optimizer'];
    const summary = ['eval/accuracy', 'eval/loss', 'train/loss'];
    expect(header.slice(8)).toEqual([...config, ...summary]);
    const first = rows[0];
    const kv = (table: string) =>
      engine.rows<{ key: string; value: string }>(
        `SELECT key, value FROM ${table} JOIN runs USING (run_id) WHERE run_key = 'run:lunar-sky-3' ORDER BY key`,
      );
    expect(kv('params')).toEqual(config.map((key) => ({ key, value: first[header.indexOf(key)] })));
    expect(kv('summary')).toEqual(
      [
        ...summary.map((key) => ({ key, value: first[header.indexOf(key)] })),
        { key: '_runtime', value: first[header.indexOf('Runtime')] },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    const crashed = rows[2];
    const emptyCells = header.filter((h, i) => i >= 8 && crashed[i] === '').length;
    const stored = engine.rows<{ n: number }>(
      `SELECT (SELECT count(*) FROM params p WHERE p.run_id = r.run_id) + (SELECT count(*) FROM summary s WHERE s.run_id = r.run_id AND key <> '_runtime') AS n
       FROM runs r WHERE run_key = 'run:brisk-wave-2#2'`,
    );
    expect(Number(stored[0].n)).toBe(header.length - 8 - emptyCells);
  });

  it('keeps Notes and User in meta, and not the "-" W&B writes for no notes', async () => {
    const { header, rows } = quotedTable(PATH);
    await engine.ingest(fixture(PATH));
    const notes = engine.rows<{ run_key: string; value: string }>(
      `SELECT run_key, value FROM meta JOIN runs USING (run_id) WHERE key = 'notes'`,
    );
    const written = rows
      .filter((row) => row[header.indexOf('Notes')] !== '-')
      .map((row) => row[header.indexOf('Notes')]);
    expect(notes.map((n) => n.value)).toEqual(written);
    const users = engine.rows<{ value: string }>(
      `SELECT value FROM meta WHERE key = 'user' ORDER BY value`,
    );
    expect(users.map((u) => u.value)).toEqual(
      rows.map((row) => row[header.indexOf('User')]).sort(),
    );
  });

  it('merges by name with the line plot export of the same runs', async () => {
    await engine.ingest(fixture(PATH));
    await engine.ingest(
      text(
        'plot.csv',
        '"Step","lunar-sky-3 - train/loss","lunar-sky-3 - train/loss__MIN","lunar-sky-3 - train/loss__MAX"\n"0","2.5","2.5","2.5"\n',
      ),
    );
    expect(engine.rows(`SELECT count(*)::INT AS n FROM runs WHERE name = 'lunar-sky-3'`)).toEqual([
      { n: 1 },
    ]);
  });

  it("keys a run by its W&B id when the ID column was exported, merging with the run's folder", async () => {
    const csv =
      '"Name","Created","Runtime","ID","Notes","Tags","seed","_step"\n"cartpole","2023-12-11T19:01:52.000Z","480","5milpyx4","-","","42","1275"\n';
    await engine.ingest(text('wandb_export.csv', csv));
    await engine.ingest(
      fixture(
        'real/wandb/robust-cartpole_run-5milpyx4_wandb-summary.json',
        'wandb/run-20231211_140152-5milpyx4/files/wandb-summary.json',
      ),
    );
    expect(engine.rows('SELECT run_key, name FROM runs')).toEqual([
      { run_key: 'wandb:5milpyx4', name: 'cartpole' },
    ]);
  });
});

describe('telling config columns from summary columns', () => {
  // Headers of real exports, quoted as written (all rows omitted):
  // Adamaya/cs6886w-assignment3 wandb_export.csv @9b133ad6137d56f250d405db782899233ea6feb0
  const adamaya =
    'Name,State,Notes,User,Tags,Created,Runtime,Sweep,act_bits,batch_size,checkpoint,data_dir,device,exclude_first_last,num_workers,seed,wandb,wandb_project,wandb_run_name,weight_bits,activation_mem_fp32_mb,activation_mem_q_mb,baseline_model_mb,compression_ratio_activations,compression_ratio_weights,quant_model_main_mb,quant_model_mb,quant_model_overhead_mb,quant_test_acc,quant_test_loss';
  // hahv/paper2_main wandb_export.csv @766139cc0dff8bab135d728b05514fcf8b256996
  const hahv =
    'Name,State,Notes,User,Tags,Created,Runtime,Sweep,method_name,skip_proc.params.block_ratio_th,skip_proc.params.block_size_orig,skip_proc.params.min_roi_ratio,skip_proc.params.motion.name,skip_proc.params.motion.params.diff_frame_th,skip_proc.params.scale_factor,msg,per_frame_metric_FPR (False Alarm Rate),per_frame_metric_FPS,per_frame_metric_accuracy,per_frame_metric_f1_score,per_frame_metric_precision,per_frame_metric_recall (TPR),per_video_metric_FPR (False Alarm Rate),per_video_metric_FPS,per_video_metric_accuracy,per_video_metric_f1_score,per_video_metric_precision,per_video_metric_recall (TPR),trainer/global_step';

  it('splits where the alphabetical order restarts: W&B sorts each block by name', () => {
    for (const [header, firstSummary] of [
      [adamaya, 'activation_mem_fp32_mb'],
      [hahv, 'msg'],
    ] as const) {
      const names = header.split(',');
      const cols = runsTableColumns(names);
      expect(cols.rule).toBe('order');
      expect(cols.system.map((s) => names[s.column])).toEqual(names.slice(0, 8));
      expect(names[cols.summary[0]]).toBe(firstSummary);
      expect(cols.config.length + cols.summary.length).toBe(names.length - 8);
    }
  });

  it('falls back on metric-like names when the order does not break once, and says to check', async () => {
    // Two breaks (zeta → acc, model → beta): columns were moved by hand.
    const names = ['Name', 'State', 'Created', 'lr', 'zeta', 'acc', 'model', 'beta', 'val/loss'];
    const cols = runsTableColumns(names);
    expect(cols.rule).toBe('names');
    expect(cols.config.map((i) => names[i])).toEqual(['lr', 'zeta', 'model', 'beta']);
    expect(cols.summary.map((i) => names[i])).toEqual(['acc', 'val/loss']);
    const row = '"a","finished","2026-01-01T00:00:00.000Z","0.1","1","0.5","x","0.9","0.25"';
    const r = await engine.ingest(
      text('runs.csv', `${names.map((n) => `"${n}"`).join(',')}\n${row}\n`),
    );
    expect(
      r.report?.warnings.some(
        (w) => w.includes('so their names decided') && w.includes('Check them'),
      ),
    ).toBe(true);
  });
});
