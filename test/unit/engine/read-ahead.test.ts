/** Files read ahead of the one being worked on: small ones many at a time, each still its own probe. */

import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeProbe, PROBE_BYTES } from '../../../src/lib/engine/probe';
import { AHEAD_FILES, ReadAhead } from '../../../src/lib/engine/read-ahead';
import { MemoryBlob } from '../../../src/lib/importers/text/memory-blob';

const file = (name: string, content: string | Uint8Array) => ({
  name,
  blob: new Blob([content as BlobPart]),
});

afterEach(() => vi.restoreAllMocks());

describe('reading ahead', () => {
  it('gives every file the probe it would get on its own, small or big, in order', async () => {
    const big = new Uint8Array(PROBE_BYTES + 10).fill(65);
    const files = [
      file('a/metrics/loss', '1700000000000 0.5 1\n'),
      file('a/params/lr', '0.1'),
      file('empty', ''),
      file('big.csv', big),
      file('b/meta.yaml', 'run_id: b\nexperiment_id: "0"\n'),
    ];
    const ahead = new ReadAhead(files);
    for (const [i, f] of files.entries()) {
      expect(await ahead.take(i)).toEqual(await makeProbe(f.name, f.blob));
    }
  });

  it('reads a run of small files in one read', async () => {
    const files = Array.from({ length: AHEAD_FILES }, (_, i) => file(`f${i}`, `value ${i}`));
    const reads = vi.spyOn(Blob.prototype, 'arrayBuffer');
    const ahead = new ReadAhead(files);
    const probes = [];
    for (let i = 0; i < files.length; i++) probes.push(await ahead.take(i));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(probes.map((p) => p.headText)).toEqual(files.map((_, i) => `value ${i}`));
  });

  it('leaves a file already in memory out of combined reads', async () => {
    const files = [
      file('a', 'first'),
      { name: 'b', blob: new MemoryBlob(new TextEncoder().encode('second')).asBlob() },
      file('c', 'third'),
    ];
    const ahead = new ReadAhead(files);
    expect((await ahead.take(1)).headText).toBe('second');
    expect((await ahead.take(2)).headText).toBe('third');
  });

  describe('with a file that changed on disk after it was picked', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('fails that file alone', async () => {
      dir = mkdtempSync(join(tmpdir(), 'read-ahead-'));
      const names = ['a', 'b', 'c'];
      for (const n of names) writeFileSync(join(dir, n), `content of ${n}`);
      const files = await Promise.all(
        names.map(async (n) => ({ name: n, blob: await openAsBlob(join(dir, n)) })),
      );
      writeFileSync(join(dir, 'b'), 'rewritten since');
      const ahead = new ReadAhead(files);
      expect((await ahead.take(0)).headText).toBe('content of a');
      await expect(ahead.take(1)).rejects.toThrow();
      expect((await ahead.take(2)).headText).toBe('content of c');
    });
  });
});
