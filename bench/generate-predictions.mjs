/**
 * Seeded per-example predictions for the predictions benchmark: two runs' files of `examples`
 * examples over `classes` classes (`example_id,label,prediction,score,language,length_bucket`: two
 * segment columns of 6 and 4 values), run b a little better, and a runs table naming both; with two
 * classes the score is the probability of class 1. No Math.random.
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, mulberry32 } from './generate.mjs';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'zh', 'ja'];
const BUCKETS = ['0-64', '64-256', '256-1k', '1k+'];

export function predictionRuns({ examples = 1_000_000, classes = 10, seed = 20261207 } = {}) {
  const dir = join(DATA_DIR, `predictions-${examples}x${classes}-segments-s${seed}`);
  const files = ['runs.csv', 'predictions_run-a.csv', 'predictions_run-b.csv'].map((f) =>
    join(dir, f),
  );
  if (files.every((f) => existsSync(f))) return { files, examples };
  mkdirSync(dir, { recursive: true });
  writeFileSync(files[0], 'run,state,params.lr\nrun-a,finished,0.001\nrun-b,finished,0.0003\n');
  const random = mulberry32(seed);
  const labels = Int32Array.from({ length: examples }, () => Math.floor(random() * classes));
  for (const [file, right] of [
    [files[1], 0.9],
    [files[2], 0.92],
  ]) {
    const lines = ['example_id,label,prediction,score,language,length_bucket'];
    for (let i = 0; i < examples; i++) {
      const label = labels[i];
      const prediction = random() < right ? label : Math.floor(random() * classes);
      // Of two classes, the score is P(1), leaning towards the label, for ROC and PR curves.
      const score = classes === 2 ? (label + 2 * random()) / 3 : random();
      lines.push(
        `ex-${i},${label},${prediction},${score.toFixed(4)},${LANGUAGES[i % 6]},${BUCKETS[(i * 7) % 4]}`,
      );
    }
    writeFileSync(file, lines.join('\n') + '\n');
  }
  return { files, examples };
}
