#!/usr/bin/env node
/**
 * Writes the sample sweep in public/samples/: two configurations × three seeds, one run still in
 * progress at a third of the baseline's steps. Seeded: the same files every time.
 *   runs.csv     a table of runs (state, hyperparameters, tags)
 *   metrics.csv  long format: train/loss and lr logged every step
 *   eval.jsonl   wide JSON Lines: validation and downstream metrics every 250 steps
 *   predictions.csv  per-example predictions of both configurations' seed-0 runs on 600 validation
 *                examples of 10 classes (for McNemar's test and the paired bootstrap), with a
 *                difficulty segment column and each class's probability (prob_0 … prob_9)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './rng.mjs';

const out = fileURLToPath(new URL('../public/samples/', import.meta.url));
const STEPS = 3000;
const EVAL_EVERY = 250;
const STEPS_PER_EPOCH = 500;
const START = Date.UTC(2026, 9, 12, 9, 0, 0) / 1000;

function gaussian(random) {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const configs = [
  {
    id: 'vit-s16-adamw-lr1e-3',
    optimizer: 'adamw',
    lr: '1e-3',
    warmup: 0,
    floor: 0.92,
    speed: 700,
    acc: 0.781,
  },
  {
    id: 'vit-s16-adamw-lr3e-4-warmup500',
    optimizer: 'adamw',
    lr: '3e-4',
    warmup: 500,
    floor: 0.85,
    speed: 800,
    acc: 0.803,
  },
];
const runs = [];
for (const config of configs) {
  for (const seed of [0, 1, 2]) {
    const inProgress = config === configs[1] && seed === 2;
    runs.push({
      ...config,
      seed,
      name: `${config.id}-s${seed}`,
      steps: inProgress ? STEPS / 3 : STEPS,
      state: inProgress ? 'running' : 'finished',
    });
  }
}

const round = (x, digits = 6) => Number(x.toPrecision(digits));
const metricRows = ['run,step,epoch,wall_time,metric,value'];
const evalRows = [];
for (const [index, run] of runs.entries()) {
  const random = mulberry32(1000 + index * 17 + run.seed);
  const offset = gaussian(random) * 0.02;
  const wall0 = START + index * 3600;
  for (let step = 0; step <= run.steps; step++) {
    const epoch = round(step / STEPS_PER_EPOCH, 4);
    const wall = round(wall0 + step * 0.42, 12);
    const loss = run.floor + offset + 5.2 * Math.exp(-step / run.speed) + gaussian(random) * 0.05;
    const warm = run.warmup > 0 ? Math.min(1, (step + 1) / run.warmup) : 1;
    const lr = Number(run.lr) * warm * 0.5 * (1 + Math.cos((Math.PI * step) / STEPS));
    metricRows.push(`${run.name},${step},${epoch},${wall},train/loss,${round(loss)}`);
    metricRows.push(`${run.name},${step},${epoch},${wall},lr,${round(lr)}`);
    if (step > 0 && step % EVAL_EVERY === 0) {
      const progress = 1 - Math.exp(-step / (run.speed * 1.3));
      evalRows.push(
        JSON.stringify({
          run: run.name,
          step,
          epoch,
          'val/loss': round(
            run.floor + 0.12 + offset + 4.6 * Math.exp(-step / run.speed) + gaussian(random) * 0.02,
          ),
          'val/acc': round(run.acc * progress + gaussian(random) * 0.004 - offset * 0.1),
          ...(step % 1000 === 0
            ? {
                'downstream/linear_acc': round(
                  (run.acc - 0.07) * progress + gaussian(random) * 0.003,
                ),
              }
            : {}),
        }),
      );
    }
  }
}

const runRows = [
  'run,state,params.model,params.optimizer,params.lr,params.warmup_steps,params.batch_size,params.seed,tags',
];
for (const run of runs) {
  runRows.push(
    `${run.name},${run.state},vit-s16,${run.optimizer},${run.lr},${run.warmup},256,${run.seed},"sweep-07,${run.optimizer}"`,
  );
}

const EXAMPLES = 600;
const CLASSES = 10;
const classColumns = Array.from({ length: CLASSES }, (_, c) => `prob_${c}`);
const predictionRows = [
  `run,example_id,label,prediction,score,difficulty,${classColumns.join(',')}`,
];
const examples = mulberry32(4242);
const labels = Array.from({ length: EXAMPLES }, () => Math.floor(examples() * CLASSES));
// How hard each example is, shared by both runs: hard examples are missed by both more often.
const hardness = Array.from({ length: EXAMPLES }, () => examples());
// A segment column, from the same hardness: the per-segment breakdown shows where runs differ.
const difficulty = (h) => (h < 0.5 ? 'easy' : h < 0.8 ? 'medium' : 'hard');
for (const run of runs.filter((r) => r.seed === 0)) {
  const random = mulberry32(5000 + runs.indexOf(run));
  // A stream of its own for the class probabilities, so the other columns stay as they were.
  const spread = mulberry32(6000 + runs.indexOf(run));
  labels.forEach((label, i) => {
    const right = hardness[i] < run.acc ? random() < 0.97 : random() < 0.25;
    const prediction = right ? label : (label + 1 + Math.floor(random() * (CLASSES - 1))) % CLASSES;
    const score = round(right ? 0.6 + random() * 0.4 : 0.2 + random() * 0.5, 4);
    // The predicted class has the score; the other classes share the rest, the true one a bit more.
    const weights = Array.from({ length: CLASSES }, (_, c) =>
      c === prediction ? 0 : spread() * (c === label ? 3 : 1),
    );
    const total = weights.reduce((t, w) => t + w, 0);
    const probs = weights.map((w, c) =>
      c === prediction ? score : round(((1 - score) * w) / total, 4),
    );
    predictionRows.push(
      `${run.name},val-${String(i).padStart(4, '0')},${label},${prediction},${score},${difficulty(hardness[i])},${probs.join(',')}`,
    );
  });
}

mkdirSync(out, { recursive: true });
writeFileSync(`${out}runs.csv`, `${runRows.join('\n')}\n`);
writeFileSync(`${out}metrics.csv`, `${metricRows.join('\n')}\n`);
writeFileSync(`${out}eval.jsonl`, `${evalRows.join('\n')}\n`);
writeFileSync(`${out}predictions.csv`, `${predictionRows.join('\n')}\n`);
writeFileSync(
  `${out}index.json`,
  `${JSON.stringify({ files: ['runs.csv', 'metrics.csv', 'eval.jsonl', 'predictions.csv'] }, null, 2)}\n`,
);
console.log(
  `samples: ${runs.length} runs, ${metricRows.length - 1} metric rows, ${evalRows.length} eval rows → ${out}`,
);
