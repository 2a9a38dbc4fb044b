/**
 * Seeded seed groups for the statistics benchmark: `seedGroupRuns()` writes a runs table
 * (`run,state,params.lr,params.seed`: `configs` learning rates × `seeds` seeds) and a long CSV of
 * their metrics (`run,step,metric,value`). Training metrics are logged every step, evaluations
 * every 10 steps from an offset that depends on the seed, so runs are compared by interpolation.
 * The last run is still running and behind the others: the page's default student. Small: written
 * afresh each time. No Math.random.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, mulberry32 } from './generate.mjs';

const EVAL_EVERY = 10;

/** One run's curves: a loss decaying to a floor set by its learning rate, and an accuracy. */
function runCurves(random, lr) {
  const floor = 0.3 + 0.2 * Math.abs(Math.log10(lr) + 3) + 0.05 * random();
  const speed = 4 + random();
  const loss = (p) => floor + 2.5 * Math.exp(-speed * p);
  return {
    'train/loss': (p, noise) => loss(p) * (1 + 0.05 * noise),
    'train/grad_norm': (p, noise) => Math.abs(1.5 * Math.exp(-2 * p) + 0.2 * noise) + 1e-3,
    'val/loss': (p, noise) => loss(p) * 1.08 * (1 + 0.02 * noise),
    'val/accuracy': (p, noise) => (0.9 - floor / 2) * (1 - Math.exp(-speed * p)) + 0.01 * noise,
  };
}

const isEval = (metric) => metric.startsWith('val/');

function noise(random) {
  return 2 * (random() + random() + random()) - 3; // about normal, sd 1
}

export function seedGroupRuns({ configs = 2, seeds = 50, steps = 300, seed = 20261205 } = {}) {
  const random = mulberry32(seed);
  const lrs = Array.from({ length: configs }, (_, c) => (10 ** (-3 - c * 0.5)).toExponential(1));
  const runs = ['run,state,params.lr,params.seed'];
  const points = ['run,step,metric,value'];
  const count = configs * seeds;
  for (let r = 0; r < count; r++) {
    const lr = lrs[Math.floor(r / seeds)];
    const runSeed = r % seeds;
    const name = `lr${lr}-s${String(runSeed).padStart(2, '0')}`;
    const running = r === count - 1;
    runs.push([name, running ? 'running' : 'finished', lr, runSeed].join(','));
    const curves = runCurves(random, Number(lr));
    const last = running ? Math.round(steps * 0.7) : steps;
    for (let step = 0; step < last; step++)
      for (const [metric, value] of Object.entries(curves)) {
        if (isEval(metric) && step % EVAL_EVERY !== runSeed % EVAL_EVERY) continue;
        points.push(`${name},${step},${metric},${value(step / steps, noise(random)).toFixed(6)}`);
      }
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const runsPath = join(DATA_DIR, `seed-groups-${configs}x${seeds}-runs.csv`);
  const metricsPath = join(DATA_DIR, `seed-groups-${configs}x${seeds}x${steps}-metrics.csv`);
  const runsText = runs.join('\n') + '\n';
  const metricsText = points.join('\n') + '\n';
  writeFileSync(runsPath, runsText);
  writeFileSync(metricsPath, metricsText);
  return {
    files: [runsPath, metricsPath],
    runs: count,
    points: points.length - 1,
    bytes: runsText.length + metricsText.length,
  };
}
