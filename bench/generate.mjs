/**
 * Seeded benchmark data. `longCsv()` writes a long table `run,step,metric,value` the way trackers
 * log it (ordered by run, then step, then metric) to bench/.data/, and reuses the file while its
 * marker (seed, shape, version, size) still matches. No Math.random: the same seed gives the same
 * bytes on every machine.
 *
 *   node bench/generate.mjs            # writes the default 200 × 10 × 5,000 file if needed
 */

import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../scripts/rng.mjs';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');

/** Bump when the generated content changes, so old files are regenerated. */
const GENERATOR_VERSION = 1;

export { mulberry32 };

/** A standard normal from two uniforms (Box–Muller). */
function gaussian(rand) {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const METRICS = [
  'train/loss',
  'train/accuracy',
  'val/loss',
  'val/accuracy',
  'learning_rate',
  'grad_norm',
  'train/perplexity',
  'throughput/tokens_per_sec',
  'gpu/memory_gb',
  'eval/f1',
];

/**
 * One run's metric model: each metric is a function of progress (0…1) and noise. Values look like
 * a real training run: a decaying loss, saturating accuracy, a warm-up-then-cosine learning rate.
 */
function runModel(rand, run) {
  const lr0 = 1e-4 * (1 + 9 * rand());
  const floor = 0.2 + 0.6 * rand();
  const start = 2 + 2 * rand();
  const speed = 2 + 6 * rand();
  const accMax = 0.7 + 0.28 * rand();
  const tps = 20000 + 30000 * rand();
  const mem = 10 + 60 * rand();
  return (metric, p, noise) => {
    const loss = floor + (start - floor) * Math.exp(-speed * p);
    switch (metric) {
      case 0:
        return loss * (1 + 0.05 * noise);
      case 1:
        return Math.min(1, accMax * (1 - Math.exp(-speed * p)) * (1 + 0.02 * noise));
      case 2:
        return (loss * 1.08 + 0.02 * p) * (1 + 0.02 * noise);
      case 3:
        return Math.min(1, accMax * 0.97 * (1 - Math.exp(-speed * p)) * (1 + 0.01 * noise));
      case 4: {
        const warm = Math.min(1, p / 0.05);
        return lr0 * warm * 0.5 * (1 + Math.cos(Math.PI * p));
      }
      case 5:
        return Math.abs(1.5 * Math.exp(-2 * p) + 0.3 * noise) + 1e-3;
      case 6:
        return Math.exp(loss * (1 + 0.05 * noise));
      case 7:
        return tps * (1 + 0.03 * noise);
      case 8:
        return mem + 0.5 * noise;
      default:
        return Math.min(
          1,
          accMax * 0.9 * (1 - Math.exp(-speed * 0.8 * p)) + 0.01 * noise + run * 0,
        );
    }
  };
}

/** 6 significant digits, as trackers print floats. */
function fmt(x) {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/**
 * Writes the long CSV if missing or stale and returns its path and row count.
 * @param {{ runs?: number, metrics?: number, steps?: number, seed?: number, name?: string }} [options]
 */
export async function longCsv(options = {}) {
  const { runs = 200, metrics = 10, steps = 5000, seed = 20240611 } = options;
  const name = options.name ?? `long-${runs}x${metrics}x${steps}-s${seed}.csv`;
  const path = join(DATA_DIR, name);
  const markerPath = `${path}.marker.json`;
  const marker = { version: GENERATOR_VERSION, runs, metrics, steps, seed };
  const rows = runs * metrics * steps;
  if (existsSync(path) && existsSync(markerPath)) {
    try {
      const old = JSON.parse(readFileSync(markerPath, 'utf8'));
      const same = Object.entries(marker).every(([k, v]) => old[k] === v);
      if (same && old.bytes === statSync(path).size)
        return { path, rows, bytes: old.bytes, runs, metrics, steps };
    } catch {
      /* regenerate */
    }
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  process.stdout.write(`generating ${path} (${rows.toLocaleString('en-US')} rows)… `);
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s) => (out.write(s) ? null : new Promise((resolve) => out.once('drain', resolve)));
  let bytes = 0;
  const header = 'run,step,metric,value\n';
  bytes += header.length;
  await write(header);
  const names = Array.from(
    { length: metrics },
    (_, m) => METRICS[m % METRICS.length] + (m >= METRICS.length ? `_${m}` : ''),
  );
  const rand = mulberry32(seed);
  for (let r = 0; r < runs; r++) {
    const runName = `sweep-lr-${String(r).padStart(3, '0')}`;
    const model = runModel(rand, r);
    let buf = '';
    for (let s = 0; s < steps; s++) {
      const p = s / steps;
      const prefix = `${runName},${s},`;
      for (let m = 0; m < metrics; m++)
        buf += `${prefix}${names[m]},${fmt(model(m % METRICS.length, p, gaussian(rand)))}\n`;
      if (buf.length > 1 << 20) {
        bytes += buf.length;
        await write(buf);
        buf = '';
      }
    }
    bytes += buf.length;
    await write(buf);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  renameSync(tmp, path);
  const size = statSync(path).size;
  if (size !== bytes) throw new Error(`wrote ${size} bytes, expected ${bytes}`);
  writeFileSync(markerPath, JSON.stringify({ ...marker, bytes: size }, null, 1));
  console.log(`${(size / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { path, rows, bytes: size, runs, metrics, steps };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await longCsv();
  console.log(r);
}
