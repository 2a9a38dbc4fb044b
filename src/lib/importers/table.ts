/** A table read row by row, whatever file it came from: the shape readers work on this. */

import type { ReadContext } from './types';

export interface RowView {
  /** The line (CSV) or record number (JSON) the row starts on, for messages. */
  line: number;
  /** True for an empty cell or a missing-value token (`NA`, `null`, `None`…). */
  isEmpty(col: number): boolean;
  text(col: number): string;
  /** Same as `text`, cheaper for values that repeat down a column (run and metric names). */
  intern(col: number): string;
  /** The cell as a number (`NaN` and `±Infinity` included); `undefined` when it is not one. */
  num(col: number): number | undefined;
}

export interface TableSource {
  /** `CSV`, `TSV`, `JSON`, `JSON Lines`… */
  kind: string;
  columns: string[];
  rows(ctx: ReadContext, onRow: (row: RowView) => void): Promise<void>;
}

/** Empty header cells get a name, repeated ones a suffix; each change is reported. */
export function normalizeHeader(raw: string[], warn: (message: string) => void): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, i) => {
    let n = name.trim();
    if (n === '') {
      n = `column ${i + 1}`;
      warn(`Column ${i + 1} has no name; it is called "${n}".`);
    }
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    if (count > 1) {
      const renamed = `${n} (${count})`;
      warn(`Column name "${n}" appears more than once; column ${i + 1} is called "${renamed}".`);
      return renamed;
    }
    return n;
  });
}
