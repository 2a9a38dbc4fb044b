/**
 * A content hash computed while a file streams by. A file of one chunk gets its plain SHA-256; a
 * longer one the SHA-256 of its chunks' digests, so hashing never holds the whole file.
 */

import { sha256 } from './sha256';

/**
 * Chunks up to this size are hashed here in JavaScript (~10 µs for 1 KiB) rather than through
 * `crypto.subtle`, whose round trip costs more for the thousands of tiny files of a run store.
 */
const SMALL_BYTES = 1024;

export class ContentHash {
  #digests: (Uint8Array | Promise<ArrayBuffer>)[] = [];

  update(chunk: Uint8Array): void {
    this.#digests.push(
      chunk.length <= SMALL_BYTES
        ? sha256(chunk)
        : crypto.subtle.digest('SHA-256', chunk as Uint8Array<ArrayBuffer>),
    );
  }

  async digest(): Promise<string> {
    const parts = (await Promise.all(this.#digests)).map((p) => new Uint8Array(p));
    let bytes: Uint8Array;
    if (parts.length === 1) bytes = parts[0];
    else {
      const joined = new Uint8Array(parts.length * 32);
      parts.forEach((p, i) => joined.set(p, i * 32));
      bytes =
        joined.length <= SMALL_BYTES
          ? sha256(joined)
          : new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
    }
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
}
