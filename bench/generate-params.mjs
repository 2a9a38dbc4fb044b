/**
 * Seeded table of runs for the compare-view benchmark: `paramsTable()` writes a CSV with a row per
 * run and a `params.<key>` column per hyperparameter (default 200 runs × 500), about a third of
 * them varying between runs, the rest shared. Small: written afresh each time. No Math.random.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, mulberry32 } from './generate.mjs';

export function paramsTable({ runs = 200, params = 500, seed = 20261123 } = {}) {
  const random = mulberry32(seed);
  const keys = Array.from({ length: params }, (_, k) => `block${Math.floor(k / 50)}.param_${k}`);
  const varies = keys.map(() => random() < 0.33);
  const shared = keys.map(() => (random() * 100).toFixed(3));
  const lines = [['run', 'state', ...keys.map((k) => `params.${k}`)].join(',')];
  for (let r = 0; r < runs; r++) {
    const values = keys.map((_, k) => (varies[k] ? (random() * 100).toFixed(3) : shared[k]));
    lines.push([`run-${String(r).padStart(3, '0')}`, 'finished', ...values].join(','));
  }
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `params-${runs}x${params}.csv`);
  const text = lines.join('\n') + '\n';
  writeFileSync(path, text);
  return { path, rows: runs, bytes: text.length };
}
