/**
 * A content hash computed while a file streams by. A file of one chunk gets its plain SHA-256; a
 * longer one the SHA-256 of its chunks' digests, so hashing never holds the whole file.
 */

export class ContentHash {
  #digests: Promise<ArrayBuffer>[] = [];

  update(chunk: Uint8Array): void {
    this.#digests.push(crypto.subtle.digest('SHA-256', chunk as Uint8Array<ArrayBuffer>));
  }

  async digest(): Promise<string> {
    const parts = await Promise.all(this.#digests);
    let bytes: ArrayBuffer;
    if (parts.length === 1) bytes = parts[0];
    else {
      const joined = new Uint8Array(parts.length * 32);
      parts.forEach((p, i) => joined.set(new Uint8Array(p), i * 32));
      bytes = await crypto.subtle.digest('SHA-256', joined);
    }
    return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
}
