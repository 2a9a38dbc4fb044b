/**
 * TensorBoard event files through the whole ingest. Expected values come from the files' bytes,
 * read by the plain reference in tfevents/reference.ts (framing by lengths, BigInt varints),
 * or from the files beside them (Lightning's hparams.yaml), never from the importer.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Engine } from '../../../src/lib/engine/engine';
import {
  eventFileOptions,
  tensorboardEventsImporter,
} from '../../../src/lib/importers/tensorboard-events';
import { CHUNK_BYTES } from '../../../src/lib/importers/text/chunks';
import { FIXTURES, makeEngine, text } from '../helpers/engine';
import { ImportReport } from '../../../src/lib/importers/report';
import type { ImportSink } from '../../../src/lib/importers/types';
import {
  lastByStep,
  refFields,
  refRecords,
  refScalars,
  type RefScalar,
} from './tfevents/reference';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});
afterEach(() => {
  eventFileOptions.chunkBytes = CHUNK_BYTES;
});

const DIR = 'real/tensorboard/';
const LIGHTNING = 'text-gen-lstm_lightning_events.out.tfevents.1716735746.99c8c45923de.3769.0';
const KERAS_TRAIN =
  'stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2';
const KERAS_VALIDATION =
  'stockdata_keras_validation_events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2';
const SWAHILI =
  'swahili-stt_keras_train_events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2';

function bytesOf(name: string): Uint8Array {
  const b = readFileSync(join(FIXTURES, DIR, name));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The file's events as dropped in a logdir: `name` is the path the page would see. */
const dropped = (bytes: Uint8Array, name: string) => text(name, bytes);

interface PointRow {
  tag: string;
  step: number;
  value: number;
  wall: number;
}

function pointsOf(run: string): Map<string, number> {
  const rows = engine.rows<PointRow>(
    `SELECT mn.name AS tag, m.step, m.value, m.wall FROM metrics m JOIN runs r USING (run_id) JOIN metric_names mn USING (metric_id)
     WHERE r.name = '${run}'`,
  );
  return new Map(rows.map((r) => [`${r.tag}|${r.step}`, r.value]));
}

/** Count of summary values per plugin (the plugin named by each tag's first value), from the bytes. */
function valuesByPlugin(bytes: Uint8Array): Map<string, { values: number; tags: Set<string> }> {
  const pluginOf = new Map<string, string>();
  const out = new Map<string, { values: number; tags: Set<string> }>();
  const decoder = new TextDecoder();
  for (const { data } of refRecords(bytes).records) {
    const summary = refFields(data).find((f) => f.field === 5)?.value;
    if (!(summary instanceof Uint8Array)) continue;
    for (const v of refFields(summary)) {
      const fields = refFields(v.value as Uint8Array);
      const tag = decoder.decode(fields.find((f) => f.field === 1)?.value as Uint8Array);
      if (!pluginOf.has(tag)) {
        const meta = fields.find((f) => f.field === 9)?.value as Uint8Array | undefined;
        const pd = meta && (refFields(meta).find((f) => f.field === 1)?.value as Uint8Array);
        const name = pd && (refFields(pd).find((f) => f.field === 1)?.value as Uint8Array);
        pluginOf.set(tag, name ? decoder.decode(name) : '');
      }
      const plugin = pluginOf.get(tag) ?? '';
      const e = out.get(plugin) ?? { values: 0, tags: new Set<string>() };
      e.values++;
      e.tags.add(tag);
      out.set(plugin, e);
    }
  }
  return out;
}

describe('a Lightning TensorBoardLogger event file (simple values)', () => {
  const bytes = bytesOf(LIGHTNING);
  const name = 'lightning_logs/version_0/events.out.tfevents.1716735746.99c8c45923de.3769.0';

  it('has every scalar of the file at its step; at a repeated step the later value is kept, and said', async () => {
    const expected = lastByStep(refScalars(bytes));
    const repeated = refScalars(bytes).length - expected.size;
    const r = await engine.ingest(dropped(bytes, name));
    expect(r.status).toBe('loaded');
    expect(r.report?.format).toBe('TensorBoard event file');
    expect(r.report?.points).toBe(expected.size);
    expect(pointsOf('lightning_logs/version_0')).toEqual(expected);
    expect(repeated).toBe(1);
    expect(r.report?.warnings).toContain(
      `${repeated} points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.`,
    );
  });

  it("keeps each point's wall time in unix seconds, and the first event's as the run's start", async () => {
    const scalars = refScalars(bytes);
    await engine.ingest(dropped(bytes, name));
    const got = engine.rows<PointRow>(
      `SELECT mn.name AS tag, m.step, m.wall FROM metrics m JOIN metric_names mn USING (metric_id) WHERE mn.name = 'val_loss' ORDER BY step`,
    );
    expect(got.map((g) => g.wall)).toEqual(
      scalars.filter((s) => s.tag === 'val_loss').map((s) => s.wall),
    );
    const firstWall = new DataView(
      refRecords(bytes).records[0].data.buffer,
      refRecords(bytes).records[0].data.byteOffset + 1,
    ).getFloat64(0, true);
    expect(engine.rows('SELECT created_at FROM runs')).toEqual([{ created_at: firstWall }]);
  });

  it('counts as read every record the framing holds', async () => {
    const { records, leftover } = refRecords(bytes);
    const r = await engine.ingest(dropped(bytes, name));
    expect(leftover).toBe(0);
    expect(r.report?.rowsRead).toBe(records.length);
    expect(r.report?.rowUnit).toBe('record');
  });

  it('finds every tag whose name appears in the file as text', async () => {
    await engine.ingest(dropped(bytes, name));
    const latin1 = new TextDecoder('latin1').decode(bytes);
    const tags = engine.rows<{ name: string }>('SELECT name FROM metric_names').map((t) => t.name);
    expect(tags.sort()).toEqual(['epoch', 'hp_metric', 'train_loss', 'val_loss']);
    for (const t of tags) expect(latin1).toContain(t);
  });

  it('is one run named after its folder, on the host the file name gives', async () => {
    await engine.ingest(dropped(bytes, name));
    expect(engine.rows('SELECT run_key, name FROM runs')).toEqual([
      { run_key: 'dir:lightning_logs/version_0', name: 'lightning_logs/version_0' },
    ]);
    expect(engine.rows('SELECT key, value FROM meta')).toEqual([
      { key: 'host', value: '99c8c45923de' },
    ]);
  });

  it("reads the hparams plugin's hyperparameters as params, the same as the hparams.yaml beside it", async () => {
    const yaml = parseYaml(
      readFileSync(join(FIXTURES, DIR, 'text-gen-lstm_lightning_hparams.yaml'), 'utf8'),
    ) as Record<string, number>;
    const r = await engine.ingest(dropped(bytes, name));
    const params = engine.rows<{ key: string; value: string; num: number }>(
      'SELECT key, value, num FROM params ORDER BY key',
    );
    expect(params).toEqual(
      Object.keys(yaml)
        .sort()
        .map((key) => ({ key, value: String(yaml[key]), num: yaml[key] })),
    );
    expect(r.report?.warnings[0]).toBe(
      'Only scalars are loaded; left out: 3 hparams values (3 tags: _hparams_/experiment, _hparams_/session_start_info, _hparams_/session_end_info), ' +
        `whose ${Object.keys(yaml).length} hyperparameters were read as params.`,
    );
  });

  it('reads the same when records are split across chunks', async () => {
    eventFileOptions.chunkBytes = 4093;
    const r = await engine.ingest(dropped(bytes, name));
    expect(r.status).toBe('loaded');
    expect(r.report?.rowsRead).toBe(refRecords(bytes).records.length);
    expect(pointsOf('lightning_logs/version_0')).toEqual(lastByStep(refScalars(bytes)));
  });

  it('reads the same when each chunk is taken away once handed to the hash (as the hash worker does)', async () => {
    eventFileOptions.chunkBytes = 4093;
    const scalars: RefScalar[] = [];
    const tags: string[] = [];
    let handedOver = 0;
    const sink: ImportSink = {
      run: () => 0,
      metric: (tag) => tags.push(tag) - 1,
      point: (_run, metric, step, value, _epoch, wall) =>
        void scalars.push({ tag: tags[metric], step, value, wall: wall ?? 0 }),
      param() {},
      summary() {},
      meta() {},
      predictions() {},
      predictionSegments() {},
      predictionClassScores() {},
      flush: async () => {},
    };
    const file = dropped(bytes, name);
    const raw = bytes.subarray(0, 65536);
    await tensorboardEventsImporter.read(file, {
      probe: { name, size: bytes.length, raw, head: raw, headText: '', binary: null },
      sink,
      report: new ImportReport(),
      signal: new AbortController().signal,
      onBytes() {},
      onChunk(chunk, owned) {
        if (!owned) return;
        structuredClone(chunk.buffer, { transfer: [chunk.buffer] }); // detaches it here
        expect(chunk.byteLength).toBe(0);
        handedOver++;
      },
    });
    expect(handedOver).toBe(Math.ceil(bytes.length / 4093));
    expect(scalars).toEqual(refScalars(bytes));
  });

  it('merges two event files of one run folder (a resumed run) into one run', async () => {
    const { records } = refRecords(bytes);
    const cut = records[Math.floor(records.length / 2)].offset;
    await engine.ingest(
      dropped(
        bytes.subarray(0, cut),
        'lightning_logs/version_0/events.out.tfevents.1716735746.host.1.0',
      ),
    );
    const second = await engine.ingest(
      dropped(
        bytes.subarray(cut),
        'lightning_logs/version_0/events.out.tfevents.1716739999.host.1.1',
      ),
    );
    expect(second.status).toBe('loaded');
    expect(engine.rows('SELECT name FROM runs')).toEqual([{ name: 'lightning_logs/version_0' }]);
    expect(pointsOf('lightning_logs/version_0')).toEqual(lastByStep(refScalars(bytes)));
  });
});

describe('TF2 Keras event files (scalars as tensors)', () => {
  const train = bytesOf(KERAS_TRAIN);
  const validation = bytesOf(KERAS_VALIDATION);
  const trainName =
    'logs/fit/20220213-124139/train/events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2';
  const validationName =
    'logs/fit/20220213-124139/validation/events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2';

  it("reads the scalars plugin's DT_FLOAT tensors and leaves out histograms and the model graph, counted", async () => {
    const plugins = valuesByPlugin(train);
    const histograms = plugins.get('histograms');
    expect(histograms?.values).toBe(
      new TextDecoder('latin1').decode(train).split('histograms').length - 1,
    );
    const r = await engine.ingest(dropped(train, trainName));
    expect(r.status).toBe('loaded');
    expect(pointsOf('logs/fit/20220213-124139/train')).toEqual(lastByStep(refScalars(train)));
    expect(r.report?.points).toBe(plugins.get('scalars')?.values);
    expect(r.report?.warnings[0]).toMatch(
      new RegExp(
        `left out: .*${histograms?.values} histograms values \\(${histograms?.tags.size} tags: lstm/lstm_cell/kernel_0, `,
      ),
    );
    expect(r.report?.warnings[0]).toContain('1 graph_keras_model value (1 tag: keras)');
  });

  it('keeps NaN values as NaN, and reads an epoch-0 event that has no step field as step 0', async () => {
    const withoutStep = refRecords(validation).records.filter(({ data }) => {
      const fields = refFields(data);
      return fields.some((f) => f.field === 5) && !fields.some((f) => f.field === 2);
    });
    expect(withoutStep.length).toBeGreaterThan(0);
    const r = await engine.ingest(dropped(validation, validationName));
    expect(r.status).toBe('loaded');
    const scalars = refScalars(validation);
    expect(scalars.every((s) => Number.isNaN(s.value))).toBe(true);
    expect(r.report?.points).toBe(scalars.length);
    const series = engine.rows<{ n: number; nonfinite: number; first_step: number }>(
      'SELECT n, nonfinite, first_step FROM series',
    );
    expect(series.every((s) => s.nonfinite === s.n)).toBe(true);
    expect(Math.min(...series.map((s) => s.first_step))).toBe(0);
  });

  it('makes train and validation two runs, named after their folders', async () => {
    await engine.ingest(dropped(train, trainName));
    await engine.ingest(dropped(validation, validationName));
    expect(
      engine.rows<{ name: string }>('SELECT name FROM runs ORDER BY name').map((r) => r.name),
    ).toEqual(['logs/fit/20220213-124139/train', 'logs/fit/20220213-124139/validation']);
  });

  it('reads a file dropped on its own under a prefixed name, and says what it left out', async () => {
    const bytes = bytesOf(SWAHILI);
    const r = await engine.ingest(dropped(bytes, SWAHILI));
    expect(r.status).toBe('loaded');
    expect(engine.rows('SELECT run_key, name FROM runs')).toEqual([
      { run_key: `file:${SWAHILI}`, name: 'swahili-stt_keras_train' },
    ]);
    expect(pointsOf('swahili-stt_keras_train')).toEqual(lastByStep(refScalars(bytes)));
    expect(refScalars(bytes).map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.report?.warnings[0]).toMatch(/left out: .*1 graph event/);
  });
});

describe('damaged and unreadable event files', () => {
  const bytes = bytesOf(LIGHTNING);
  const name = 'logs/v0/events.out.tfevents.1716735746.99c8c45923de.3769.0';

  it('skips a record whose bytes were changed (checksum mismatch), says which and where, and keeps the rest', async () => {
    const { records } = refRecords(bytes);
    const index = 1000;
    const damaged = bytes.slice();
    damaged[records[index].offset + 12 + 5] ^= 0x20;
    const lost = refScalars(
      records[index].data.length ? frameOf(bytes, records[index].offset) : new Uint8Array(0),
    );
    const r = await engine.ingest(dropped(damaged, name));
    expect(r.status).toBe('partial');
    expect(r.report?.rejections).toEqual([
      { reason: 'damaged record (data checksum mismatch)', lines: [index + 1], count: 1 },
    ]);
    expect(r.report?.warnings).toContain(
      `1 record failed the data checksum (damaged bytes; the first at byte ${records[index].offset.toLocaleString('en-US')}): skipped, the other records were read.`,
    );
    const all = refScalars(bytes);
    expect(lost).toHaveLength(1);
    const kept = all.filter(
      (s) => !(s.tag === lost[0].tag && s.step === lost[0].step && s.wall === lost[0].wall),
    );
    expect(pointsOf('logs/v0')).toEqual(lastByStep(kept));
  });

  it('keeps every whole record of a file cut in the middle of one, and warns', async () => {
    const { records } = refRecords(bytes);
    const cut = records[5000].offset + 20;
    const r = await engine.ingest(dropped(bytes.subarray(0, cut), name));
    expect(r.status).toBe('loaded');
    expect(r.report?.rowsRead).toBe(5000);
    expect(pointsOf('logs/v0')).toEqual(
      lastByStep(refScalars(bytes.subarray(0, records[5000].offset))),
    );
    expect(r.report?.warnings).toContain(
      `The file ends in the middle of a record (the last 20 bytes, from byte ${records[5000].offset.toLocaleString('en-US')}): every whole record before it was read. Was it still being written?`,
    );
  });

  it('after a damaged length header, skips to the next valid record', async () => {
    const { records } = refRecords(bytes);
    const damaged = bytes.slice();
    damaged[records[200].offset] ^= 0x01;
    const r = await engine.ingest(dropped(damaged, name));
    expect(r.status).toBe('partial');
    const gap = records[201].offset - records[200].offset;
    expect(r.report?.warnings).toContain(
      `The file is damaged at byte ${records[200].offset.toLocaleString('en-US')}: ${gap} bytes were skipped up to the next valid record.`,
    );
    expect(r.report?.rowsRead).toBe(records.length - 1);
  });

  it('says an empty event file is empty', async () => {
    const r = await engine.ingest(text('logs/events.out.tfevents.1.host', ''));
    expect(r.status).toBe('empty');
    expect(r.message).toBe('The file is empty.');
  });

  it('says a file named like an event file that is not one is not a TFRecord', async () => {
    const garbage = Uint8Array.from({ length: 3000 }, (_, i) => (i * 2654435761) >>> 24);
    const r = await engine.ingest(dropped(garbage, 'logs/events.out.tfevents.x'));
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      'This is not a TensorBoard event file: its first bytes are not a TFRecord (the checksum of the first record does not match).',
    );
    const short = await engine.ingest(text('logs/events.out.tfevents.y', 'hello'));
    expect(short.status).toBe('failed');
    expect(short.message).toBe(
      'The file is too short to be a TensorBoard event file: 5 bytes, while a record takes at least 16.',
    );
  });

  it("says a file with no scalars has none (a profiler's events.out.tfevents.*.profile-empty)", async () => {
    const first = refRecords(bytes).records[0];
    const r = await engine.ingest(
      dropped(
        frameOf(bytes, first.offset),
        'logs/train/events.out.tfevents.1716735746.profile-empty',
      ),
    );
    expect(r.status).toBe('empty');
    expect(r.report?.warnings).toEqual(['The event file holds no scalars.']);
    expect(engine.rows('SELECT * FROM runs')).toEqual([]);
  });
});

describe('sniffing', () => {
  const probe = (name: string, raw: Uint8Array) => ({
    name,
    size: raw.length,
    raw,
    head: raw,
    headText: '',
    binary: 'a binary file',
  });
  const bytes = bytesOf(KERAS_VALIDATION);

  it('is sure of a file named events.out.tfevents.* (or containing it) whose first record checks out', () => {
    expect(
      tensorboardEventsImporter.sniff(
        probe('train/events.out.tfevents.1644728574.host.1.v2', bytes),
      ),
    ).toBeGreaterThanOrEqual(0.9);
    expect(tensorboardEventsImporter.sniff(probe(KERAS_VALIDATION, bytes))).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it('recognizes a renamed event file by its brain.Event header', () => {
    expect(tensorboardEventsImporter.sniff(probe('renamed.bin', bytes))).toBeGreaterThan(0.5);
  });

  it('does not take other binary files', () => {
    const png = Uint8Array.from([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Array(40).fill(0),
    ]);
    expect(tensorboardEventsImporter.sniff(probe('image.png', png))).toBe(0);
  });
});

/** The bytes of the record at `offset`, framing included. */
function frameOf(bytes: Uint8Array, offset: number): Uint8Array {
  const length = Number(
    new DataView(bytes.buffer, bytes.byteOffset + offset).getBigUint64(0, true),
  );
  return bytes.subarray(offset, offset + 16 + length);
}
