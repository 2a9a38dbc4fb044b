import { describe, expect, it } from 'vitest';
import { checkFirstRecord, RecordReader } from '../../../../src/lib/importers/tfevents/tfrecord';
import { concatBytes, frame } from './reference';

/** Records of varied sizes, each holding its own number in every byte. */
function records(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => frame(new Uint8Array((i * 7) % 50).fill(i + 1)));
}

function readAll(file: Uint8Array, chunkBytes: number) {
  const seen: { index: number; offset: number; first: number; length: number }[] = [];
  const reader = new RecordReader(
    (buf, start, length, offset, index) =>
      seen.push({ index, offset, first: length ? buf[start] : 0, length }),
    { size: file.length },
  );
  for (let o = 0; o < file.length; o += chunkBytes) reader.push(file.subarray(o, o + chunkBytes));
  return { seen, problems: reader.finish() };
}

describe('RecordReader', () => {
  const parts = records(12);
  const file = concatBytes(parts);
  const offsets = parts.map((_, i) => parts.slice(0, i).reduce((n, p) => n + p.length, 0));

  it('reads every record whole, whatever the chunk size (records split across chunks)', () => {
    for (let chunk = 1; chunk <= file.length; chunk++) {
      const { seen, problems } = readAll(file, chunk);
      expect(seen.map((s) => s.offset)).toEqual(offsets);
      expect(seen.map((s) => s.length)).toEqual(parts.map((p) => p.length - 16));
      expect(seen.filter((s) => s.length > 0).every((s) => s.first === s.index + 1)).toBe(true);
      expect(problems).toMatchObject({
        records: 12,
        corrupt: { count: 0 },
        damaged: { count: 0 },
        truncated: null,
      });
    }
  });

  it('skips a record whose data checksum fails, says where, and keeps the others', () => {
    const bad = file.slice();
    bad[offsets[5] + 12] ^= 0x40;
    for (const chunk of [3, 16, 64, bad.length]) {
      const { seen, problems } = readAll(bad, chunk);
      expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
      expect(problems.corrupt).toEqual({ count: 1, firstOffset: offsets[5], indexes: [5] });
    }
  });

  it('after a damaged length header, finds the next valid record and counts the bytes skipped', () => {
    const bad = file.slice();
    bad[offsets[4] + 2] ^= 0x01;
    for (const chunk of [1, 5, 13, 100, bad.length]) {
      const { seen, problems } = readAll(bad, chunk);
      expect(seen.map((s) => s.offset)).toEqual(offsets.filter((_, i) => i !== 4));
      expect(problems.damaged).toEqual({
        count: 1,
        bytes: offsets[5] - offsets[4],
        firstOffset: offsets[4],
        indexes: [4],
      });
    }
  });

  it('keeps every whole record of a file cut at any byte, and reports the cut', () => {
    for (let cut = 1; cut < file.length; cut++) {
      const short = file.subarray(0, cut);
      const whole = offsets.filter((o, i) => o + parts[i].length <= cut);
      const end = whole.length === 0 ? 0 : whole[whole.length - 1] + parts[whole.length - 1].length;
      for (const chunk of [7, 64]) {
        const { seen, problems } = readAll(short, chunk);
        expect(seen.map((s) => s.offset)).toEqual(whole);
        expect(problems.truncated).toEqual(cut === end ? null : { offset: end, bytes: cut - end });
      }
    }
  });

  it('treats garbage as one damaged stretch, without inventing records', () => {
    const garbage = Uint8Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24);
    const { seen, problems } = readAll(garbage, 512);
    expect(seen).toEqual([]);
    expect(problems.damaged).toMatchObject({ count: 1, bytes: 5000, firstOffset: 0 });
  });
});

describe('checkFirstRecord', () => {
  const first = frame([1, 2, 3, 4, 5]);

  it('accepts a valid first record, whole or cut by the probe', () => {
    expect(checkFirstRecord(first)).toBe('valid');
    expect(checkFirstRecord(first.subarray(0, 14))).toBe('valid');
  });

  it('refuses bad checksums and says when there are too few bytes to tell', () => {
    const badData = first.slice();
    badData[13] ^= 1;
    const badLength = first.slice();
    badLength[0] ^= 1;
    expect(checkFirstRecord(badData)).toBe('invalid');
    expect(checkFirstRecord(badLength)).toBe('invalid');
    expect(checkFirstRecord(first.subarray(0, 11))).toBe('short');
  });
});
