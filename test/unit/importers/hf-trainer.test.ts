/**
 * Hugging Face Trainer output dirs: `trainer_state.json` (log history → points, set-up → params,
 * where training ended → summary) and the `*_results.json` files (summary). Expected values are
 * computed here from the fixtures' own text.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { FIXTURES, fixture, makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

type Row = Record<string, number | string | null>;

/** The fixture parsed with NaN allowed (as Python's json writes it); long integers are not compared through this. */
function json(path: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(join(FIXTURES, path), 'utf8').replace(/\bNaN\b/g, '"NaN"'),
  ) as Record<string, unknown>;
}

/** The points a log history stands for: every number but step and epoch, in every row but the end-of-training one. */
function historyPoints(
  history: Row[],
): { metric: string; step: number; value: number; epoch: number }[] {
  return history
    .filter((row) => !('train_runtime' in row))
    .flatMap((row) =>
      Object.entries(row)
        .filter(([k]) => k !== 'step' && k !== 'epoch')
        .map(([metric, v]) => ({
          metric,
          step: Number(row.step),
          value: Number(v),
          epoch: Number(row.epoch),
        })),
    )
    .sort((a, b) => a.step - b.step || (a.metric < b.metric ? -1 : 1));
}

const points = () =>
  engine.rows<{ metric: string; step: number; value: number; epoch: number }>(
    `SELECT mn.name AS metric, m.step, m.value, m.epoch FROM metrics m JOIN metric_names mn USING (metric_id) ORDER BY m.step, mn.name`,
  );
const kv = (table: 'params' | 'summary' | 'meta') =>
  new Map(
    engine
      .rows<{ key: string; value: string | null }>(`SELECT key, value FROM ${table}`)
      .map((r) => [r.key, r.value]),
  );

describe('a trainer_state.json (lora-imdb-distilbert)', () => {
  const path = 'real/hf_trainer/lora-imdb-distilbert_trainer_state.json';
  const state = json(path);

  it('makes a point of every train and eval value at its step, with its float epoch', async () => {
    const expected = historyPoints(state.log_history as Row[]);
    const r = await engine.ingest(fixture(path, 'lora-imdb/trainer_state.json'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Hugging Face Trainer state');
    expect(r.report?.points).toBe(expected.length);
    expect(points()).toEqual(expected);
    // Line 146 of the file: "epoch": 2.7199999999999998, at step 340.
    expect(engine.rows('SELECT DISTINCT epoch FROM metrics WHERE step = 340')).toEqual([
      { epoch: 2.7199999999999998 },
    ]);
  });

  it('is the run of its folder', async () => {
    await engine.ingest(fixture(path, 'lora-imdb/trainer_state.json'));
    expect(engine.rows('SELECT name, run_key, state FROM runs')).toEqual([
      { name: 'lora-imdb', run_key: 'dir:lora-imdb', state: null },
    ]);
  });

  it('puts the set-up in params and where training ended in summary', async () => {
    await engine.ingest(fixture(path, 'lora-imdb/trainer_state.json'));
    const params = kv('params');
    for (const key of [
      'max_steps',
      'num_train_epochs',
      'logging_steps',
      'eval_steps',
      'save_steps',
      'train_batch_size',
    ]) {
      expect(params.get(key)).toBe(String(state[key]));
    }
    expect(params.get('trial_params')).toBeNull();
    const summary = kv('summary');
    expect(summary.get('global_step')).toBe(String(state.global_step));
    expect(summary.get('total_flos')).toBe(String(state.total_flos));
    expect(summary.get('best_metric')).toBeNull();
    expect(summary.has('best_metric')).toBe(true);
    const meta = kv('meta');
    expect(JSON.parse(meta.get('stateful_callbacks') ?? '')).toEqual(state.stateful_callbacks);
  });
});

describe('HF results files (whisper-tiny)', () => {
  it('reads all_results.json as the summary of its output dir', async () => {
    // Line 3 of the file, "eval_loss": 0.5099794864654541, has a 16-digit fraction: it is a number, not a long integer.
    const path = 'real/hf_trainer/whisper-tiny-nbailab_all_results.json';
    const r = await engine.ingest(fixture(path, 'whisper-tiny/all_results.json'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Hugging Face Trainer all_results.json');
    const expected = Object.entries(json(path)).map(([key, value]) => [key, String(value)]);
    expect([...kv('summary')].sort()).toEqual(expected.sort());
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'whisper-tiny', run_key: 'dir:whisper-tiny' },
    ]);
  });

  it('merges train, eval and all results of one dir into one run', async () => {
    for (const which of ['all', 'eval', 'train']) {
      await engine.ingest(
        fixture(
          `real/hf_trainer/whisper-tiny-nbailab_${which}_results.json`,
          `whisper-tiny/${which}_results.json`,
        ),
      );
    }
    expect(engine.rows('SELECT count(*) AS n FROM runs')).toEqual([{ n: 1 }]);
    const keys = new Set(
      ['all', 'eval', 'train'].flatMap((w) =>
        Object.keys(json(`real/hf_trainer/whisper-tiny-nbailab_${w}_results.json`)),
      ),
    );
    expect(new Set(kv('summary').keys())).toEqual(keys);
  });
});

describe('an output dir with a final state and a checkpoint (synthetic)', () => {
  const root = 'synthetic/hf/out/trainer_state.json';
  const checkpoint = 'synthetic/hf/out/checkpoint-2/trainer_state.json';

  it('keeps 9223372036854775807 exactly', async () => {
    expect(readFileSync(join(FIXTURES, root), 'utf8')).toContain(
      '"num_train_epochs": 9223372036854775807,',
    );
    await engine.ingest(fixture(root, 'out/trainer_state.json'));
    expect(engine.rows("SELECT value, num FROM params WHERE key = 'num_train_epochs'")).toEqual([
      { value: '9223372036854775807', num: Number('9223372036854775807') },
    ]);
  });

  it('reads the end-of-training row as the summary and the run as finished', async () => {
    const history = json(root).log_history as Row[];
    const final = history.find((row) => 'train_runtime' in row) ?? {};
    await engine.ingest(fixture(root, 'out/trainer_state.json'));
    const summary = kv('summary');
    for (const [key, value] of Object.entries(final)) {
      if (key !== 'step' && key !== 'epoch')
        expect([key, summary.get(key)]).toEqual([key, String(value)]);
    }
    expect(engine.rows('SELECT state FROM runs')).toEqual([{ state: 'finished' }]);
  });

  it('keeps total_flos (about 1e18) as the double the file wrote, not rounded', async () => {
    // Line 85 of the file: "total_flos": 1.2345678901234568e+18.
    await engine.ingest(fixture(root, 'out/trainer_state.json'));
    const [flos] = engine.rows<{ value: string; num: number }>(
      "SELECT value, num FROM summary WHERE key = 'total_flos'",
    );
    expect(flos.num).toBe(1.2345678901234568e18);
    expect(Number(flos.value)).toBe(1.2345678901234568e18);
  });

  it('keeps a NaN grad_norm as a point', async () => {
    await engine.ingest(fixture(root, 'out/trainer_state.json'));
    const nan = engine.rows<{ step: number; value: number }>(
      "SELECT step, value FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'grad_norm' AND isnan(value)",
    );
    // Line 37 of the file: "grad_norm": NaN, in the record of step 3.
    expect(nan).toEqual([{ step: 3, value: NaN }]);
  });

  for (const order of [
    [checkpoint, root],
    [root, checkpoint],
  ]) {
    it(`joins the checkpoint to the output dir's run, final values from the dir's own state (${order[0] === root ? 'root first' : 'checkpoint first'})`, async () => {
      for (const path of order)
        await engine.ingest(fixture(path, path.replace('synthetic/hf/', '')));
      expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
        { name: 'out', run_key: 'dir:out' },
      ]);
      const final = json(root);
      const saved = json(checkpoint);
      const summary = kv('summary');
      expect(summary.get('global_step')).toBe(String(final.global_step));
      expect(summary.get('best_metric')).toBe(String(final.best_metric));
      const meta = kv('meta');
      expect(meta.get('checkpoint-2.global_step')).toBe(String(saved.global_step));
      expect(meta.get('checkpoint-2.best_model_checkpoint')).toBe(saved.best_model_checkpoint);
      const expected = historyPoints(final.log_history as Row[]);
      expect(points().map((p) => `${p.metric}@${p.step}`)).toEqual(
        expected.map((p) => `${p.metric}@${p.step}`),
      );
    });
  }

  it("says in the checkpoint's report which checkpoint it was and how it combines", async () => {
    const r = await engine.ingest(fixture(checkpoint, 'out/checkpoint-2/trainer_state.json'));
    expect(r.report?.warnings.join(' ')).toContain('This is the state saved with checkpoint-2');
  });
});

describe('HF files that cannot be read', () => {
  it('names the line of a JSON syntax error', async () => {
    const r = await engine.ingest(
      text(
        'out/trainer_state.json',
        '{\n  "global_step": 3,\n  "log_history": [\n    {"loss": 1.0 "step": 1}\n  ]\n}\n',
      ),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^The JSON is not valid on line 4/);
  });

  it('rejects a history record without a step, by its number', async () => {
    const r = await engine.ingest(
      text(
        'out/trainer_state.json',
        JSON.stringify({
          global_step: 2,
          log_history: [{ loss: 1, step: 1 }, { loss: 0.5 }, { loss: 0.25, step: 2 }],
        }),
      ),
    );
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([{ reason: 'no step', lines: [2], count: 1 }]);
    expect(r.report?.points).toBe(2);
  });
});
