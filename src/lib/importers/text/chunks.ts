/** Reads a Blob in chunks as UTF-8 bytes: byte-order mark removed, other encodings transcoded, NULs counted. */

import type { ReadContext } from '../types';
import { describeEncoding, detectEncoding, needsTranscoding } from './decode';

export const CHUNK_BYTES = 8 * 1024 * 1024;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface ChunkOptions {
  chunkBytes?: number;
}

/**
 * Yields UTF-8 chunks of the blob. NUL bytes are removed (they are never part of a CSV or JSON
 * value) and counted in the report; the caller's `ctx.onChunk` sees the raw bytes for the hash.
 */
export async function* utf8Chunks(
  blob: Blob,
  ctx: ReadContext,
  options: ChunkOptions = {},
): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const head = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
  const { encoding, skip } = detectEncoding(head);
  ctx.report.encoding = describeEncoding(encoding);
  if (encoding === 'windows-1252') ctx.report.warn('The file is not valid UTF-8; it was read as Windows-1252 (Latin-1).');
  if (encoding.startsWith('utf-16')) ctx.report.warn(`The file is ${describeEncoding(encoding)}; it was transcoded to UTF-8.`);
  const decoder = needsTranscoding(encoding) ? new TextDecoder(encoding) : null;
  const encoder = new TextEncoder();
  let nuls = 0;
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    if (ctx.signal.aborted) throw new CancelledError();
    const raw = new Uint8Array(await blob.slice(offset, offset + chunkBytes).arrayBuffer());
    ctx.onChunk(raw);
    let bytes = offset === 0 && skip > 0 ? raw.subarray(skip) : raw;
    if (decoder) bytes = encoder.encode(decoder.decode(bytes, { stream: offset + chunkBytes < blob.size }));
    if (bytes.includes(0)) {
      const kept = bytes.filter((b) => b !== 0);
      nuls += bytes.length - kept.length;
      bytes = kept;
    }
    yield bytes;
    ctx.onBytes(Math.min(blob.size, offset + chunkBytes));
  }
  if (nuls > 0) ctx.report.warn(`${nuls.toLocaleString('en-US')} NUL bytes were removed from the text.`);
}

/** The whole blob as UTF-8 text, through the same decoding as `utf8Chunks`. */
export async function readAllText(blob: Blob, ctx: ReadContext): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of utf8Chunks(blob, ctx)) parts.push(chunk);
  const decoder = new TextDecoder();
  return parts.map((p, i) => decoder.decode(p, { stream: i < parts.length - 1 })).join('');
}

/** The blob's raw bytes in chunks, for binary formats, with the same progress, hash and cancel. */
export async function* rawChunks(blob: Blob, ctx: ReadContext, options: ChunkOptions = {}): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    if (ctx.signal.aborted) throw new CancelledError();
    const raw = new Uint8Array(await blob.slice(offset, offset + chunkBytes).arrayBuffer());
    ctx.onChunk(raw);
    yield raw;
    ctx.onBytes(Math.min(blob.size, offset + chunkBytes));
  }
}

/** The whole blob as raw bytes, through `rawChunks`. */
export async function readAllBytes(blob: Blob, ctx: ReadContext): Promise<Uint8Array> {
  const out = new Uint8Array(blob.size);
  let offset = 0;
  for await (const chunk of rawChunks(blob, ctx)) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
