import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventFileReader } from '../../../../src/lib/importers/tfevents/event-file';
import type { SessionHparams } from '../../../../src/lib/importers/tfevents/hparams';
import { halfToNumber } from '../../../../src/lib/importers/tfevents/tensor';
import { RecordReader } from '../../../../src/lib/importers/tfevents/tfrecord';
import { FIXTURES } from '../../helpers/engine';
import { concatBytes, fileVersionEvent, frame, pb, refScalars, scalarEvent } from './reference';

interface Read {
  scalars: { tag: string; step: number; value: number; wall: number | undefined }[];
  hparams: SessionHparams[];
  reader: EventFileReader;
}

function read(events: number[][], fastPath = true): Read {
  return readBytes(concatBytes(events.map((e) => frame(e))), fastPath);
}

function readBytes(bytes: Uint8Array, fastPath = true): Read {
  const out: Read['scalars'] = [];
  const hparams: SessionHparams[] = [];
  const reader: EventFileReader = new EventFileReader(
    {
      scalar: (tag, step, value, wall) =>
        out.push({ tag: reader.tags.names[tag], step, value, wall }),
      hparams: (h) => hparams.push(h),
    },
    { fastPath },
  );
  const records = new RecordReader(reader.record, { size: bytes.length });
  records.push(bytes);
  records.finish();
  return { scalars: out, hparams, reader };
}

const scalarsPlugin = pb.bytes(9, pb.bytes(1, pb.string(1, 'scalars')));
const plugin = (name: string) => pb.bytes(9, pb.bytes(1, pb.string(1, name)));
const tensor = (...fields: number[][]) => pb.bytes(8, fields.flat());
const floatContent = (x: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return b;
};
const rank0Float = (x: number) =>
  tensor(pb.varint(1, 1), pb.bytes(2, []), pb.bytes(4, floatContent(x)));

describe('EventFileReader', () => {
  it('reads simple values with their step and wall time; a missing step is step 0', () => {
    const { scalars } = read([
      fileVersionEvent(1700000000),
      scalarEvent(1700000001.5, 0, [...pb.string(1, 'loss'), ...pb.float(2, 0.75)]),
      scalarEvent(1700000002.5, 300, [...pb.string(1, 'loss'), ...pb.float(2, 0.5)]),
    ]);
    expect(scalars).toEqual([
      { tag: 'loss', step: 0, value: 0.75, wall: 1700000001.5 },
      { tag: 'loss', step: 300, value: 0.5, wall: 1700000002.5 },
    ]);
  });

  it('reads rank-0 tensors of a tag whose first value names the scalars plugin, later values without metadata too', () => {
    const { scalars } = read([
      scalarEvent(1, 1, [...pb.string(1, 'epoch_loss'), ...scalarsPlugin, ...rank0Float(2.5)]),
      scalarEvent(2, 2, [...pb.string(1, 'epoch_loss'), ...rank0Float(NaN)]),
    ]);
    expect(scalars.map((s) => [s.tag, s.step, s.value])).toEqual([
      ['epoch_loss', 1, 2.5],
      ['epoch_loss', 2, NaN],
    ]);
  });

  it('skips tensors of other plugins and counts them by plugin and tag', () => {
    const { scalars, reader } = read([
      scalarEvent(1, 1, [
        ...pb.string(1, 'w/kernel_0'),
        ...plugin('histograms'),
        ...tensor(pb.varint(1, 2)),
      ]),
      scalarEvent(1, 2, [...pb.string(1, 'w/kernel_0'), ...tensor(pb.varint(1, 2))]),
      scalarEvent(1, 2, [...pb.string(1, 'note'), ...plugin('text'), ...tensor(pb.varint(1, 7))]),
      scalarEvent(1, 2, [...pb.string(1, 'bare'), ...rank0Float(1)]),
      scalarEvent(1, 2, [...pb.string(1, 'img'), ...pb.bytes(4, [])]),
      [...pb.double(1, 1), ...pb.bytes(4, [1, 2, 3])],
    ]);
    expect(scalars).toEqual([]);
    const skipped = Object.fromEntries(
      [...reader.counts.skippedValues].map(([k, v]) => [k, [v.values, [...v.tags]]]),
    );
    expect(skipped).toEqual({
      histograms: [2, ['w/kernel_0']],
      text: [1, ['note']],
      'tensors without a plugin': [1, ['bare']],
      images: [1, ['img']],
    });
    expect(reader.counts.skippedEvents).toEqual(new Map([['graph', 1]]));
  });

  it('takes a tag marked DATA_CLASS_SCALAR without a plugin name as a scalar', () => {
    const { scalars } = read([
      scalarEvent(1, 4, [...pb.string(1, 'x'), ...pb.bytes(9, pb.varint(4, 1)), ...rank0Float(3)]),
    ]);
    expect(scalars.map((s) => s.value)).toEqual([3]);
  });

  it('reads scalar tensors of every numeric type TensorBoard writes, in their typed fields, packed or not', () => {
    const tag = (n: string, t: number[]) =>
      scalarEvent(1, 1, [...pb.string(1, n), ...scalarsPlugin, ...t]);
    const double = new Uint8Array(8);
    new DataView(double.buffer).setFloat64(0, 0.1, true);
    const int64 = new Uint8Array(8);
    new DataView(int64.buffer).setBigInt64(0, -5n, true);
    const packedDouble = [...pb.bytes(6, double)];
    const { scalars, reader } = read([
      tag('float_val', tensor(pb.varint(1, 1), pb.float(5, 1.5))),
      tag('float_val packed', tensor(pb.varint(1, 1), pb.bytes(5, floatContent(2.5)))),
      tag('double content', tensor(pb.varint(1, 2), pb.bytes(4, double))),
      tag('double_val packed', tensor(pb.varint(1, 2), packedDouble)),
      tag('double_val', tensor(pb.varint(1, 2), pb.double(6, 0.1))),
      tag('int_val negative', tensor(pb.varint(1, 3), pb.varint(7, -7))),
      tag('int64_val', tensor(pb.varint(1, 9), pb.varint(10, 2 ** 40))),
      tag('int64 content', tensor(pb.varint(1, 9), pb.bytes(4, int64))),
      tag('half_val', tensor(pb.varint(1, 19), pb.varint(13, 0x3e00))),
      tag('bfloat16', tensor(pb.varint(1, 14), pb.varint(13, 0x3fc0))),
      tag(
        'shape [1]',
        tensor(pb.varint(1, 1), pb.bytes(2, pb.bytes(2, pb.varint(1, 1))), pb.float(5, 4)),
      ),
      tag(
        'shape [2]',
        tensor(
          pb.varint(1, 1),
          pb.bytes(2, pb.bytes(2, pb.varint(1, 2))),
          pb.bytes(5, [0, 0, 0, 0, 0, 0, 0, 0]),
        ),
      ),
      tag('string', tensor(pb.varint(1, 7), pb.string(8, 'hi'))),
      tag('empty packed', tensor(pb.varint(1, 1), pb.bytes(5, []))),
    ]);
    expect(Object.fromEntries(scalars.map((s) => [s.tag, s.value]))).toEqual({
      float_val: 1.5,
      'float_val packed': 2.5,
      'double content': 0.1,
      'double_val packed': 0.1,
      double_val: 0.1,
      'int_val negative': -7,
      int64_val: 2 ** 40,
      'int64 content': -5,
      half_val: 1.5,
      bfloat16: 1.5,
      'shape [1]': 4,
    });
    const unreadable = Object.fromEntries(
      [...reader.counts.unreadableScalars].map(([k, v]) => [k, [...v.tags]]),
    );
    expect(unreadable).toEqual({
      'a tensor of more than one element': ['shape [2]'],
      'a DT_STRING tensor': ['string'],
      'a tensor with no value': ['empty packed'],
    });
  });

  it('reads the hyperparameters of an hparams session start, and names the ones it cannot', () => {
    const value = (v: number[]) => pb.bytes(2, v);
    const entry = (k: string, v: number[]) => pb.bytes(1, [...pb.string(1, k), ...value(v)]);
    const start = pb.bytes(3, [
      ...entry('lr', pb.double(2, 0.001)),
      ...entry('optimizer', pb.string(3, 'adam')),
      ...entry('amsgrad', pb.varint(4, 1)),
      ...entry('none', pb.varint(1, 0)),
      ...entry('layers', pb.bytes(6, [])),
    ]);
    const meta = pb.bytes(9, pb.bytes(1, [...pb.string(1, 'hparams'), ...pb.bytes(2, start)]));
    const { hparams, reader } = read([
      scalarEvent(1, 0, [...pb.string(1, '_hparams_/session_start_info'), ...meta]),
    ]);
    expect(hparams).toEqual([
      {
        values: [
          ['lr', 0.001],
          ['optimizer', 'adam'],
          ['amsgrad', true],
          ['none', null],
        ],
        nested: ['layers'],
      },
    ]);
    expect(reader.counts.skippedValues.get('hparams')?.values).toBe(1);
  });

  it('refuses a step beyond 2^53 and counts a record that is not an event', () => {
    const { scalars, reader } = read([
      scalarEvent(1, 2 ** 60, [...pb.string(1, 'loss'), ...pb.float(2, 1)]),
      [0x0a, 0x7f, 1, 2],
    ]);
    expect(scalars).toEqual([]);
    expect(reader.counts.badSteps).toBe(1);
    expect(reader.counts.malformed).toEqual({
      count: 1,
      firstOffset: frame(scalarEvent(1, 2 ** 60, [...pb.string(1, 'loss'), ...pb.float(2, 1)]))
        .length,
    });
  });

  it('counts a record too short for its fields as not an event, even as the last bytes of the file', () => {
    for (const last of [[0x09], [0x09, 1, 2], [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]]) {
      const { reader } = read([
        scalarEvent(1, 1, [...pb.string(1, 'loss'), ...pb.float(2, 1)]),
        last,
      ]);
      expect(reader.counts.scalars).toBe(1);
      expect(reader.counts.malformed.count).toBe(1);
    }
  });

  it('converts half-precision bits', () => {
    expect(halfToNumber(0x3c00)).toBe(1);
    expect(halfToNumber(0xc000)).toBe(-2);
    expect(halfToNumber(0x7bff)).toBe(65504);
    expect(halfToNumber(0x0001)).toBe(2 ** -24);
    expect(halfToNumber(0x7c00)).toBe(Infinity);
    expect(halfToNumber(0xfc00)).toBe(-Infinity);
    expect(halfToNumber(0x7e00)).toBeNaN();
  });
});

describe('the fast path for common records', () => {
  const real = [
    'text-gen-lstm_lightning_events.out.tfevents.1716735746.99c8c45923de.3769.0',
    'stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
    'stockdata_keras_validation_events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2',
    'swahili-stt_keras_train_events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2',
  ];

  it.each(real)('gives what the general decoder and the reference give on %s', (name) => {
    const file = readFileSync(join(FIXTURES, 'real/tensorboard', name));
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    const fast = readBytes(bytes, true).scalars;
    const general = readBytes(bytes, false).scalars;
    expect(fast).toEqual(general);
    expect(fast.map((s) => [s.tag, s.step, s.value, s.wall])).toEqual(
      refScalars(bytes).map((s) => [s.tag, s.step, s.value, s.wall]),
    );
  });

  it('agrees with the general decoder on steps of one to four varint bytes and on metadata-free tensors', () => {
    const events = [fileVersionEvent(5)];
    for (const step of [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 40]) {
      events.push(scalarEvent(6, step, [...pb.string(1, 'a'), ...pb.float(2, step / 3)]));
      events.push(
        scalarEvent(6, step, [
          ...pb.string(1, 'b'),
          ...(step === 0 ? scalarsPlugin : []),
          ...rank0Float(step / 7),
        ]),
      );
    }
    expect(read(events, true).scalars).toEqual(read(events, false).scalars);
    expect(read(events, true).scalars).toHaveLength(18);
  });
});
