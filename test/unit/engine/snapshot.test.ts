import { describe, expect, it } from 'vitest';
import type { CurvesRequest } from '../../../src/lib/curves/types';
import type { Engine } from '../../../src/lib/engine/engine';
import { decodeRunsTable } from '../../../src/lib/engine/runs-decode';
import {
  MANIFEST_FILE,
  readAhead,
  SNAPSHOT_TABLES,
  SnapshotError,
  type SnapshotFiles,
} from '../../../src/lib/engine/snapshot';
import { fixture, makeEngine, text } from '../helpers/engine';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../helpers/engine';
import { chance, good, prCurveEvent, prCurveFile } from '../importers/tfevents/pr-curve-events';

/** Snapshot files in memory, as OPFS holds them in the browser. */
function memoryFiles(): SnapshotFiles & { map: Map<string, Uint8Array> } {
  const map = new Map<string, Uint8Array>();
  return {
    map,
    write: (name, bytes) => void map.set(name, bytes.slice()),
    read: (name) => map.get(name) ?? null,
  };
}

const MLRUNS = 'real/mlflow/swahili-stt_mlruns';
function mlruns() {
  const root = join(FIXTURES, MLRUNS);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) =>
      statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)],
    );
  return walk(root).map((f) => fixture(relative(FIXTURES, f), `mlruns/${relative(root, f)}`));
}

async function loadMany(engine: Engine) {
  await engine.ingestBatch(
    [
      fixture('real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv'),
      fixture('real/tensorboard/cv-project_tb_scalar_download_loss_base.csv'),
      fixture(
        'real/tensorboard/stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
      ),
      fixture('real/lightning/mlops-homework_version_0_metrics.csv'),
      fixture('real/lightning/mlops-homework_version_0_hparams.yaml'),
      fixture('real/hf_trainer/lora-imdb-distilbert_trainer_state.json'),
      ...mlruns(),
      fixture(
        'synthetic/wandb/run-20261201_101010-a1b2c3d4/files/media/table/pr_curve_table_40_0f3a9c1e5b7d2a4c6e81.table.json',
      ),
      fixture(
        'synthetic/wandb/run-20261201_101010-a1b2c3d4/files/media/table/roc_table_40_9b2d7c4e1a6f3b8d5c02.table.json',
      ),
      text(
        'logs/runA/events.out.tfevents.1700000000.host.1.0',
        prCurveFile([prCurveEvent('val/pr', 1, chance), prCurveEvent('val/pr', 2, good)]),
      ),
      text(
        'run-a/predictions.csv',
        'id,label,prediction,prob_0,prob_1,language\n1,0,0,0.8,0.2,en\n2,1,1,0.3,0.7,de\n',
      ),
    ].map((f, i) => ({ key: i + 1, ...f })),
  );
}

/** Every row of every table, in a stable order: what a restore must give back exactly. */
function everything(engine: Engine) {
  return Object.fromEntries(
    SNAPSHOT_TABLES.map((t) => [t, engine.rows(`SELECT * FROM ${t} ORDER BY ALL`)]),
  );
}

const curvesOf = (engine: Engine, metric: string, runIds: number[]): CurvesRequest => ({
  metric,
  runIds,
  axis: { kind: 'step' },
  range: null,
  width: 400,
  smoothing: { kind: 'ema', weight: 0.6 },
  raw: true,
  logX: false,
  groups: null,
  center: 'mean',
  band: 'sd',
});

describe('engine snapshot', () => {
  it('gives back every table, report and answer exactly, without reading a file again', async () => {
    const first = await makeEngine();
    await loadMany(first);
    const tables = everything(first);
    const runs = decodeRunsTable(first.runsTable());
    const sources = first.sources();
    const runIds = runs.runs.map((r) => r.runId);
    const metric = 'loss';
    const curves = first.curves(curvesOf(first, metric, runIds));
    const trackerTags = first.trackerCurves({}).tags.map((t) => t.tag);
    expect(trackerTags).toEqual([
      'pr_curve_table · cat',
      'pr_curve_table · dog',
      'roc_table · cat',
      'val/pr',
    ]);
    const tracker = trackerTags.map((tag) => first.trackerCurves({ tag }));
    expect(tables.metrics.length).toBeGreaterThan(200);
    expect(tables.prediction_class_scores).toHaveLength(4);
    expect(tables.prediction_segments).toHaveLength(2);
    expect(sources.length).toBeGreaterThan(30);

    const files = memoryFiles();
    const manifest = await first.snapshot(files);
    expect(manifest.parts.map((p) => p.table)).toContain('metrics');

    // makeEngine resets the one database of this test file: `first` is gone from here on.
    const second = await makeEngine();
    const restored = await second.restore(files);
    expect(restored?.reports).toEqual(sources);
    // The runs answer before the points are in DuckDB: they come from the other tables.
    expect(decodeRunsTable(second.runsTable())).toEqual(runs);
    await restored?.rest;
    expect(everything(second)).toEqual(tables);
    expect(decodeRunsTable(second.runsTable())).toEqual(runs);
    expect(second.sources()).toEqual(sources);
    // Tracker curves are kept beside the tables, NaN counts of W&B's points as they were.
    expect(trackerTags.map((tag) => second.trackerCurves({ tag }))).toEqual(tracker);
    // The point log came back too: the series store serves the points, not DuckDB.
    expect(second.curves(curvesOf(second, metric, runIds))).toEqual(curves);
    expect(second.store.built.pulled).toBe(0);
    expect(second.store.built.fromLog).toBeGreaterThan(0);

    // Reading on after a restore: new ids never collide with restored ones, and a file already
    // loaded is still known as a duplicate by its content.
    const more = await second.ingest(
      fixture('real/keras/distracted-driver_model_history_log_CRCRLF.csv'),
    );
    expect(sources.map((s) => s.sourceId)).not.toContain(more.sourceId);
    const again = await second.ingest(
      fixture('real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv', 'copy.csv'),
    );
    expect(again.status).toBe('duplicate');
    const newRuns = decodeRunsTable(second.runsTable()).runs.map((r) => r.runId);
    expect(new Set(newRuns).size).toBe(newRuns.length);
  });

  it('splits a big table into parts and reads them all back', async () => {
    const first = await makeEngine();
    const rows = ['step,loss'];
    for (let i = 0; i < 250_000; i++) rows.push(`${i},${i % 97}`);
    await first.ingest({ name: 'long.csv', blob: new Blob([rows.join('\n')]) });
    const files = memoryFiles();
    const manifest = await first.snapshot(files, 100_000);
    const metricParts = manifest.parts.filter((p) => p.table === 'metrics');
    expect(metricParts.map((p) => p.rows)).toEqual([100_000, 100_000, 50_000]);
    // Read ahead (as the worker does while DuckDB starts): each file is still read once.
    const reads: string[] = [];
    const counted: SnapshotFiles = {
      write: files.write,
      read: (name) => (reads.push(name), files.read(name)),
    };
    const early = await readAhead(counted);
    expect(reads).toContain('points.bin');
    expect(reads.some((r) => r.startsWith('metrics.'))).toBe(false);
    const totals = 'SELECT count(*)::INTEGER AS n, sum(value) AS s FROM metrics';
    const before = first.rows(totals);
    expect(before).toEqual([{ n: 250_000, s: expect.any(Number) }]);
    // makeEngine resets the one database of this test file: `first` is gone from here on.
    const second = await makeEngine();
    await (
      await second.restore(early)
    )?.rest;
    expect(second.rows(totals)).toEqual(before);
    expect(reads.filter((r) => r === 'points.bin')).toHaveLength(1);
    expect(reads.filter((r) => r.startsWith('metrics.'))).toHaveLength(3);
  });

  it('refuses a snapshot of another version, and one with a part missing, leaving the engine empty', async () => {
    const first = await makeEngine();
    await first.ingest(fixture('real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv'));
    const files = memoryFiles();
    await first.snapshot(files);

    const stale = memoryFiles();
    for (const [k, v] of files.map) stale.map.set(k, v);
    const manifest = JSON.parse(new TextDecoder().decode(files.map.get(MANIFEST_FILE)));
    stale.map.set(
      MANIFEST_FILE,
      new TextEncoder().encode(JSON.stringify({ ...manifest, version: 0 })),
    );
    const second = await makeEngine();
    await expect(second.restore(stale)).rejects.toThrow(SnapshotError);

    const broken = memoryFiles();
    for (const [k, v] of files.map) if (!k.startsWith('metrics.')) broken.map.set(k, v);
    const half = await second.restore(broken);
    await expect(half?.rest).rejects.toThrow(/metrics\.0\.arrow is missing/);
    expect(second.sources()).toEqual([]);
    const noLog = memoryFiles();
    for (const [k, v] of files.map) if (k !== 'points.bin') noLog.map.set(k, v);
    await expect(second.restore(noLog)).rejects.toThrow(/points\.bin is missing/);
    for (const t of SNAPSHOT_TABLES)
      expect(second.rows(`SELECT count(*)::INTEGER AS n FROM ${t}`)).toEqual([{ n: 0 }]);
    expect(await second.restore(memoryFiles())).toBeNull();
  });
});
