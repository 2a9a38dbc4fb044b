/**
 * Text encodings. Everything is read as UTF-8 bytes; files in UTF-16 (with or without a byte-order
 * mark) or in a legacy 8-bit encoding are transcoded first, and the report says so.
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: Encoding;
  /** Bytes to skip at the start (a byte-order mark). */
  skip: number;
}

export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8-bom', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  const sample = head.subarray(0, Math.min(head.length, 4096) & ~1);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = sample.length / 2;
  if (pairs > 0 && oddNul / pairs > 0.4 && evenNul / pairs < 0.05)
    return { encoding: 'utf-16le', skip: 0 };
  if (pairs > 0 && evenNul / pairs > 0.4 && oddNul / pairs < 0.05)
    return { encoding: 'utf-16be', skip: 0 };
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', skip: 0 };
}

/** Valid UTF-8, allowing a multi-byte sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const extra = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= n) return true;
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/** True when the bytes need transcoding before the UTF-8 readers can use them. */
export function needsTranscoding(encoding: Encoding): boolean {
  return encoding !== 'utf-8' && encoding !== 'utf-8-bom';
}

const encoder = new TextEncoder();

export function transcodeToUtf8(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  return encoder.encode(new TextDecoder(label).decode(bytes));
}

export function describeEncoding(encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 with a byte-order mark';
    case 'utf-16le':
      return 'UTF-16 (little-endian)';
    case 'utf-16be':
      return 'UTF-16 (big-endian)';
    case 'windows-1252':
      return 'Latin-1 / Windows-1252 (not valid UTF-8)';
  }
}
