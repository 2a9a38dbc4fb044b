/**
 * Seeded MLflow FileStore for benchmarks: `writeMlruns(dir)` writes an `mlruns/` tree the way
 * MLflow's FileStore lays it out (experiment folders with meta.yaml; per run meta.yaml, one file per
 * metric with `<timestamp ms> <value> <step>` lines, one file per param and per tag). Default: 100
 * runs × 10 metrics × 1,000 steps (1,000 metric files), 8 params and 5 tags per run. The tree is
 * reused while its marker (seed, shape, version) still matches. No Math.random.
 *
 *   node bench/generate-mlruns.mjs      # writes bench/.data/mlruns/ if needed
 */

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, mulberry32 } from './generate.mjs';

/** Bump when the generated content changes, so old trees are regenerated. */
const GENERATOR_VERSION = 2;

/** Keys with `/` become nested folders, as in MLflow (`metrics/val/loss`). */
const METRICS = [
  'train/loss',
  'train/accuracy',
  'val/loss',
  'val/accuracy',
  'learning_rate',
  'grad_norm',
  'train_perplexity',
  'throughput',
  'gpu_memory_gb',
  'eval_f1',
];

const START_MS = 1_700_000_000_000;

function hex32(rand) {
  let s = '';
  for (let i = 0; i < 4; i++)
    s += Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return s;
}

/** A value the way Python's `repr(float)` writes it: JavaScript's shortest round-trip text is the same digits. */
function pyFloat(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function metricValue(m, p, rand, shape) {
  const noise = rand() - 0.5;
  const loss = shape.floor + (shape.start - shape.floor) * Math.exp(-shape.speed * p);
  switch (m) {
    case 0:
    case 2:
      return loss * (1 + 0.05 * noise);
    case 1:
    case 3:
      return Math.min(1, shape.acc * (1 - Math.exp(-shape.speed * p)) * (1 + 0.02 * noise));
    case 4:
      return shape.lr * 0.5 * (1 + Math.cos(Math.PI * p));
    case 5:
      return Math.abs(1.5 * Math.exp(-2 * p) + 0.3 * noise) + 1e-3;
    case 6:
      return Math.exp(loss);
    case 7:
      return 20000 * (1 + 0.03 * noise);
    case 8:
      return 12 + noise;
    default:
      return shape.acc * 0.9 * (1 - Math.exp(-shape.speed * p));
  }
}

function writeFile(path, text) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((e) =>
    statSync(join(dir, e)).isDirectory() ? listFiles(join(dir, e)) : [join(dir, e)],
  );
}

/**
 * Writes the store's experiment folders into `dir` (which plays `mlruns/`) if missing or stale.
 * @param {string} dir
 * @param {{ runs?: number, metrics?: number, steps?: number, seed?: number }} [options]
 * @returns {{ dir: string, files: string[], runs: number, metrics: number, steps: number, points: number }}
 */
export function writeMlruns(dir, options = {}) {
  const { runs = 100, metrics = 10, steps = 1000, seed = 20240611 } = options;
  const markerPath = `${dir}.marker.json`;
  const marker = { version: GENERATOR_VERSION, runs, metrics, steps, seed };
  const result = (files) => ({ dir, files, runs, metrics, steps, points: runs * metrics * steps });
  if (existsSync(dir) && existsSync(markerPath)) {
    try {
      const old = JSON.parse(readFileSync(markerPath, 'utf8'));
      if (Object.entries(marker).every(([k, v]) => old[k] === v)) return result(listFiles(dir));
    } catch {
      /* regenerate */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const rand = mulberry32(seed);
  writeFile(
    join(dir, '0', 'meta.yaml'),
    `artifact_location: file:///bench/mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n`,
  );
  writeFile(
    join(dir, '1', 'meta.yaml'),
    `artifact_location: file:///bench/mlruns/1\ncreation_time: ${START_MS}\nexperiment_id: '1'\nlast_update_time: ${START_MS}\nlifecycle_stage: active\nname: sweep\n`,
  );
  for (let r = 0; r < runs; r++) {
    const runId = hex32(rand);
    const runDir = join(dir, '1', runId);
    const name = `sweep-lr-${String(r).padStart(3, '0')}`;
    const start = START_MS + r * 3_600_000;
    const shape = {
      floor: 0.2 + 0.6 * rand(),
      start: 2 + 2 * rand(),
      speed: 2 + 6 * rand(),
      acc: 0.7 + 0.28 * rand(),
      lr: 1e-4 * (1 + 9 * rand()),
    };
    const running = r % 10 === 9;
    writeFile(
      join(runDir, 'meta.yaml'),
      `artifact_uri: file:///bench/mlruns/1/${runId}/artifacts\nend_time: ${running ? 'null' : start + steps * 1000}\nentry_point_name: ''\n` +
        `experiment_id: '1'\nlifecycle_stage: active\nrun_id: ${runId}\nrun_name: ${name}\nrun_uuid: ${runId}\nsource_name: ''\n` +
        `source_type: 4\nsource_version: ''\nstart_time: ${start}\nstatus: ${running ? 1 : 3}\ntags: []\nuser_id: bench\n`,
    );
    for (let m = 0; m < metrics; m++) {
      const key = METRICS[m % METRICS.length] + (m >= METRICS.length ? `_${m}` : '');
      let text = '';
      for (let s = 0; s < steps; s++)
        text += `${start + s * 1000} ${pyFloat(metricValue(m % METRICS.length, s / steps, rand, shape))} ${s}\n`;
      writeFile(join(runDir, 'metrics', ...key.split('/')), text);
    }
    const params = {
      learning_rate: String(shape.lr),
      batch_size: String(2 ** (4 + (r % 4))),
      optimizer: r % 2 ? 'adamw' : 'sgd',
      weight_decay: '0.01',
      warmup_steps: '100',
      seed: String(r % 5),
      epochs: '10',
      dropout: 'None',
    };
    for (const [k, v] of Object.entries(params)) writeFile(join(runDir, 'params', k), v);
    const tags = {
      'mlflow.runName': name,
      'mlflow.user': 'bench',
      'mlflow.source.name': 'train.py',
      'mlflow.source.type': 'LOCAL',
      'mlflow.source.git.commit': hex32(rand) + hex32(rand).slice(0, 8),
    };
    for (const [k, v] of Object.entries(tags)) writeFile(join(runDir, 'tags', k), v);
  }
  writeFileSync(markerPath, JSON.stringify(marker, null, 1));
  return result(listFiles(dir));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const r = writeMlruns(join(DATA_DIR, 'mlruns'));
  const bytes = r.files.reduce((sum, f) => sum + statSync(f).size, 0);
  console.log(
    `${r.dir}: ${r.files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${r.points.toLocaleString('en-US')} points, ${Date.now() - started} ms`,
  );
}
