/** A CSV/TSV file as a streamed `TableSource`: header first, then rows checked against it. */

import type { RowView, TableSource } from '../table';
import { normalizeHeader } from '../table';
import { utf8Chunks } from '../text/chunks';
import type { Probe, ReadContext, SourceFile } from '../types';
import { detectDelimiter } from './delimiter';
import { MISSING_TOKENS, parseNumberBytes } from './numbers';
import { CsvTokenizer, fieldText, UnterminatedQuoteError, type RecordView } from './tokenizer';

/** The header row of a probe's text, or `null` when it has none. */
export function probeHeader(probe: Probe): { delimiter: string; header: string[] } | null {
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

class CsvRow implements RowView {
  record!: RecordView;
  line = 0;
  #interned: Map<string, string>[];

  constructor(columns: number) {
    this.#interned = Array.from({ length: columns }, () => new Map());
  }

  isEmpty(col: number): boolean {
    const r = this.record;
    const length = r.ends[col] - r.starts[col];
    if (length === 0) return true;
    if (length > 4) return false;
    return MISSING_TOKENS.has(this.text(col));
  }

  text(col: number): string {
    return fieldText(this.record, col);
  }

  intern(col: number): string {
    const r = this.record;
    const bytes = r.buf.subarray(r.starts[col], r.ends[col]);
    // latin1 of the bytes is a cheap, exact map key; the decoded text is made once per distinct value.
    const key = bytes.length < 64 ? String.fromCharCode.apply(null, bytes as unknown as number[]) : null;
    if (key === null) return this.text(col);
    const cache = this.#interned[col];
    let text = cache.get(key);
    if (text === undefined) {
      text = this.text(col);
      if (cache.size < 100_000) cache.set(key, text);
    }
    return text;
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
  const kind = delimiter === '\t' ? 'TSV' : delimiter === ',' ? 'CSV' : `CSV (${JSON.stringify(delimiter)}-separated)`;
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
        ctx.report.reject(error.line, 'a quoted field is never closed; the rest of the file is inside it');
      }
    },
  };
  return table;
}
