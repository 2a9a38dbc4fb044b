import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src/lib/importers/text/decode';
import { describeBinary } from '../../../../src/lib/importers/text/binary';

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
  let o = 0;
  if (bom) {
    out[o++] = bigEndian ? 0xfe : 0xff;
    out[o++] = bigEndian ? 0xff : 0xfe;
  }
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out[o++] = bigEndian ? c >> 8 : c & 0xff;
    out[o++] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

describe('detectEncoding', () => {
  it('finds byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
      encoding: 'utf-8-bom',
      skip: 3,
    });
    expect(detectEncoding(utf16('step,loss', false, true))).toEqual({
      encoding: 'utf-16le',
      skip: 2,
    });
    expect(detectEncoding(utf16('step,loss', true, true))).toEqual({
      encoding: 'utf-16be',
      skip: 2,
    });
  });

  it('recognizes UTF-16 without a mark by its NUL bytes', () => {
    expect(detectEncoding(utf16('step,loss\n1,2\n', false, false)).encoding).toBe('utf-16le');
    expect(detectEncoding(utf16('step,loss\n1,2\n', true, false)).encoding).toBe('utf-16be');
  });

  it('tells Latin-1 from UTF-8', () => {
    expect(detectEncoding(new TextEncoder().encode('run,café\n')).encoding).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])).encoding).toBe(
      'windows-1252',
    );
  });

  it('does not call a UTF-8 sequence cut at the end of the sample invalid', () => {
    const cut = new TextEncoder().encode('ab€').subarray(0, 4);
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });
});

describe('describeBinary', () => {
  it('names common files dropped by mistake', () => {
    expect(describeBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'plot.png')).toBe(
      'a PNG image',
    );
    expect(describeBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'runs.zip')).toBe(
      'a zip archive',
    );
    expect(describeBinary(new TextEncoder().encode('x'), 'events.out.tfevents.1.host')).toBe(
      'a TensorBoard event file',
    );
  });

  it('leaves text alone', () => {
    expect(describeBinary(new TextEncoder().encode('step,loss\n1,0.5\n'), 'a.csv')).toBeNull();
  });

  it('calls a head full of control bytes binary', () => {
    const noise = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 9);
    expect(describeBinary(noise, 'blob.bin')).toBe('a binary file');
  });
});
