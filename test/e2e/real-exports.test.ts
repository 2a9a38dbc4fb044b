/**
 * Every family of real tracker exports in test/fixtures/real, laid out as the trackers write them,
 * picked as one folder in the built page. Expected values are read from the files here.
 */

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refScalars } from '../unit/importers/tfevents/reference';
import { openPage, type OpenPage } from './browser';

const REAL = 'test/fixtures/real';
const MLRUN = 'mlflow/swahili-stt_mlruns/1/ed05f9cd599442fe9a0c9222184710b8';

/** Where each real file goes in the dropped folder (as the tracker would have written it). */
const LAYOUT: Record<string, string> = {
  'wandb/run-20231211_140152-5milpyx4/files/wandb-summary.json':
    'wandb/robust-cartpole_run-5milpyx4_wandb-summary.json',
  'wandb/run-20231211_140152-5milpyx4/files/config.yaml':
    'wandb/robust-cartpole_run-5milpyx4_config.yaml',
  'wandb/run-20231211_140152-5milpyx4/files/wandb-metadata.json':
    'wandb/robust-cartpole_run-5milpyx4_wandb-metadata.json',
  'wandb-exports/bandits-history.csv': 'wandb/contextual-bandits_run_history_to_csv.csv',
  'wandb-exports/kidney-ssim.csv': 'wandb/kidney_lineplot_2runs_min_max_differ.csv',
  'mlflow-exports/titanic_runs.csv': 'mlflow/titanic_mlflow_ui_download_runs.csv',
  'tb/stock/train/events.out.tfevents.1644728510.host.73068.0.v2':
    'tensorboard/stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
  'tb/lstm/version_0/events.out.tfevents.1716735746.99c8c45923de.3769.0':
    'tensorboard/text-gen-lstm_lightning_events.out.tfevents.1716735746.99c8c45923de.3769.0',
  'tb/lstm/version_0/hparams.yaml': 'tensorboard/text-gen-lstm_lightning_hparams.yaml',
  'tb-downloads/run-base-tag-loss.csv': 'tensorboard/cv-project_tb_scalar_download_loss_base.csv',
  'lightning_logs/version_0/metrics.csv': 'lightning/mlops-homework_version_0_metrics.csv',
  'lightning_logs/version_0/hparams.yaml': 'lightning/mlops-homework_version_0_hparams.yaml',
  'keras/history.csv': 'keras/distracted-driver_model_history_log_CRCRLF.csv',
  'hf/lora-imdb/trainer_state.json': 'hf_trainer/lora-imdb-distilbert_trainer_state.json',
  'hf/whisper/all_results.json': 'hf_trainer/whisper-tiny-nbailab_all_results.json',
  'sacred/runs/1/config.json': 'generic_sweep/sacred_ml-pws_runs/1/config.json',
  'sacred/runs/1/metrics.json': 'generic_sweep/sacred_ml-pws_runs/1/metrics.json',
  'sacred/runs/1/run.json': 'generic_sweep/sacred_ml-pws_runs/1/run.json',
  'generic/dino-scalars.csv':
    'generic_sweep/chrome-dino_tensorboard-dev_get_scalars_long_format.csv',
};

let open: OpenPage;
let root: string;

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'lockstep-real-')), 'exports');
  for (const [to, from] of Object.entries(LAYOUT)) {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(join(REAL, from), join(root, to));
  }
  cpSync(join(REAL, 'mlflow/swahili-stt_mlruns'), join(root, 'mlruns'), { recursive: true });
  open = await openPage();
  await open.page.setInputFiles('[data-testid=folder-input]', root);
  await open.page.waitForFunction(
    () =>
      document.querySelector('main')?.getAttribute('data-busy') === 'false' &&
      ['loaded', 'partial'].includes(
        document.querySelector('[data-testid=file-group]')?.getAttribute('data-status') ?? '',
      ),
    null,
    { timeout: 60_000 },
  );
  // A folder of this many files shows as one closed line; open it to see each file.
  await open.page.click('[data-testid=file-group] summary');
  await open.page.waitForSelector('[data-testid=file]');
}, 90_000);
afterAll(async () => open?.close());

const text = (path: string) => readFileSync(join(REAL, path), 'utf8');

async function row(name: string) {
  return open.page.$eval(
    `[data-testid=run-row]:has([data-col=name][title="${name}"])`,
    (tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll('[data-col]')].map((td) => [
          td.getAttribute('data-col'),
          td.getAttribute('data-metric-names') ?? td.textContent?.trim() ?? '',
        ]),
      ) as Record<string, string>,
  );
}

/** A hyperparameter cell of a run: wide tables draw only the columns in view, so scroll to it. */
async function param(name: string, key: string): Promise<string | undefined> {
  const selector = `[data-testid=run-row]:has([data-col=name][title="${name}"]) [data-col="param:${key}"]`;
  await open.page.$eval('.runs .table-scroll', (el) => (el.scrollLeft = 0));
  for (let i = 0; i < 200; i++) {
    const cell = await open.page.$(selector);
    if (cell) return (await cell.textContent())?.trim();
    const moved = await open.page.$eval('.runs .table-scroll', (el) => {
      const before = el.scrollLeft;
      el.scrollLeft += 400;
      return el.scrollLeft !== before;
    });
    if (!moved) return undefined;
    await open.page.waitForTimeout(30);
  }
  return undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
  );
}

describe('real exports of every tracker, dropped as one folder', () => {
  it('loads every file, or says why not', async () => {
    const files = await open.page.$$eval('[data-testid=file]', (lis) =>
      lis.map((li) => ({
        name: li.getAttribute('data-name'),
        status: li.getAttribute('data-status'),
      })),
    );
    expect(files).toHaveLength(walk(root).length);
    const unloaded = files.filter((f) => f.status !== 'loaded' && f.status !== 'partial');
    // An experiment's own meta.yaml names no run: reported, not loaded.
    expect(unloaded.map((f) => [f.name, f.status]).sort()).toEqual([
      ['exports/mlruns/0/meta.yaml', 'empty'],
      ['exports/mlruns/1/meta.yaml', 'empty'],
    ]);
  });

  it('reads a TensorBoard event file: the last step of its scalars', async () => {
    const bytes = new Uint8Array(
      readFileSync(
        join(REAL, LAYOUT['tb/stock/train/events.out.tfevents.1644728510.host.73068.0.v2']),
      ),
    );
    const scalars = refScalars(bytes);
    const r = await row('exports/tb/stock/train');
    expect(r.lastStep).toBe(count(Math.max(...scalars.map((s) => s.step))));
    expect(r.metrics.split('\n')).toEqual([...new Set(scalars.map((s) => s.tag))].sort());
  });

  it('merges a Lightning event file with the hparams.yaml beside it', async () => {
    const firstParam = text('tensorboard/text-gen-lstm_lightning_hparams.yaml')
      .split('\n')[0]
      .split(': ');
    expect(await param('exports/tb/lstm/version_0', firstParam[0])).toBe(firstParam[1].trim());
  });

  it('reads a Lightning CSVLogger run with its hyperparameters', async () => {
    const r = await row('exports/lightning_logs/version_0');
    const rows = text('lightning/mlops-homework_version_0_metrics.csv')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    expect(r.lastStep).toBe(count(Math.max(...rows.map((l) => Number(l.split(',')[1])))));
    expect(await param('exports/lightning_logs/version_0', 'lr')).toBe('1.0e-05');
  });

  it('reads an MLflow run store: name, params and the loss history', async () => {
    const losses = text(`${MLRUN}/metrics/loss`).trim().split('\n');
    const r = await row('ed05f9cd599442fe9a0c9222184710b8');
    expect(r.lastStep).toBe(count(Number(losses.at(-1)?.split(' ')[2])));
    expect(r.points).toBe(count(losses.length));
    expect(await param('ed05f9cd599442fe9a0c9222184710b8', 'batch_size')).toBe(
      text(`${MLRUN}/params/batch_size`).trim(),
    );
  });

  it('reads a W&B run folder as one run keyed by its id, with its config', async () => {
    const r = await row('5milpyx4');
    expect(r.lastStep).toBe('—');
    expect(Object.keys(r).some((k) => k.startsWith('param:'))).toBe(true);
  });

  it('reads Sacred, HF Trainer and Keras runs', async () => {
    const sacred = JSON.parse(text('generic_sweep/sacred_ml-pws_runs/1/metrics.json')) as Record<
      string,
      { steps: number[] }
    >;
    expect((await row('exports/sacred/runs/1')).lastStep).toBe(
      count(Math.max(...Object.values(sacred).flatMap((m) => m.steps))),
    );
    const hf = JSON.parse(text('hf_trainer/lora-imdb-distilbert_trainer_state.json')) as {
      log_history: { step: number }[];
    };
    expect((await row('exports/hf/lora-imdb')).lastStep).toBe(
      count(Math.max(...hf.log_history.map((h) => h.step))),
    );
    const keras = text('keras/distracted-driver_model_history_log_CRCRLF.csv')
      .trim()
      .split(/\r*\n/);
    expect((await row('exports/keras')).lastStep).toBe(count(Number(keras.at(-1)?.split(',')[0])));
  });

  it('never made a request to another origin', () => {
    const origin = new URL(open.baseUrl).origin;
    expect(
      open.requests.filter(
        (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
      ),
    ).toEqual([]);
  });
});
