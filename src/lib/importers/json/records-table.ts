/** JSON (an array of records) or JSON Lines (one record a line) as a `TableSource`. */

import { MISSING_TOKENS, parseNumberText } from '../csv/numbers';
import type { RowView, TableSource } from '../table';
import { locateJsonError } from './locate-error';
import { toStrictJson } from './relaxed';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Flat = Record<string, string | number | boolean | null>;

export class JsonShapeError extends Error {}

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested objects become dotted keys; arrays are kept as their JSON text. */
export function flatten(record: { [key: string]: Json }, prefix = '', out: Flat = {}): Flat {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value)) flatten(value, name, out);
    else if (Array.isArray(value)) out[name] = JSON.stringify(value);
    else out[name] = value;
  }
  return out;
}

class JsonRow implements RowView {
  line = 0;
  cells: (string | number | boolean | null | undefined)[] = [];

  isEmpty(col: number): boolean {
    const v = this.cells[col];
    return v === undefined || v === null || (typeof v === 'string' && MISSING_TOKENS.has(v));
  }

  text(col: number): string {
    const v = this.cells[col];
    return v === undefined || v === null ? '' : String(v);
  }

  intern(col: number): string {
    return this.text(col);
  }

  num(col: number): number | undefined {
    const v = this.cells[col];
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return parseNumberText(v);
    return undefined;
  }
}

/** `JSON.parse` after `toStrictJson`: Python's NaN/Infinity and long integers are read without loss. */
export function parseRelaxedJson(text: string): unknown {
  return JSON.parse(toStrictJson(text).text);
}

export interface ParsedRecords {
  table: TableSource;
  notes: string[];
}

/**
 * Parses JSON text into records. A whole-file syntax error is thrown with its line; in JSON Lines
 * a bad line is handed to `onBadLine` and the others are kept.
 */
export function recordsTable(
  text: string,
  onBadLine: (line: number, reason: string) => void,
): ParsedRecords {
  const relaxed = toStrictJson(text);
  const notes: string[] = [];
  if (relaxed.nonFinite > 0)
    notes.push(`${relaxed.nonFinite} NaN/Infinity literals were read as numbers.`);
  if (relaxed.longIntegers > 0) {
    notes.push(`${relaxed.longIntegers} integers longer than 15 digits were kept as exact text.`);
  }
  let records: { record: Flat; line: number }[];
  let kind = 'JSON';
  try {
    const parsed = JSON.parse(relaxed.text) as Json;
    if (isRecord(parsed) && relaxed.text.trim().split(/\r?\n/).length === 1) {
      // One record on one line is JSON Lines of one line (a watched file read further may be just that).
      kind = 'JSON Lines';
      const line = relaxed.text.split(/\r?\n/).findIndex((l) => l.trim() !== '') + 1;
      records = [{ record: flatten(parsed), line }];
    } else {
      if (!Array.isArray(parsed)) {
        throw new JsonShapeError('The JSON is not an array of records (a list of {…} objects).');
      }
      const bad = parsed.findIndex((r) => !isRecord(r));
      if (bad >= 0)
        throw new JsonShapeError(`Item ${bad + 1} of the JSON array is not a record ({…}).`);
      records = parsed.map((r, i) => ({
        record: flatten(r as { [key: string]: Json }),
        line: i + 1,
      }));
    }
  } catch (error) {
    if (error instanceof JsonShapeError) throw error;
    const lines = relaxed.text.split(/\r?\n/);
    const nonEmpty = lines.filter((l) => l.trim() !== '');
    if (nonEmpty.length < 2 || !nonEmpty[0].trim().startsWith('{')) {
      const at = locateJsonError(relaxed.text);
      const where = at ? ` on line ${at.line}, column ${at.column}` : '';
      throw new JsonShapeError(`The JSON is not valid${where}: ${(error as Error).message}`);
    }
    kind = 'JSON Lines';
    records = [];
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      try {
        const value = JSON.parse(l) as Json;
        if (isRecord(value)) records.push({ record: flatten(value), line: i + 1 });
        else onBadLine(i + 1, 'not a JSON record ({…})');
      } catch {
        onBadLine(i + 1, 'not valid JSON');
      }
    });
  }
  const columns: string[] = [];
  const index = new Map<string, number>();
  for (const { record } of records) {
    for (const key of Object.keys(record)) {
      if (!index.has(key)) {
        index.set(key, columns.length);
        columns.push(key);
      }
    }
  }
  const table: TableSource = {
    kind,
    columns,
    async rows(ctx, onRow) {
      const row = new JsonRow();
      for (const { record, line } of records) {
        ctx.report.rowsRead++;
        row.line = line;
        row.cells = columns.map((c) => record[c]);
        onRow(row);
      }
    },
  };
  return { table, notes };
}
