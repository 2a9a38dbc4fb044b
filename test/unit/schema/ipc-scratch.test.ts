import { Table, tableFromIPC, tableToIPC, vectorFromArray, Utf8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { tableToScratchIPC } from '../../../src/lib/schema/ipc-scratch';
import { pointsIPC } from '../../../src/lib/schema/canonical-sink';

function table(rows: number): Table {
  return new Table({
    id: vectorFromArray(Int32Array.from({ length: rows }, (_, i) => i)),
    value: vectorFromArray(Float64Array.from({ length: rows }, (_, i) => i / 3)),
    name: vectorFromArray(
      Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? null : `r${i}`)),
      new Utf8(),
    ),
  });
}

describe('tableToScratchIPC', () => {
  it('writes the same bytes as tableToIPC, big after small and small after big', () => {
    for (const rows of [3, 70_000, 10, 0, 7_000]) {
      const t = table(rows);
      const ours = tableToScratchIPC(t);
      const arrows = tableToIPC(t, 'stream');
      // Compared as bytes: a deep equality of typed arrays this long is slow.
      expect(ours.length).toBe(arrows.length);
      expect(Buffer.compare(ours, arrows)).toBe(0);
    }
  });

  it('gives metrics batches that read back as written', () => {
    const n = 1000;
    const ipc = pointsIPC({
      length: n,
      sourceId: 7,
      runId: new Int32Array(n).fill(3),
      metric: Int32Array.from({ length: n }, (_, i) => i % 4),
      step: Float64Array.from({ length: n }, (_, i) => i * 2 ** 40),
      value: Float64Array.from({ length: n }, (_, i) => (i === 5 ? NaN : i / 7)),
      epoch: null,
      epochValid: null,
      wall: Float64Array.from({ length: n }, (_, i) => 1.7e9 + i),
      wallValid: null,
    });
    const back = tableFromIPC(ipc);
    expect(back.numRows).toBe(n);
    expect(Number(back.getChild('step')?.get(999))).toBe(999 * 2 ** 40);
    expect(back.getChild('value')?.get(5)).toBeNaN();
    expect(back.getChild('wall')?.get(10)).toBe(1.7e9 + 10);
    expect(back.getChild('epoch')?.get(0)).toBeNull();
    expect(back.getChild('source_id')?.get(500)).toBe(7);
  });
});
