/** Recognizes files that are not text, so the report can say what the file looks like. */

interface Signature {
  bytes: (number | null)[];
  offset?: number;
  kind: string;
}

const SIGNATURES: Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  {
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
    kind: 'a WebP image',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a zip archive' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x50, 0x41, 0x52, 0x31], kind: 'a Parquet file' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], kind: 'an SQLite database' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'an executable (ELF)' },
  { bytes: [0x4d, 0x5a], kind: 'a Windows executable' },
  { bytes: [0x80, null, 0x8a, 0x0a], kind: 'a PyTorch checkpoint (pickle)' },
  { bytes: [0x80], kind: 'a Python pickle' },
  { bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], kind: 'a NumPy array (.npy)' },
  { bytes: [0x89, 0x48, 0x44, 0x46], kind: 'an HDF5 file (e.g. Keras weights)' },
  { bytes: [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], kind: 'an Arrow IPC file' },
];

function matches(head: Uint8Array, sig: Signature): boolean {
  const offset = sig.offset ?? 0;
  if (head.length < offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => b === null || head[offset + i] === b);
}

/** What a file is by its first bytes or its name alone (PNG, zip, a TensorBoard event file…), or `null`. */
export function binarySignature(raw: Uint8Array, name: string): string | null {
  for (const sig of SIGNATURES) if (matches(raw, sig)) return sig.kind;
  if (/events\.out\.tfevents\./.test(name)) return 'a TensorBoard event file';
  return null;
}

/** True when decoded text is mostly control characters: binary data of no known kind. */
export function looksBinary(decoded: Uint8Array): boolean {
  const sample = decoded.subarray(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control / sample.length > 0.1;
}

/**
 * What a binary file looks like, or `null` when it looks like text. Signatures are checked on the
 * raw bytes, control characters on the text as decoded (UTF-16 is full of NULs until transcoded).
 */
export function describeBinary(
  raw: Uint8Array,
  name: string,
  decoded: Uint8Array = raw,
): string | null {
  return binarySignature(raw, name) ?? (looksBinary(decoded) ? 'a binary file' : null);
}
