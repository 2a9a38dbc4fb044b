/** The first look at a file: its head as bytes and as text, and whether it is binary. */

import { binarySignature, looksBinary } from '../importers/text/binary';
import { detectEncoding, needsTranscoding, transcodeToUtf8 } from '../importers/text/decode';
import type { Probe } from '../importers/types';

/** How much of a file the probe reads; a file this small is read whole. */
export const PROBE_BYTES = 64 * 1024;
const NO_BYTES = new Uint8Array(0);

export async function makeProbe(name: string, blob: Blob): Promise<Probe> {
  const size = blob.size;
  // Slicing a dropped File costs Chromium a synchronous round trip (~0.5 ms in a worker, more than
  // reading it): a file that fits in the probe is read whole.
  const start = size <= PROBE_BYTES ? blob : blob.slice(0, PROBE_BYTES);
  return probeBytes(name, size, new Uint8Array(await start.arrayBuffer()));
}

/** The probe of a file of `size` bytes whose first bytes (at most `PROBE_BYTES`) are `raw`. */
export function probeBytes(name: string, size: number, raw: Uint8Array): Probe {
  const signature = binarySignature(raw, name);
  // A file known to be binary by its signature is not decoded as text (that costs ms per file).
  if (signature) return { name, size, raw, head: NO_BYTES, headText: '', binary: signature };
  const { encoding, skip } = detectEncoding(raw);
  let head: Uint8Array = raw.subarray(skip);
  if (needsTranscoding(encoding)) head = transcodeToUtf8(head, encoding);
  const binary = looksBinary(head) ? 'a binary file' : null;
  if (head.includes(0)) head = head.filter((b) => b !== 0);
  const text = head;
  let headText: string | null = null;
  // Decoded when first asked for: a file its path routes (a run store's metric history) never is.
  return {
    name,
    size,
    raw,
    head,
    binary,
    get headText() {
      return (headText ??= new TextDecoder().decode(text));
    },
  };
}
