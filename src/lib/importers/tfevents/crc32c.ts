/**
 * CRC-32C (Castagnoli), the checksum of TFRecord framing, and TensorFlow's "masked" form of it.
 * Computed sixteen bytes at a time with slicing-by-16 tables (then eight, then one): event records
 * are small, and on them this measured ~1.4× faster than slicing-by-8 in V8.
 */

const POLY = 0x82f63b78;
const TABLE = makeTable(16);

function makeTable(slices: number): Int32Array {
  const t = new Int32Array(slices * 256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    for (let s = 1; s < slices; s++) {
      const prev = t[(s - 1) * 256 + i];
      t[s * 256 + i] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
}

/** CRC-32C of `buf[start, end)`, continuing from `crc` (0 to start afresh); unsigned. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  return crc32cOf(new DataView(buf.buffer, buf.byteOffset, buf.byteLength), start, end, crc);
}

/**
 * The same over a `DataView` of the bytes, which reads four bytes at a time: on the records of a
 * real event logdir (54 bytes each) this took 5.3 ms a file against 6.2–10 ms with byte reads
 * (Node 20). Callers that check many records keep one view per buffer.
 */
export function crc32cOf(v: DataView, start: number, end: number, crc = 0): number {
  const t = TABLE;
  let c = ~crc;
  let i = start;
  for (const last = end - 16; i <= last; i += 16) {
    c ^= v.getInt32(i, true);
    const w1 = v.getInt32(i + 4, true);
    const w2 = v.getInt32(i + 8, true);
    const w3 = v.getInt32(i + 12, true);
    c =
      t[3840 + (c & 0xff)] ^
      t[3584 + ((c >>> 8) & 0xff)] ^
      t[3328 + ((c >>> 16) & 0xff)] ^
      t[3072 + (c >>> 24)] ^
      t[2816 + (w1 & 0xff)] ^
      t[2560 + ((w1 >>> 8) & 0xff)] ^
      t[2304 + ((w1 >>> 16) & 0xff)] ^
      t[2048 + (w1 >>> 24)] ^
      t[1792 + (w2 & 0xff)] ^
      t[1536 + ((w2 >>> 8) & 0xff)] ^
      t[1280 + ((w2 >>> 16) & 0xff)] ^
      t[1024 + (w2 >>> 24)] ^
      t[768 + (w3 & 0xff)] ^
      t[512 + ((w3 >>> 8) & 0xff)] ^
      t[256 + ((w3 >>> 16) & 0xff)] ^
      t[w3 >>> 24];
  }
  if (i <= end - 8) {
    c ^= v.getInt32(i, true);
    const w1 = v.getInt32(i + 4, true);
    c =
      t[1792 + (c & 0xff)] ^
      t[1536 + ((c >>> 8) & 0xff)] ^
      t[1280 + ((c >>> 16) & 0xff)] ^
      t[1024 + (c >>> 24)] ^
      t[768 + (w1 & 0xff)] ^
      t[512 + ((w1 >>> 8) & 0xff)] ^
      t[256 + ((w1 >>> 16) & 0xff)] ^
      t[w1 >>> 24];
    i += 8;
  }
  for (; i < end; i++) c = t[(c ^ v.getUint8(i)) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** TensorFlow's masked CRC, stored in TFRecord files: a rotation plus a constant. */
export function maskCrc(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** The masked CRC-32C of `buf[start, end)`. */
export function maskedCrc32c(buf: Uint8Array, start: number, end: number): number {
  return maskCrc(crc32c(buf, start, end));
}

/** The masked CRC-32C of the bytes `[start, end)` of a view. */
export function maskedCrc32cOf(v: DataView, start: number, end: number): number {
  return maskCrc(crc32cOf(v, start, end));
}

/**
 * The masked CRC-32C of eight bytes given as two little-endian 32-bit words: a record's length
 * header, checked once per record, in one table step.
 */
export function maskedCrc32cOf8(lo: number, hi: number): number {
  const t = TABLE;
  const c = ~lo;
  const crc =
    t[1792 + (c & 0xff)] ^
    t[1536 + ((c >>> 8) & 0xff)] ^
    t[1280 + ((c >>> 16) & 0xff)] ^
    t[1024 + (c >>> 24)] ^
    t[768 + (hi & 0xff)] ^
    t[512 + ((hi >>> 8) & 0xff)] ^
    t[256 + ((hi >>> 16) & 0xff)] ^
    t[hi >>> 24];
  return maskCrc(~crc >>> 0);
}
