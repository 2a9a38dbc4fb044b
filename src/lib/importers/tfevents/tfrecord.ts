/**
 * TFRecord framing, read incrementally from chunks: each record is a little-endian uint64 length,
 * the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data. Records that
 * span chunk boundaries are stitched together; a record whose data checksum fails is skipped and
 * counted; a damaged length makes the reader search for the next valid header; a file cut in the
 * middle of a record keeps every whole record before the cut.
 */

import { maskedCrc32cOf, maskedCrc32cOf8 } from './crc32c';

const HEADER = 12;
const FOOTER = 4;
const TWO_32 = 4294967296;
const INDEXES_KEPT = 20;

/**
 * Receives each whole record: its data is `buf[start, start + length)`, `offset` is the record's
 * byte offset in the file and `index` its number (0-based, counting skipped records too).
 */
export type RecordHandler = (
  buf: Uint8Array,
  start: number,
  length: number,
  offset: number,
  index: number,
) => void;

export interface FramingProblems {
  /** Records read whole, including the ones whose data checksum failed. */
  records: number;
  /** Records whose data checksum failed: skipped. `indexes` holds the first few record numbers. */
  corrupt: { count: number; firstOffset: number; indexes: number[] };
  /** Stretches of bytes skipped because a length header was damaged; `indexes`: the record number each began at. */
  damaged: { count: number; bytes: number; firstOffset: number; indexes: number[] };
  /** Bytes after the last whole record: the file ends in the middle of a record. */
  truncated: { offset: number; bytes: number } | null;
}

/** The masked CRC of a header's 8 length bytes matches the 4 bytes after them. */
function headerValid(v: DataView, p: number): boolean {
  return maskedCrc32cOf8(v.getInt32(p, true), v.getInt32(p + 4, true)) === v.getUint32(p + 8, true);
}

function dataLength(v: DataView, p: number): number {
  return v.getUint32(p + 4, true) * TWO_32 + v.getUint32(p, true);
}

function dataValid(v: DataView, start: number, length: number): boolean {
  return maskedCrc32cOf(v, start, start + length) === v.getUint32(start + length, true);
}

function viewOf(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export interface RecordReaderOptions {
  /** The file's size: a length header pointing past it means the file was cut short. */
  size: number;
  /** Check each record's data checksum (the length checksum is always checked). */
  verifyData?: boolean;
}

export class RecordReader {
  readonly problems: FramingProblems = {
    records: 0,
    corrupt: { count: 0, firstOffset: -1, indexes: [] },
    damaged: { count: 0, bytes: 0, firstOffset: -1, indexes: [] },
    truncated: null,
  };
  #onRecord: RecordHandler;
  #size: number;
  #verify: boolean;
  /** Bytes of an unfinished record (or header) carried to the next chunk. */
  #tail: Uint8Array = new Uint8Array(0);
  /** File offset of the next byte `push` will receive. */
  #offset = 0;
  /** Searching for a valid header after a damaged one; `-1` when not. */
  #damagedFrom = -1;

  constructor(onRecord: RecordHandler, options: RecordReaderOptions) {
    this.#onRecord = onRecord;
    this.#size = options.size;
    this.#verify = options.verifyData ?? true;
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    const chunkOffset = this.#offset;
    this.#offset += chunk.length;
    let p = 0;
    if (this.#tail.length > 0) {
      p = this.#finishTail(chunk, chunkOffset);
      if (p < 0) return;
    }
    this.#scan(chunk, p, chunkOffset);
  }

  /** Ends the file: whatever is left is an unfinished record. */
  finish(): FramingProblems {
    if (this.#damagedFrom >= 0) {
      this.#endDamage(this.#offset);
    } else if (this.#tail.length > 0) {
      this.problems.truncated = {
        offset: this.#offset - this.#tail.length,
        bytes: this.#tail.length,
      };
    }
    this.#tail = new Uint8Array(0);
    return this.problems;
  }

  /**
   * Completes the record the tail began, using the start of `chunk`. Returns where whole records
   * start in `chunk`, or -1 when the chunk was taken into the tail entirely.
   */
  #finishTail(chunk: Uint8Array, chunkOffset: number): number {
    const tail = this.#tail;
    const tailOffset = chunkOffset - tail.length;
    if (this.#damagedFrom < 0 && tail.length < HEADER) {
      const take = Math.min(HEADER - tail.length, chunk.length);
      this.#tail = concat(tail, chunk.subarray(0, take));
      if (this.#tail.length < HEADER) return -1;
      const rest = this.#finishTail(chunk.subarray(take), chunkOffset + take);
      return rest < 0 ? -1 : rest + take;
    }
    const tailView = viewOf(tail);
    if (this.#damagedFrom < 0 && headerValid(tailView, 0)) {
      const length = dataLength(tailView, 0);
      const total = HEADER + length + FOOTER;
      if (tailOffset + total > this.#size) {
        // The record cannot be completed: keep the bytes so that `finish` reports the cut.
        this.#tail = concat(tail, chunk);
        return -1;
      }
      // The record is assembled in one buffer of its full size, however many chunks it spans.
      let record: Uint8Array;
      if (tail.byteOffset === 0 && tail.buffer.byteLength >= total)
        record = new Uint8Array(tail.buffer, 0, total);
      else {
        record = new Uint8Array(total);
        record.set(tail);
      }
      const need = total - tail.length;
      const take = Math.min(need, chunk.length);
      record.set(chunk.subarray(0, take), tail.length);
      if (take < need) {
        this.#tail = record.subarray(0, tail.length + take);
        return -1;
      }
      this.#tail = new Uint8Array(0);
      this.#emit(record, viewOf(record), 0, length, tailOffset);
      return need;
    }
    // A damaged header, or still searching past one: search the joined bytes (rare, so copying is fine).
    const joined = concat(tail, chunk);
    this.#tail = new Uint8Array(0);
    this.#scan(joined, 0, tailOffset);
    return -1;
  }

  /** Reads whole records from `buf[p…]`; keeps the unfinished rest as the tail. */
  #scan(buf: Uint8Array, p: number, base: number): void {
    const n = buf.length;
    const view = viewOf(buf);
    while (p + HEADER <= n) {
      if (this.#damagedFrom >= 0 || !headerValid(view, p)) {
        if (this.#damagedFrom < 0) {
          this.#damagedFrom = base + p;
          p++;
        }
        while (p + HEADER <= n && !headerValid(view, p)) p++;
        if (p + HEADER > n) break;
        this.#endDamage(base + p);
      }
      const length = dataLength(view, p);
      const total = HEADER + length + FOOTER;
      if (p + total > n) break;
      this.#emit(buf, view, p, length, base + p);
      p += total;
    }
    this.#tail = buf.slice(p);
  }

  #emit(buf: Uint8Array, view: DataView, p: number, length: number, offset: number): void {
    const index = this.problems.records++;
    const start = p + HEADER;
    if (this.#verify && !dataValid(view, start, length)) {
      const c = this.problems.corrupt;
      if (c.count++ === 0) c.firstOffset = offset;
      if (c.indexes.length < INDEXES_KEPT) c.indexes.push(index);
      return;
    }
    this.#onRecord(buf, start, length, offset, index);
  }

  #endDamage(offset: number): void {
    const d = this.problems.damaged;
    if (d.count++ === 0) d.firstOffset = this.#damagedFrom;
    if (d.indexes.length < INDEXES_KEPT) d.indexes.push(this.problems.records);
    d.bytes += offset - this.#damagedFrom;
    this.#damagedFrom = -1;
  }
}

export type FirstRecord = 'valid' | 'short' | 'invalid';

/**
 * Whether `head` (the first bytes of a file) begins with a TFRecord: its length checksum matches
 * and, when the whole record is in `head`, its data checksum too. `short` when there are too few
 * bytes to tell.
 */
export function checkFirstRecord(head: Uint8Array): FirstRecord {
  if (head.length < HEADER) return 'short';
  const view = viewOf(head);
  if (!headerValid(view, 0)) return 'invalid';
  const length = dataLength(view, 0);
  if (HEADER + length + FOOTER > head.length) return 'valid';
  return dataValid(view, HEADER, length) ? 'valid' : 'invalid';
}

/** The first record's data, when it is whole and valid in `head`. */
export function firstRecordData(head: Uint8Array): Uint8Array | null {
  if (checkFirstRecord(head) !== 'valid') return null;
  const length = dataLength(viewOf(head), 0);
  if (HEADER + length + FOOTER > head.length) return null;
  return head.subarray(HEADER, HEADER + length);
}
