/**
 * Samples inside an event file survive a snapshot: the snapshot holds where their bytes lie, and
 * they come back, byte for byte, once the restored engine is given the file again.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotFiles } from '../../../src/lib/engine/snapshot';
import { encodePng } from '../helpers/png';
import { makeEngine, text } from '../helpers/engine';
import { concatBytes, fileVersionEvent, frame, pb } from '../importers/tfevents/reference';

function eventFile(): Uint8Array {
  const image = (step: number) => [
    ...pb.double(1, 1_700_000_000 + step),
    ...pb.varint(2, step),
    ...pb.bytes(
      5,
      pb.bytes(1, [
        ...pb.string(1, 'digits'),
        ...pb.bytes(
          4,
          pb.bytes(
            4,
            encodePng(8, 8, () => [step, 0, 0]),
          ),
        ),
      ]),
    ),
  ];
  return concatBytes([fileVersionEvent(1_700_000_000), image(10), image(20)].map((e) => frame(e)));
}

describe('samples kept inside files', () => {
  it('come back from a snapshot once their file is given again, with the same bytes', async () => {
    const bytes = eventFile();
    const first = await makeEngine();
    const report = await first.ingest(text('logs/events.out.tfevents.1700000000.host.1.0', bytes));
    const before = first.samples();
    expect(before.map((s) => s.step)).toEqual([10, 20]);
    const beforeBytes = await Promise.all(
      before.map(async (s) => [...new Uint8Array(await s.blob.arrayBuffer())]),
    );
    const map = new Map<string, Uint8Array>();
    const files: SnapshotFiles = {
      write: (n, b) => void map.set(n, b.slice()),
      read: (n) => map.get(n) ?? null,
    };
    await first.snapshot(files);

    const second = await makeEngine();
    await (
      await second.restore(files)
    )?.rest;
    expect(second.samples()).toEqual([]);
    // Another source's file changes nothing.
    second.reattach([{ sourceId: report.sourceId + 1, blob: new Blob([bytes as BlobPart]) }]);
    expect(second.samples()).toEqual([]);
    second.reattach([{ sourceId: report.sourceId, blob: new Blob([bytes as BlobPart]) }]);
    const after = second.samples();
    expect(after.map(({ blob: _b, ...s }) => s)).toEqual(before.map(({ blob: _b, ...s }) => s));
    const afterBytes = await Promise.all(
      after.map(async (s) => [...new Uint8Array(await s.blob.arrayBuffer())]),
    );
    expect(afterBytes).toEqual(beforeBytes);
    expect(after.map((s) => s.blob.type)).toEqual(['image/png', 'image/png']);
  });
});
