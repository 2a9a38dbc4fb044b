/**
 * The files of a W&B run folder, dropped as `wandb/run-<date>-<id>/files/<name>`. Expected values
 * are computed here from the files' own text (JSON.parse, and `yaml` for config.yaml).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { FIXTURES, fixture, makeEngine, text } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const CARTPOLE = 'wandb/run-20231211_140152-5milpyx4/files';
const cartpole = (name: string) =>
  fixture(`real/wandb/robust-cartpole_run-5milpyx4_${name}`, `${CARTPOLE}/${name}`);
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

type Row = { key: string; value: string | null; num?: number | null };
const table = (name: 'params' | 'summary' | 'meta') =>
  engine.rows<Row>(`SELECT * EXCLUDE (run_id) FROM ${name} ORDER BY key`);
const metaOf = () => new Map(table('meta').map((m) => [m.key, m.value]));

/** Ingests in path order, as a dropped folder is. */
async function ingestAll(files: { name: string; blob: Blob }[]) {
  const reports = [];
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1)))
    reports.push(await engine.ingest(f));
  return reports;
}

describe('a wandb 0.16 run folder (summary, config, metadata)', () => {
  it('is one run keyed by the id in the folder name, named by that id until a file knows its name', async () => {
    const reports = await ingestAll([
      cartpole('wandb-summary.json'),
      cartpole('config.yaml'),
      cartpole('wandb-metadata.json'),
    ]);
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(engine.rows('SELECT run_key, name, state FROM runs')).toEqual([
      { run_key: 'wandb:5milpyx4', name: '5milpyx4', state: null },
    ]);
  });

  it('takes every config key as a param, unwrapped from {desc, value}, without wandb_version and _wandb', async () => {
    const r = await engine.ingest(cartpole('config.yaml'));
    expect(r.report?.format).toBe(
      'W&B run config (config.yaml, wandb ≤ 0.16 layout, {desc, value})',
    );
    const config = parseYaml(read('real/wandb/robust-cartpole_run-5milpyx4_config.yaml')) as Record<
      string,
      { value: unknown }
    >;
    const expected = Object.entries(config)
      .filter(([k]) => k !== 'wandb_version' && k !== '_wandb')
      .map(([key, entry]) => ({ key, value: String(entry.value) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(table('params').map(({ key, value }) => ({ key, value }))).toEqual(expected);
  });

  it("puts the _wandb block's versions and framework in meta, and its start time as the run's creation", async () => {
    await engine.ingest(cartpole('config.yaml'));
    const wandb = (
      parseYaml(read('real/wandb/robust-cartpole_run-5milpyx4_config.yaml')) as {
        _wandb: { value: Record<string, unknown> };
      }
    )._wandb.value;
    const meta = metaOf();
    expect(meta.get('python_version')).toBe(wandb.python_version);
    expect(meta.get('wandb_version')).toBe(wandb.cli_version);
    expect(meta.get('framework')).toBe(wandb.framework);
    expect(engine.rows('SELECT created_at FROM runs')).toEqual([{ created_at: wandb.start_time }]);
  });

  it('takes the summary as written, with _step, _runtime and _timestamp, and _wandb.runtime only as a stand-in for _runtime', async () => {
    await engine.ingest(cartpole('wandb-summary.json'));
    const summary = JSON.parse(
      read('real/wandb/robust-cartpole_run-5milpyx4_wandb-summary.json'),
    ) as Record<string, unknown>;
    const expected = Object.entries(summary)
      .filter(([k]) => k !== '_wandb')
      .map(([key, v]) => ({ key, num: v as number }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(table('summary').map(({ key, num }) => ({ key, num }))).toEqual(expected);
    expect(expected.find((e) => e.key === '_step')?.num).toBe(1275);
  });

  it('puts the machine metadata in meta, with the command line, and not the stale "running" state or the e-mail', async () => {
    await engine.ingest(cartpole('wandb-metadata.json'));
    const metadata = JSON.parse(
      read('real/wandb/robust-cartpole_run-5milpyx4_wandb-metadata.json'),
    ) as {
      python: string;
      host: string;
      program: string;
      args: string[];
      git: { commit: string; remote: string };
      startedAt: string;
      state: string;
      cpu_count: number;
    };
    const meta = metaOf();
    expect(meta.get('python')).toBe(metadata.python);
    expect(meta.get('host')).toBe(metadata.host);
    expect(meta.get('git.commit')).toBe(metadata.git.commit);
    expect(meta.get('git.remote')).toBe(metadata.git.remote);
    expect(meta.get('cpu_count')).toBe(String(metadata.cpu_count));
    expect(meta.get('command')).toBe([metadata.program, ...metadata.args].join(' '));
    expect(meta.get('startedAt')).toBe(metadata.startedAt);
    expect(metadata.state).toBe('running');
    expect([...meta.keys()].filter((k) => ['state', 'email', 'heartbeatAt'].includes(k))).toEqual(
      [],
    );
    expect(engine.rows('SELECT state, created_at FROM runs')).toEqual([
      // startedAt has no zone: W&B wrote it in UTC (utcnow().isoformat()); microseconds kept.
      {
        state: null,
        created_at:
          Date.parse(`${metadata.startedAt.slice(0, 19)}Z`) / 1000 +
          Number(`0${metadata.startedAt.slice(19)}`),
      },
    ]);
  });
});

describe('a wandb 0.25 run (config keys wrapped as {value}, metadata inside _wandb.e)', () => {
  // The files come from wandb/latest-run/files/; the folder name here is built from their startedAt and the id in the fixture's name.
  const folder = 'wandb/run-20260225_205409-efr29yl1/files';
  const scaling = (fixtureName: string, name: string) =>
    fixture(`real/wandb/scaling_run-efr29yl1_${fixtureName}`, `${folder}/${name}`);

  it('unwraps each config key from {value}, keeping null values', async () => {
    const r = await engine.ingest(scaling('config.yaml', 'config.yaml'));
    expect(r.report?.format).toBe('W&B run config (config.yaml, newer wandb layout, {value})');
    const config = parseYaml(read('real/wandb/scaling_run-efr29yl1_config.yaml')) as Record<
      string,
      { value: unknown }
    >;
    const expected = Object.entries(config)
      .filter(([k]) => k !== '_wandb')
      .map(([key, entry]) => ({ key, value: entry.value === null ? null : String(entry.value) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(table('params').map(({ key, value }) => ({ key, value }))).toEqual(expected);
  });

  it('reads the machine metadata inside _wandb.e as wandb-metadata.json gives it', async () => {
    await engine.ingest(scaling('config.yaml', 'config.yaml'));
    const fromConfig = metaOf();
    const other = await makeEngine();
    await other.ingest(scaling('wandb-metadata.json', 'wandb-metadata.json'));
    const fromMetadata = new Map(
      other.rows<Row>('SELECT key, value FROM meta').map((m) => [m.key, m.value]),
    );
    for (const [key, value] of fromMetadata) expect(fromConfig.get(key)).toBe(value);
    // Byte counts are strings in this wandb's files: kept exactly.
    expect(fromMetadata.get('memory.total')).toBe('17179869184');
  });

  it('reads a _timestamp written in scientific notation', async () => {
    await engine.ingest(scaling('wandb-summary_sci-notation.json', 'wandb-summary.json'));
    const summary = JSON.parse(
      read('real/wandb/scaling_run-efr29yl1_wandb-summary_sci-notation.json'),
    ) as Record<string, number>;
    expect(read('real/wandb/scaling_run-efr29yl1_wandb-summary_sci-notation.json')).toContain(
      '"_timestamp":1.772073778430985e+09',
    );
    const got = new Map(table('summary').map((s) => [s.key, s.num]));
    expect(got.get('_timestamp')).toBe(summary._timestamp);
    expect(got.get('_runtime')).toBe(summary._runtime);
    expect(got.has('_wandb.runtime')).toBe(false);
  });
});

describe('a config.yaml with plain values (no wrappers)', () => {
  const path = 'synthetic/wandb/config_plain_values.yaml';

  it('takes nested keys dotted, lists as JSON, and numbers exactly as written', async () => {
    const r = await engine.ingest(
      fixture(path, 'wandb/run-20260105_093000-q8w2e5r1/files/config.yaml'),
    );
    expect(r.report?.format).toBe('W&B run config (config.yaml, plain values)');
    const params = new Map(table('params').map((p) => [p.key, p.value]));
    expect(params.get('learning_rate')).toBe('3e-4');
    expect(params.get('optimizer.name')).toBe('adamw');
    expect(params.get('optimizer.betas')).toBe('[0.9,0.999]');
    expect(params.get('use_amp')).toBe('true');
    expect(params.get('notes')).toBe(null);
    expect([...params.keys()].some((k) => k.startsWith('_wandb'))).toBe(false);
  });

  it('reads the metadata block, quoting the argument with a space in the command line', async () => {
    await engine.ingest(fixture(path, 'wandb/run-20260105_093000-q8w2e5r1/files/config.yaml'));
    const meta = metaOf();
    expect(meta.get('host')).toBe('node-07');
    expect(meta.get('wandb_version')).toBe('0.25.0');
    expect(meta.get('command')).toBe("train.py --lr=3e-4 --tag 'first run'");
    expect(meta.has('writerId')).toBe(false);
    expect(engine.rows('SELECT created_at FROM runs')).toEqual([
      { created_at: Date.parse('2026-01-05T09:30:00Z') / 1000 + 0.25 },
    ]);
  });
});

describe('a run resumed into three run folders with the same id', () => {
  const dirs = [
    'run-20260301_142445-dxeyt9j0',
    'run-20260307_155500-dxeyt9j0',
    'run-20260308_141232-dxeyt9j0',
  ];
  const summaries = dirs.map((dir) =>
    fixture(
      `real/wandb/scaling_resumed-dxeyt9j0_${dir}_wandb-summary.json`,
      `wandb/${dir}/files/wandb-summary.json`,
    ),
  );
  const config = fixture(
    'real/wandb/scaling_resumed-dxeyt9j0_run-20260301_142445_config.yaml',
    `wandb/${dirs[0]}/files/config.yaml`,
  );

  it('is one run, whose summary holds every key of the three, the later folders winning', async () => {
    await ingestAll([...summaries, config]);
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'wandb:dxeyt9j0' }]);
    const merged = new Map<string, number>();
    for (const dir of dirs) {
      const s = JSON.parse(
        read(`real/wandb/scaling_resumed-dxeyt9j0_${dir}_wandb-summary.json`),
      ) as Record<string, number>;
      for (const [k, v] of Object.entries(s)) if (k !== '_wandb') merged.set(k, v);
    }
    const got = new Map(table('summary').map((s) => [s.key, s.num]));
    expect(got).toEqual(merged);
    expect(got.get('_step')).toBe(186062);
  });
});

describe('requirements.txt and output.log', () => {
  const folder = 'wandb/run-20260105_093000-q8w2e5r1/files';

  it('gives one meta row per package, named as pip normalizes names, and says which lines name none', async () => {
    const r = await engine.ingest(
      fixture('synthetic/wandb/requirements.txt', `${folder}/requirements.txt`),
    );
    const packages = table('meta').filter((m) => m.key.startsWith('package:'));
    expect(packages.map(({ key, value }) => [key, value])).toEqual([
      [
        'package:example-tools',
        'git+https://github.com/example/tools.git@0123abc#egg=example_tools',
      ],
      ['package:mypkg', '@ file:///home/user/src/mypkg'],
      ['package:numpy', '1.26.4'],
      ['package:pyyaml', '6.0.1'],
      ['package:torch', '2.2.0+cu121'],
      ['package:typing-extensions', '4.9.0'],
    ]);
    expect(r.report?.warnings).toContain(
      '1 line name no package and were not loaded (line 8: "--extra-index-url https://download.pytorch.org/whl/cu121").',
    );
  });

  it('are given to each run even when two runs have the same bytes', async () => {
    const same = 'numpy==1.26.4\n';
    await engine.ingest(text('wandb/run-20260105_093000-aaaa1111/files/requirements.txt', same));
    const second = await engine.ingest(
      text('wandb/run-20260105_093100-bbbb2222/files/requirements.txt', same),
    );
    expect(second.status).toBe('loaded');
    expect(
      engine.rows('SELECT run_key, key FROM meta JOIN runs USING (run_id) ORDER BY run_key'),
    ).toEqual([
      { run_key: 'wandb:aaaa1111', key: 'package:numpy' },
      { run_key: 'wandb:bbbb2222', key: 'package:numpy' },
    ]);
  });

  it('leaves output.log out and says so', async () => {
    const r = await engine.ingest(fixture('synthetic/wandb/output.log', `${folder}/output.log`));
    expect(r.report?.warnings).toContain(
      'output.log is a log of the run, not run data: Lockstep does not load it.',
    );
    expect(engine.rows('SELECT count(*)::INT AS n FROM runs')).toEqual([{ n: 0 }]);
  });
});

describe('a summary outside a run folder', () => {
  it('is keyed by its folder, and says the run id is unknown', async () => {
    const r = await engine.ingest(
      text('exp1/files/wandb-summary.json', '{"loss": 0.5, "_step": 9}'),
    );
    expect(engine.rows('SELECT run_key, name FROM runs')).toEqual([
      { run_key: 'dir:exp1', name: 'exp1' },
    ]);
    expect(
      r.report?.warnings.some((w) => w.startsWith('The file is not inside a W&B run folder')),
    ).toBe(true);
  });

  it('leaves out media objects and says which', async () => {
    const summary =
      '{"acc": 0.9, "examples": {"_type": "image-file", "path": "media/images/x.png", "width": 28}, "_step": 3}';
    const r = await engine.ingest(
      text('wandb/run-20260105_093000-q8w2e5r1/files/wandb-summary.json', summary),
    );
    expect(table('summary').map((s) => s.key)).toEqual(['_step', 'acc']);
    expect(r.report?.warnings).toContain(
      'W&B objects in the summary are media or tables, not values, and were not loaded: image-file ×1.',
    );
  });
});

describe('the history of wandb < 0.10, wandb-history.jsonl in the run folder', () => {
  it("is the run's metrics, at _step with _timestamp as wall time, keyed by the folder's id", async () => {
    const lines = [
      { _step: 0, _runtime: 2.5, _timestamp: 1580000000.5, loss: 2.5 },
      { _step: 1, _runtime: 3.5, _timestamp: 1580000001.5, loss: 2.25, acc: 0.5 },
    ];
    const r = await engine.ingest(
      text(
        'wandb/run-20200126_005320-3ka9x0qe/wandb-history.jsonl',
        lines.map((l) => JSON.stringify(l)).join('\n'),
      ),
    );
    expect(r.report?.format).toBe('W&B run history (wandb-history.jsonl)');
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'wandb:3ka9x0qe' }]);
    const got = engine.rows<{ name: string; step: number; value: number; wall: number }>(
      `SELECT name, step, value, wall FROM metrics JOIN metric_names USING (metric_id) WHERE name <> '_runtime' ORDER BY name, step`,
    );
    expect(got).toEqual([
      { name: 'acc', step: 1, value: 0.5, wall: 1580000001.5 },
      { name: 'loss', step: 0, value: 2.5, wall: 1580000000.5 },
      { name: 'loss', step: 1, value: 2.25, wall: 1580000001.5 },
    ]);
  });
});

describe("wandb/latest-run, W&B's link to the newest run folder", () => {
  it('is keyed by the folder, and says it will not merge with the run folder it points to', async () => {
    const r = await engine.ingest(
      fixture(
        'real/wandb/scaling_run-efr29yl1_wandb-summary_sci-notation.json',
        'wandb/latest-run/files/wandb-summary.json',
      ),
    );
    expect(engine.rows('SELECT run_key FROM runs')).toEqual([{ run_key: 'dir:wandb/latest-run' }]);
    expect(
      r.report?.warnings.some((w) =>
        w.startsWith('"wandb/latest-run" is W&B\'s link to the newest run folder'),
      ),
    ).toBe(true);
  });
});
