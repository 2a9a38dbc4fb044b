/**
 * Segment columns of a predictions file: every column besides the id, label, prediction, score and
 * run whose values fall in a few groups (`language`, `source`, `length_bucket`). Each example's
 * value is held as a small code while the file is read; a column that shows more distinct values
 * than a segment may have stops being one (its codes are let go), and only the columns still
 * segments at the end are written.
 */

/** More distinct values than this and a column is an id, free text or a measurement. */
export const MAX_SEGMENT_VALUES = 50;
/** Segment columns written per file (the first ones, in the file's order). */
export const MAX_SEGMENT_COLUMNS = 8;

class Candidate {
  readonly values = new Map<string | null, number>();
  codes = new Int32Array(1024);
  alive = true;

  constructor(
    readonly name: string,
    readonly column: number,
  ) {}

  add(row: number, value: string | null): void {
    if (!this.alive) return;
    let code = this.values.get(value);
    if (code === undefined) {
      if (this.values.size >= MAX_SEGMENT_VALUES) {
        this.alive = false;
        this.codes = new Int32Array(0);
        return;
      }
      this.values.set(value, (code = this.values.size));
    }
    if (row >= this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[row] = code;
  }
}

export interface SegmentColumn {
  name: string;
  /** By code. */
  values: (string | null)[];
  /** Per kept row, the code of its value. */
  codes: Int32Array;
}

export class SegmentReader {
  readonly #candidates: Candidate[];
  #rows = 0;

  /** `columns`: the file's column names; `roles`: the columns that are not segments. */
  constructor(columns: readonly string[], roles: ReadonlySet<number>) {
    this.#candidates = columns
      .map((name, column) => new Candidate(name, column))
      .filter((c) => !roles.has(c.column) && c.name.trim() !== '');
  }

  get tracking(): boolean {
    return this.#candidates.some((c) => c.alive);
  }

  /** One kept row; `value(column)` its text in a column (null when empty). */
  add(value: (column: number) => string | null): void {
    for (const c of this.#candidates) c.add(this.#rows, value(c.column));
    this.#rows++;
  }

  /** The segment columns, and the other columns with why they are not segments. */
  finish(): { segments: SegmentColumn[]; notSegments: string[] } {
    const segments: SegmentColumn[] = [];
    const notSegments: string[] = [];
    for (const c of this.#candidates) {
      if (!c.alive) notSegments.push(`${c.name} (more than ${MAX_SEGMENT_VALUES} values)`);
      else if (c.values.size < 2) notSegments.push(`${c.name} (one value only)`);
      else if (segments.length >= MAX_SEGMENT_COLUMNS)
        notSegments.push(`${c.name} (past the first ${MAX_SEGMENT_COLUMNS} segment columns)`);
      else
        segments.push({
          name: c.name,
          values: [...c.values.keys()],
          codes: c.codes.subarray(0, this.#rows),
        });
    }
    return { segments, notSegments };
  }
}
