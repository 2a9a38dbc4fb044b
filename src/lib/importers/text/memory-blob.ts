/**
 * A `Blob` over bytes already in this worker. In a browser every read of a real `Blob` (even one
 * made from memory) is a round trip to the browser process, about a millisecond: for a dropped
 * folder of thousands of small files, most of the time. Importers read through `slice` and
 * `arrayBuffer` only (text/chunks.ts), which this serves from memory.
 */
export class MemoryBlob {
  readonly #bytes: Uint8Array;
  readonly type = '';

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get size(): number {
    return this.#bytes.length;
  }

  /** The bytes themselves, for readers that only look at them (`arrayBuffer` hands out a copy). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  slice(start = 0, end = this.#bytes.length): MemoryBlob {
    return new MemoryBlob(this.#bytes.subarray(start, end));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer as ArrayBuffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(this.#bytes);
  }

  /** Typed as a `Blob` for the importers, which use only what this class implements. */
  asBlob(): Blob {
    return this as unknown as Blob;
  }
}
