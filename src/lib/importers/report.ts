/** What a file's import found: its format, counts, warnings and rejected lines. */

const LINES_KEPT = 20;

export interface Rejection {
  reason: string;
  lines: number[];
  count: number;
}

export interface ImportReportData {
  format: string;
  encoding: string | null;
  /** What a row number counts: lines of text, or records of a JSON array. */
  rowUnit: 'line' | 'record';
  runs: number;
  metrics: number;
  points: number;
  /** Per-example predictions read, and the runs they name (as the file names them). */
  examples: number;
  predictionRuns: string[];
  rowsRead: number;
  rowsRejected: number;
  warnings: string[];
  rejections: Rejection[];
}

/**
 * Collects problems as they are met. Rejections with the same reason are grouped, keeping the first
 * line numbers and the full count, so a file with a million bad rows still gives a short report.
 */
export class ImportReport {
  format = 'unknown';
  encoding: string | null = null;
  rowUnit: 'line' | 'record' = 'line';
  rowsRead = 0;
  #warnings: string[] = [];
  #rejections = new Map<string, Rejection>();
  #rejected = 0;

  warn(message: string): void {
    if (!this.#warnings.includes(message)) this.#warnings.push(message);
  }

  reject(line: number, reason: string): void {
    this.#rejected++;
    let r = this.#rejections.get(reason);
    if (!r) {
      r = { reason, lines: [], count: 0 };
      this.#rejections.set(reason, r);
    }
    r.count++;
    if (r.lines.length < LINES_KEPT) r.lines.push(line);
  }

  /** Rejections found in bulk: the first lines and the full count. */
  rejectMany(reason: string, lines: number[], count: number): void {
    this.#rejected += count;
    const r = this.#rejections.get(reason) ?? { reason, lines: [], count: 0 };
    r.count += count;
    r.lines.push(...lines.slice(0, LINES_KEPT - r.lines.length));
    this.#rejections.set(reason, r);
  }

  get rowsRejected(): number {
    return this.#rejected;
  }

  toData(counts: {
    runs: number;
    metrics: number;
    points: number;
    examples?: number;
    predictionRuns?: string[];
  }): ImportReportData {
    return {
      format: this.format,
      encoding: this.encoding,
      rowUnit: this.rowUnit,
      examples: 0,
      predictionRuns: [],
      ...counts,
      rowsRead: this.rowsRead,
      rowsRejected: this.#rejected,
      warnings: [...this.#warnings],
      rejections: [...this.#rejections.values()].map((r) => ({ ...r, lines: [...r.lines] })),
    };
  }
}

/** `line 3` / `lines 3, 7, … (1,204 in all)` / `records 2, 9`. */
export function describeLines(r: Rejection, unit: 'line' | 'record' = 'line'): string {
  const shown = r.lines.join(', ');
  const more = r.count > r.lines.length ? `, … (${r.count.toLocaleString('en-US')} in all)` : '';
  return `${unit}${r.count === 1 ? '' : 's'} ${shown}${more}`;
}
