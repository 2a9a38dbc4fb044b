/** A CSV/TSV file as a streamed `TableSource`: header first, then rows checked against it. */

import type { RowView, TableSource } from '../table';
import { normalizeHeader } from '../table';
import { utf8Chunks } from '../text/chunks';
import type { Probe, ReadContext, SourceFile } from '../types';
import { detectDelimiter } from './delimiter';
import { isMissingToken, MISSING_MAX_BYTES, parseNumberBytes } from './numbers';
import {
  CsvTokenizer,
  ESCAPED_QUOTES,
  fieldText,
  UnterminatedQuoteError,
  type RecordView,
} from './tokenizer';

type ProbedHeader = { delimiter: string; header: string[] } | null;

/** Every importer's sniff asks for the header: it is found once per probe. */
const probedHeaders = new WeakMap<Probe, ProbedHeader>();

/** The header row of a probe's text, or `null` when it has none. */
export function probeHeader(probe: Probe): ProbedHeader {
  if (probedHeaders.has(probe)) return probedHeaders.get(probe) ?? null;
  const found = findHeader(probe);
  probedHeaders.set(probe, found);
  return found;
}

function findHeader(probe: Probe): ProbedHeader {
  const delimiter = detectDelimiter(probe.headText);
  let header: string[] | null = null;
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (r) => {
    if (header === null) header = Array.from({ length: r.count }, (_, i) => fieldText(r, i));
  });
  try {
    tokenizer.push(probe.head, probe.head.length === probe.size);
  } catch (error) {
    // A quote left open further down is the rows' problem, reported when they are read.
    if (!(error instanceof UnterminatedQuoteError)) throw error;
  }
  return header ? { delimiter, header } : null;
}

/**
 * The distinct values of one column, numbered 0, 1, 2… in order of first appearance and keyed by
 * their bytes, so a value that repeats down the column is decoded once. Runs and metrics repeat in
 * patterns: the same value as the row before, or the value that followed it last time; both are
 * checked before a hash lookup.
 */
class InternCache {
  texts: string[] = [];
  bytes: Uint8Array[] = [];
  /** The id of the next entry with the same hash, or -1. */
  sameHash: number[] = [];
  /** The id first seen after each id, or -1. */
  successor: number[] = [];
  byHash = new Map<number, number>();
  lastId = -1;
}

const INTERN_MAX_BYTES = 64;
const INTERN_MAX_ENTRIES = 100_000;

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

class CsvRow implements RowView {
  record!: RecordView;
  line = 0;
  #interned: InternCache[];

  constructor(columns: number) {
    this.#interned = Array.from({ length: columns }, () => new InternCache());
  }

  isEmpty(col: number): boolean {
    const r = this.record;
    const start = r.starts[col];
    const length = r.ends[col] - start;
    if (length === 0) return true;
    if (length > MISSING_MAX_BYTES) return false;
    return isMissingToken(r.buf, start, length);
  }

  text(col: number): string {
    return fieldText(this.record, col);
  }

  intern(col: number): string {
    const id = this.internId(col);
    return id >= 0 ? this.#interned[col].texts[id] : this.text(col);
  }

  /** The number of the cell's value among the column's distinct values; -1 when it is not kept. */
  internId(col: number): number {
    const r = this.record;
    const start = r.starts[col];
    const length = r.ends[col] - start;
    const cache = this.#interned[col];
    // Long values and fields with `""` (which `text` unescapes) are rare, and not worth keeping.
    if (length >= INTERN_MAX_BYTES || r.flags[col] & ESCAPED_QUOTES) {
      cache.lastId = -1;
      return -1;
    }
    const buf = r.buf;
    const bytes = cache.bytes;
    const last = cache.lastId;
    if (last >= 0) {
      if (sameBytes(bytes[last], buf, start, length)) return last;
      const next = cache.successor[last];
      if (next >= 0 && sameBytes(bytes[next], buf, start, length)) {
        cache.lastId = next;
        return next;
      }
    }
    // FNV-1a over the bytes; the bytes themselves decide equality, the hash only finds candidates.
    let hash = 0x811c9dc5;
    for (let i = start, end = start + length; i < end; i++)
      hash = Math.imul(hash ^ buf[i], 0x01000193);
    hash &= 0x3fffffff; // a small integer: no boxed number per lookup
    const first = cache.byHash.get(hash);
    let id = first ?? -1;
    while (id >= 0 && !sameBytes(bytes[id], buf, start, length)) id = cache.sameHash[id];
    if (id < 0) {
      if (cache.texts.length >= INTERN_MAX_ENTRIES) {
        cache.lastId = -1;
        return -1;
      }
      id = cache.texts.length;
      cache.texts.push(this.text(col));
      bytes.push(buf.slice(start, start + length));
      cache.sameHash.push(first ?? -1);
      cache.successor.push(-1);
      cache.byHash.set(hash, id);
    }
    if (last >= 0) cache.successor[last] = id;
    cache.lastId = id;
    return id;
  }

  /** The text of a value `internId` numbered. */
  internText(col: number, id: number): string {
    return this.#interned[col].texts[id];
  }

  num(col: number): number | undefined {
    const r = this.record;
    return parseNumberBytes(r.buf, r.starts[col], r.ends[col]);
  }
}

export function csvTable(file: SourceFile, probe: Probe): TableSource | null {
  const found = probeHeader(probe);
  if (!found) return null;
  const { delimiter, header } = found;
  const kind =
    delimiter === '\t'
      ? 'TSV'
      : delimiter === ','
        ? 'CSV'
        : `CSV (${JSON.stringify(delimiter)}-separated)`;
  const headerWarnings: string[] = [];
  const table: TableSource = {
    kind,
    columns: normalizeHeader(header, (m) => headerWarnings.push(m)),
    async rows(ctx: ReadContext, onRow: (row: RowView) => void) {
      for (const warning of headerWarnings) ctx.report.warn(warning);
      const width = header.length;
      const row = new CsvRow(width);
      let first = true;
      const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (r) => {
        if (first) {
          first = false;
          return;
        }
        if (r.count === 1 && r.ends[0] === r.starts[0]) return;
        ctx.report.rowsRead++;
        if (r.count !== width) {
          ctx.report.reject(r.line, `${r.count} fields where the header has ${width}`);
          return;
        }
        row.record = r;
        row.line = r.line;
        onRow(row);
      });
      let last: Uint8Array | null = null;
      try {
        for await (const chunk of utf8Chunks(file.blob, ctx)) {
          if (last) {
            tokenizer.push(last);
            await ctx.sink.flush();
          }
          last = chunk;
        }
        tokenizer.push(last ?? new Uint8Array(0), true);
      } catch (error) {
        if (!(error instanceof UnterminatedQuoteError)) throw error;
        ctx.report.reject(
          error.line,
          'a quoted field is never closed; the rest of the file is inside it',
        );
      }
    },
  };
  return table;
}
