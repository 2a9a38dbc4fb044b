import { describe, expect, it } from 'vitest';
import { MemoryBlob } from '../../../../src/lib/importers/text/memory-blob';

describe('MemoryBlob', () => {
  it('reads like a Blob of the same bytes: size, slices, bytes and text', async () => {
    const bytes = new TextEncoder().encode('step,loss\n1,0.5\n');
    const real = new Blob([bytes]);
    const memory = new MemoryBlob(bytes).asBlob();
    expect(memory.size).toBe(real.size);
    for (const [a, b] of [
      [0, 4],
      [5, 100],
      [3, 3],
    ]) {
      expect(new Uint8Array(await memory.slice(a, b).arrayBuffer())).toEqual(
        new Uint8Array(await real.slice(a, b).arrayBuffer()),
      );
    }
    expect(await memory.text()).toBe(await real.text());
  });

  it('hands out copies: a reader cannot change the bytes behind it', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const buffer = await new MemoryBlob(bytes).arrayBuffer();
    new Uint8Array(buffer)[0] = 9;
    expect(bytes[0]).toBe(1);
  });
});
