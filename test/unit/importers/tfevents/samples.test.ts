/** Images, audio and text inside TensorBoard event files: found in place, handed over as slices of the file. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/engine';
import { eventFileOptions } from '../../../../src/lib/importers/tensorboard-events';
import { CHUNK_BYTES } from '../../../../src/lib/importers/text/chunks';
import { makeEngine } from '../../helpers/engine';
import { encodePng, solidPng } from '../../helpers/png';
import { concatBytes, fileVersionEvent, frame, pb, scalarEvent } from './reference';

const plugin = (name: string) => pb.bytes(9, pb.bytes(1, pb.string(1, name)));
const event = (step: number, value: number[]) => [
  ...pb.double(1, 1_700_000_000 + step),
  ...pb.varint(2, step),
  ...pb.bytes(5, pb.bytes(1, value)),
];
const text = (s: string) => Array.from(new TextEncoder().encode(s));

const png10 = solidPng(3, 2, [255, 0, 0]);
const pngA = encodePng(4, 4, (x) => [x * 60, 0, 0]);
const pngB = solidPng(4, 4, [0, 0, 255]);
const wav = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]);

function eventFile(): Uint8Array {
  const events = [
    fileVersionEvent(1_700_000_000),
    scalarEvent(1_700_000_001, 1, [...pb.string(1, 'loss'), ...pb.float(2, 0.5)]),
    // The first form: `Summary.Value.image`.
    event(10, [
      ...pb.string(1, 'val/img'),
      ...pb.bytes(4, [
        ...pb.varint(1, 2),
        ...pb.varint(2, 3),
        ...pb.varint(3, 3),
        ...pb.bytes(4, png10),
      ]),
    ]),
    // The images plugin's tensor: width, height, then one PNG per image (max_outputs = 2).
    event(20, [
      ...pb.string(1, 'grid'),
      ...plugin('images'),
      ...pb.bytes(8, [
        ...pb.varint(1, 7),
        ...pb.bytes(8, text('4')),
        ...pb.bytes(8, text('4')),
        ...pb.bytes(8, pngA),
        ...pb.bytes(8, pngB),
      ]),
    ]),
    event(20, [
      ...pb.string(1, 'caption'),
      ...plugin('text'),
      ...pb.bytes(8, [...pb.varint(1, 7), ...pb.bytes(8, text('a <b>cat</b>'))]),
    ]),
    event(30, [
      ...pb.string(1, 'speech'),
      ...pb.bytes(6, [...pb.float(1, 16000), ...pb.bytes(4, wav), ...pb.string(5, 'audio/wav')]),
    ]),
    scalarEvent(1_700_000_040, 40, [...pb.string(1, 'loss'), ...pb.float(2, 0.25)]),
  ];
  return concatBytes(events.map((e) => frame(e)));
}

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});
afterEach(() => {
  eventFileOptions.chunkBytes = CHUNK_BYTES;
});

async function read(chunkBytes: number) {
  eventFileOptions.chunkBytes = chunkBytes;
  const bytes = eventFile();
  const report = await engine.ingest({
    name: 'logs/runA/events.out.tfevents.1700000000.host.1.0',
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
  });
  const samples = await Promise.all(
    engine.samples().map(async (s) => ({
      kind: s.kind,
      key: s.key,
      step: s.step,
      mime: s.mime,
      runKey: s.runKey,
      // A real Blob, which the page can show (an in-memory stand-in cannot leave the worker).
      real: s.blob instanceof Blob,
      bytes: new Uint8Array(await s.blob.arrayBuffer()),
    })),
  );
  return { report, samples };
}

describe('samples in TensorBoard event files', () => {
  for (const chunkBytes of [CHUNK_BYTES, 37]) {
    it(`finds each image, text and audio clip with its tag, step and run, bytes exact (chunks of ${chunkBytes})`, async () => {
      const { report, samples } = await read(chunkBytes);
      expect(report.status).toBe('loaded');
      expect(report.report?.points).toBe(2);
      expect(samples).toEqual([
        {
          kind: 'image',
          key: 'val/img',
          step: 10,
          mime: 'image/png',
          runKey: 'dir:logs/runA',
          real: true,
          bytes: png10,
        },
        {
          kind: 'image',
          key: 'grid',
          step: 20,
          mime: 'image/png',
          runKey: 'dir:logs/runA',
          real: true,
          bytes: pngA,
        },
        {
          kind: 'image',
          key: 'grid/1',
          step: 20,
          mime: 'image/png',
          runKey: 'dir:logs/runA',
          real: true,
          bytes: pngB,
        },
        {
          kind: 'text',
          key: 'caption',
          step: 20,
          mime: 'text/plain;charset=utf-8',
          runKey: 'dir:logs/runA',
          real: true,
          bytes: Uint8Array.from(text('a <b>cat</b>')),
        },
        {
          kind: 'audio',
          key: 'speech',
          step: 30,
          mime: 'audio/wav',
          runKey: 'dir:logs/runA',
          real: true,
          bytes: wav,
        },
      ]);
    });
  }

  it('forgets the samples of a file removed', async () => {
    const { report } = await read(CHUNK_BYTES);
    expect(engine.samples()).toHaveLength(5);
    engine.remove(report.sourceId);
    expect(engine.samples()).toEqual([]);
  });
});
