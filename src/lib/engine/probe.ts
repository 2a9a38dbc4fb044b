/** The first look at a file: its head as bytes and as text, and whether it is binary. */

import { binarySignature, looksBinary } from '../importers/text/binary';
import { detectEncoding, needsTranscoding, transcodeToUtf8 } from '../importers/text/decode';
import type { Probe } from '../importers/types';

const PROBE_BYTES = 64 * 1024;
const NO_BYTES = new Uint8Array(0);

export async function makeProbe(name: string, blob: Blob): Promise<Probe> {
  const raw = new Uint8Array(await blob.slice(0, PROBE_BYTES).arrayBuffer());
  const signature = binarySignature(raw, name);
  // A file known to be binary by its signature is not decoded as text (that costs ms per file).
  if (signature)
    return { name, size: blob.size, raw, head: NO_BYTES, headText: '', binary: signature };
  const { encoding, skip } = detectEncoding(raw);
  let head: Uint8Array = raw.subarray(skip);
  if (needsTranscoding(encoding)) head = transcodeToUtf8(head, encoding);
  const binary = looksBinary(head) ? 'a binary file' : null;
  if (head.includes(0)) head = head.filter((b) => b !== 0);
  return { name, size: blob.size, raw, head, headText: new TextDecoder().decode(head), binary };
}
