/**
 * Seeded sweep for the parallel-coordinates benchmark: `sweepTable()` writes a runs CSV with a row
 * per run, `params.<key>` columns (log-uniform rates, linear and integer knobs, a categorical
 * optimizer, a boolean, some cells left empty) and `summary.<metric>` outcomes that depend on a few
 * of them. Default 10,000 runs × 24 hyperparameters + 6 outcomes = 30 axes. No Math.random.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, mulberry32 } from './generate.mjs';

const OPTIMIZERS = ['adamw', 'sgd', 'lamb', 'adafactor'];

export function sweepTable({ runs = 10_000, params = 24, outcomes = 6, seed = 20261123 } = {}) {
  const random = mulberry32(seed);
  const keys = Array.from({ length: params }, (_, k) =>
    k === 0
      ? 'lr'
      : k === 1
        ? 'weight_decay'
        : k === 2
          ? 'optimizer'
          : k === 3
            ? 'ema'
            : `knob_${k}`,
  );
  const metrics = Array.from({ length: outcomes }, (_, k) =>
    k === 0 ? 'val/acc' : k === 1 ? 'val/loss' : k === 2 ? 'latency_ms' : `score_${k}`,
  );
  const header = [
    'run',
    'state',
    ...keys.map((k) => `params.${k}`),
    ...metrics.map((m) => `summary.${m}`),
  ];
  const lines = [header.join(',')];
  for (let r = 0; r < runs; r++) {
    const lr = 10 ** (-5 + 3 * random());
    const wd = 10 ** (-6 + 4 * random());
    const optimizer = OPTIMIZERS[Math.floor(random() * OPTIMIZERS.length)];
    const values = keys.map((k, i) => {
      if (i === 0) return lr.toPrecision(4);
      if (i === 1) return wd.toPrecision(4);
      if (i === 2) return optimizer;
      if (i === 3) return random() < 0.5 ? 'true' : 'false';
      if (random() < 0.02) return ''; // missing, kept on the axis's missing tick
      return i % 3 === 0 ? String(Math.floor(random() * 8) * 16) : (random() * 10).toFixed(4);
    });
    const quality = 0.9 - 0.08 * Math.abs(Math.log10(lr) + 3.2) - (optimizer === 'sgd' ? 0.05 : 0);
    const outs = metrics.map((_, k) => {
      const noise = (random() - 0.5) * 0.04;
      if (k === 0) return (quality + noise).toFixed(5);
      if (k === 1) return (2.5 - 2 * quality + noise).toFixed(5);
      if (k === 2) return (20 + random() * 60).toFixed(2);
      return (random() * 100).toFixed(3);
    });
    lines.push([`sweep-${String(r).padStart(5, '0')}`, 'finished', ...values, ...outs].join(','));
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `sweep-${runs}x${params + outcomes}.csv`);
  const text = lines.join('\n') + '\n';
  writeFileSync(path, text);
  return { path, rows: runs, bytes: text.length, axes: params + outcomes };
}
