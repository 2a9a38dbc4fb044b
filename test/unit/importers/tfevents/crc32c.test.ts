import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  crc32c,
  maskCrc,
  maskedCrc32c,
  maskedCrc32cOf8,
} from '../../../../src/lib/importers/tfevents/crc32c';
import { FIXTURES } from '../../helpers/engine';
import { bitwiseCrc32c } from './reference';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32c', () => {
  it('gives the check value of CRC-32C: crc32c("123456789") = 0xE3069283', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('matches the iSCSI test vectors of RFC 3720 (B.4)', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('agrees with a bit-by-bit CRC at every length and offset (the 16-, 8- and 1-byte paths)', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 24);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= 80; end++)
        expect(crc32c(bytes, start, end)).toBe(bitwiseCrc32c(bytes.subarray(start, end)));
    }
    expect(crc32c(bytes)).toBe(bitwiseCrc32c(bytes));
  });

  it('reads a view that starts inside its buffer (a subarray) as the bytes it shows', () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i * 2654435761) >>> 24);
    for (let offset = 1; offset < 8; offset++) {
      const part = bytes.subarray(offset, offset + 150);
      for (let end = 0; end <= 150; end += 7)
        expect(crc32c(part, 0, end)).toBe(bitwiseCrc32c(bytes.subarray(offset, offset + end)));
    }
  });

  it('continues a checksum across pieces', () => {
    const bytes = ascii('The quick brown fox jumps over the lazy dog');
    expect(crc32c(bytes, 10, bytes.length, crc32c(bytes, 0, 10))).toBe(crc32c(bytes));
  });
});

describe('masked CRC', () => {
  it('rotates right by 15 bits and adds 0xa282ead8, modulo 2^32', () => {
    expect(maskCrc(0)).toBe(0xa282ead8);
    expect(maskCrc(0x8000)).toBe(0xa282ead9);
    expect(maskCrc(1)).toBe((0x20000 + 0xa282ead8) >>> 0);
  });

  it('checks the length header of a real event file as TensorFlow wrote it', () => {
    const file = readFileSync(
      join(
        FIXTURES,
        'real/tensorboard/text-gen-lstm_lightning_events.out.tfevents.1716735746.99c8c45923de.3769.0',
      ),
    );
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    const stored = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    expect(maskedCrc32c(bytes, 0, 8)).toBe(stored);
  });

  it('gives the same for a length header read as two words', () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 40503) & 0xff);
    const view = new DataView(bytes.buffer);
    for (let p = 0; p + 8 <= bytes.length; p++) {
      expect(maskedCrc32cOf8(view.getInt32(p, true), view.getInt32(p + 4, true))).toBe(
        maskedCrc32c(bytes, p, p + 8),
      );
    }
  });
});
