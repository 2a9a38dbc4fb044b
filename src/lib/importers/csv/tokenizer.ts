/**
 * RFC 4180 tokenizer over bytes, fed chunk by chunk. It reports each record as field spans into a
 * buffer, with the physical line the record starts on, so a bad row can be named by its line.
 * Line ends may be LF, CRLF, CR alone, or runs of CR before LF (one Keras file has CR CR LF).
 */

export const QUOTED = 1;
export const ESCAPED_QUOTES = 2;

export interface RecordView {
  buf: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Per field: 0, or QUOTED (with ESCAPED_QUOTES when it holds `""`). */
  flags: Uint8Array;
  count: number;
  line: number;
}

export type RecordHandler = (record: RecordView) => void;

export class UnterminatedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`a quoted field that starts on line ${line} is never closed`);
  }
}

/** How much of a chunk is joined to the carry at first; more when a record is longer. */
const CARRY_JOIN_BYTES = 64 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  #delimiter: number;
  #onRecord: RecordHandler;
  #carry: Uint8Array | null = null;
  #line = 1;
  #record: RecordView;

  constructor(delimiter: number, onRecord: RecordHandler) {
    this.#delimiter = delimiter;
    this.#onRecord = onRecord;
    this.#record = {
      buf: new Uint8Array(0),
      starts: new Int32Array(64),
      ends: new Int32Array(64),
      flags: new Uint8Array(64),
      count: 0,
      line: 1,
    };
  }

  /** Feeds the next chunk; with `final`, the last record is flushed even without a line end. */
  push(chunk: Uint8Array, final = false): void {
    let buf = chunk;
    const carry = this.#carry;
    if (carry) {
      this.#carry = null;
      // The record cut at the end of the last chunk is finished with the start of this one, joined
      // in a small buffer: copying the whole chunk behind the carry would cost more than the scan.
      for (
        let take = Math.min(chunk.length, CARRY_JOIN_BYTES);
        ;
        take = Math.min(chunk.length, take * 4)
      ) {
        const whole = take === chunk.length;
        const head = new Uint8Array(carry.length + take);
        head.set(carry);
        head.set(chunk.subarray(0, take), carry.length);
        const consumed = this.#scan(head, final && whole);
        if (whole) {
          if (consumed < head.length) this.#carry = head.slice(consumed);
          return;
        }
        if (consumed > carry.length) {
          // The joined record and maybe more are done: go on in the chunk where the scan stopped.
          buf = chunk.subarray(consumed - carry.length);
          break;
        }
      }
    }
    const consumed = this.#scan(buf, final);
    if (consumed < buf.length) this.#carry = buf.slice(consumed);
  }

  #grow(): void {
    const r = this.#record;
    const size = r.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(r.starts);
    ends.set(r.ends);
    flags.set(r.flags);
    r.starts = starts;
    r.ends = ends;
    r.flags = flags;
  }

  /** Returns how many bytes form complete records; the rest waits for the next chunk. */
  #scan(buf: Uint8Array, final: boolean): number {
    const delimiter = this.#delimiter;
    const r = this.#record;
    r.buf = buf;
    const n = buf.length;
    // The span arrays in locals (reloaded when they grow): this loop runs once per field.
    let starts = r.starts;
    let ends = r.ends;
    let flags = r.flags;
    let pos = 0;
    let line = this.#line;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      let field = 0;
      let complete = false;
      for (;;) {
        if (field === starts.length) {
          this.#grow();
          starts = r.starts;
          ends = r.ends;
          flags = r.flags;
        }
        if (pos < n && buf[pos] === QUOTE) {
          let flag = QUOTED;
          let p = pos + 1;
          const contentStart = p;
          let closed = -1;
          while (p < n) {
            const c = buf[p];
            if (c === QUOTE) {
              if (p + 1 < n && buf[p + 1] === QUOTE) {
                flag |= ESCAPED_QUOTES;
                p += 2;
                continue;
              }
              if (p + 1 === n && !final) break;
              closed = p;
              break;
            }
            if (c === LF) line++;
            else if (c === CR && buf[p + 1] !== LF) line++;
            p++;
          }
          if (closed < 0) {
            if (!final) return this.#rewind(recordStart, recordLine);
            throw new UnterminatedQuoteError(recordLine);
          }
          starts[field] = contentStart;
          ends[field] = closed;
          flags[field] = flag;
          pos = closed + 1;
          // Text after a closing quote (`"a"b`) is kept with the field, as most readers do.
          const afterQuote = pos;
          while (pos < n && buf[pos] !== delimiter && buf[pos] !== LF && buf[pos] !== CR) pos++;
          if (pos > afterQuote) ends[field] = pos;
        } else {
          const start = pos;
          while (pos < n) {
            const c = buf[pos];
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          starts[field] = start;
          ends[field] = pos;
          flags[field] = 0;
        }
        field++;
        if (pos >= n) {
          if (!final) return this.#rewind(recordStart, recordLine);
          complete = true;
          break;
        }
        const c = buf[pos];
        if (c === delimiter) {
          pos++;
          if (pos >= n && !final) return this.#rewind(recordStart, recordLine);
          continue;
        }
        // A line end: CR* LF, or CR alone.
        if (c === CR) {
          let p = pos;
          while (p < n && buf[p] === CR) p++;
          if (p >= n && !final) return this.#rewind(recordStart, recordLine);
          pos = p < n && buf[p] === LF ? p + 1 : pos + 1;
        } else {
          pos++;
        }
        line++;
        complete = true;
        break;
      }
      if (complete) {
        r.count = field;
        r.line = recordLine;
        this.#onRecord(r);
      }
    }
    this.#line = line;
    return pos;
  }

  #rewind(recordStart: number, recordLine: number): number {
    this.#line = recordLine;
    return recordStart;
  }
}

const decoder = new TextDecoder();

/** The text of field `i`, with `""` unescaped. */
export function fieldText(r: RecordView, i: number): string {
  const text = decoder.decode(r.buf.subarray(r.starts[i], r.ends[i]));
  return r.flags[i] & ESCAPED_QUOTES ? text.replaceAll('""', '"') : text;
}

/** True when field `i` has no bytes at all (a quoted `""` is empty too). */
export function fieldIsEmpty(r: RecordView, i: number): boolean {
  return r.ends[i] === r.starts[i];
}
