/**
 * Lightning `hparams.yaml`: the hyperparameters of the run that is its folder, each value kept as
 * the text it was written with. Expected values come from the fixtures' own lines.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { flattenYamlMapping } from '../../../src/lib/importers/yaml/flat-params';
import { FIXTURES, fixture, makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const params = () =>
  engine.rows<{ key: string; value: string | null; num: number | null }>(
    'SELECT key, value, num FROM params ORDER BY key',
  );

describe('a Lightning hparams.yaml', () => {
  const path = 'real/lightning/mlops-homework_version_0_hparams.yaml';

  it('gives every line as a hyperparameter of the folder run, with its text as written', async () => {
    const lines = readFileSync(join(FIXTURES, path), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [key, value] = l.split(': ');
        return { key, value, num: Number(value) };
      });
    expect(lines.find((l) => l.key === 'lr')?.value).toBe('1.0e-05');
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_0/hparams.yaml'));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('Lightning hparams.yaml');
    expect(engine.rows('SELECT name, run_key FROM runs')).toEqual([
      { name: 'lightning_logs/version_0', run_key: 'dir:lightning_logs/version_0' },
    ]);
    expect(params()).toEqual(lines.sort((a, b) => (a.key < b.key ? -1 : 1)));
  });
});

describe('hparams.yaml with nesting, lists, tuples and nulls (synthetic)', () => {
  const path = 'synthetic/lightning/lightning_logs/version_1/hparams.yaml';

  it('flattens mappings to dotted keys, keeps lists as JSON text and null as null', async () => {
    const r = await engine.ingest(fixture(path, 'lightning_logs/version_1/hparams.yaml'));
    const got = new Map(params().map((p) => [p.key, p]));
    expect(got.get('model.name')).toEqual({ key: 'model.name', value: 'lstm', num: null });
    expect(got.get('model.dropout')).toEqual({ key: 'model.dropout', value: '0.1', num: 0.1 });
    expect(got.get('layers')?.value).toBe('[64, 128]');
    expect(got.get('scheduler')).toEqual({ key: 'scheduler', value: null, num: null });
    expect(got.get('use_amp')?.value).toBe('true');
    expect(got.get('lr')).toEqual({ key: 'lr', value: '1.0e-05', num: 1e-5 });
    // PyYAML writes a tuple as `!!python/tuple` followed by a block list (lines 2–4 of the file).
    expect(got.get('betas')?.value).toBe('[0.9, 0.999]');
    expect(r.report?.warnings.join(' ')).toContain('!!python/tuple');
  });

  it('keeps an integer too long for a double exactly', async () => {
    await engine.ingest(fixture(path, 'lightning_logs/version_1/hparams.yaml'));
    expect(params().find((p) => p.key === 'max_steps')?.value).toBe('9223372036854775807');
  });
});

describe('hparams.yaml that cannot be read', () => {
  it('names the line of a YAML syntax error', async () => {
    const r = await engine.ingest(text('v/hparams.yaml', 'lr: 0.1\nlayers: [1, 2\nbatch: 3\n'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^The YAML is not valid on line \d+/);
    expect(engine.rows('SELECT * FROM runs')).toEqual([]);
  });

  it('says so when the top level is not a mapping', async () => {
    const r = await engine.ingest(text('v/hparams.yaml', '- 1\n- 2\n'));
    expect(r.status).toBe('failed');
    expect(r.message).toBe('The YAML does not hold a mapping (key: value lines) at its top level.');
  });

  it('loads an empty mapping as a run without hyperparameters, and says so', async () => {
    const r = await engine.ingest(text('lightning_logs/version_2/hparams.yaml', '{}\n'));
    expect(r.status).toBe('loaded');
    expect(r.report?.warnings).toEqual(['The file holds no hyperparameters.']);
    expect(params()).toEqual([]);
  });
});

describe('flattenYamlMapping', () => {
  it('follows aliases and keeps other Python objects as their tagged text', () => {
    const flat = flattenYamlMapping(
      'a: &x [1, 2.50]\nb: *x\ndtype: !!python/object/apply:torch.float32 []\nnested: {}\n',
    );
    expect(flat.entries).toEqual([
      { key: 'a', value: '[1, 2.50]' },
      { key: 'b', value: '[1, 2.50]' },
      { key: 'dtype', value: '!!python/object/apply:torch.float32 []' },
      { key: 'nested', value: '{}' },
    ]);
  });

  it('gives a number written in a form the number reader does not know as the number', () => {
    expect(flattenYamlMapping('hex: 0x1F\ninf: .inf\n').entries).toEqual([
      { key: 'hex', value: 31 },
      { key: 'inf', value: Infinity },
    ]);
  });
});
