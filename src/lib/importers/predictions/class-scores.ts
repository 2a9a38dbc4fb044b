/**
 * Per-class scores of a predictions file, for one-vs-rest curves: a column per class (`prob_cat`,
 * `p_cat`, `score_cat`, `proba_cat`, `prob.cat`, `probs.cat`), or one column holding a JSON array
 * per example (`probs`, `probabilities`, `scores`). An array is read only when it is clear which
 * number belongs to which class: the file's classes are the integers 0..k−1 of an array of k.
 * A class column is read only when its class is a label or a prediction of the file.
 */

import { parseNumberText } from '../csv/numbers';
import type { RowView } from '../table';

const CLASS_COLUMN = /^(?:probs?|p|scores?|probas?)[_.](.+)$/i;
const ARRAY_COLUMNS = ['probs', 'probabilities', 'scores', 'probas'];

/** A class name spelled as labels are (`1.0` and `1` are the same class). */
export function className(text: string): string {
  const t = text.trim();
  const number = parseNumberText(t);
  return number !== undefined && Number.isFinite(number) ? String(number) : t;
}

class Growing {
  values = new Float64Array(1024);
  size = 0;
  push(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = value;
  }
}

interface ArrayColumn {
  name: string;
  column: number;
  values: Growing;
  /** Numbers per array, from the first one read; -1 before. */
  width: number;
}

export interface ClassScores {
  /** The classes, in the order of `scores`' columns. */
  classes: string[];
  /** Row-major, one row per kept example and one column per class; NaN where none was given. */
  scores: Float64Array;
  /** The file's columns read, for its report. */
  read: string[];
}

export class ClassScoreReader {
  readonly #byClass: { name: string; column: number; cls: string; values: Growing }[] = [];
  readonly #array: ArrayColumn | null = null;
  #rows = 0;
  #odd = 0;

  constructor(columns: readonly string[], roles: ReadonlySet<number>) {
    columns.forEach((name, column) => {
      if (roles.has(column)) return;
      const m = CLASS_COLUMN.exec(name.trim());
      if (m && m[1].trim() !== '')
        this.#byClass.push({ name, column, cls: className(m[1]), values: new Growing() });
    });
    const array = columns.findIndex(
      (c, i) => !roles.has(i) && ARRAY_COLUMNS.includes(c.trim().toLowerCase()),
    );
    if (array >= 0)
      this.#array = { name: columns[array], column: array, values: new Growing(), width: -1 };
  }

  /** The columns this reader takes, so that nothing else reads them as segments. */
  get columns(): number[] {
    return [...this.#byClass.map((c) => c.column), ...(this.#array ? [this.#array.column] : [])];
  }

  get tracking(): boolean {
    return this.#byClass.length > 0 || this.#array !== null;
  }

  /** One kept row. */
  add(row: RowView): void {
    for (const c of this.#byClass)
      c.values.push(row.isEmpty(c.column) ? NaN : (row.num(c.column) ?? NaN));
    const a = this.#array;
    if (a) this.#addArray(a, row.isEmpty(a.column) ? null : row.text(a.column));
    this.#rows++;
  }

  #addArray(a: ArrayColumn, text: string | null): void {
    let parsed: unknown = null;
    if (text !== null && text.trimStart().startsWith('['))
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    const numbers = Array.isArray(parsed) && parsed.every((v) => typeof v === 'number');
    if (numbers && a.width < 0) {
      a.width = (parsed as number[]).length;
      for (let i = 0; i < this.#rows * a.width; i++) a.values.push(NaN);
    }
    const fits = numbers && (parsed as number[]).length === a.width;
    if (text !== null && !fits) this.#odd++;
    if (a.width < 0) return;
    for (let k = 0; k < a.width; k++) a.values.push(fits ? (parsed as number[])[k] : NaN);
  }

  /**
   * The scores, or null; `notes` say which score columns were not used and why. `classes`: every
   * label and prediction the file holds.
   */
  finish(classes: ReadonlySet<string>): { scores: ClassScores | null; notes: string[] } {
    const notes: string[] = [];
    const kept = this.#byClass.filter((c) => {
      if (classes.has(c.cls)) return true;
      notes.push(
        `Column ${c.name} not read as a class's score: no example has "${c.cls}" as its label or prediction.`,
      );
      return false;
    });
    const a = this.#array;
    if (kept.length > 0) {
      if (a) notes.push(`Column ${a.name} not read: the file has a score column per class.`);
      const k = kept.length;
      const scores = new Float64Array(this.#rows * k);
      kept.forEach((c, j) => {
        for (let i = 0; i < this.#rows; i++) scores[i * k + j] = c.values.values[i];
      });
      return {
        scores: { classes: kept.map((c) => c.cls), scores, read: kept.map((c) => c.name) },
        notes,
      };
    }
    if (!a) return { scores: null, notes };
    if (a.width <= 0) {
      notes.push(`Column ${a.name} not read: it holds no array of numbers.`);
      return { scores: null, notes };
    }
    const integers = Array.from({ length: a.width }, (_, i) => String(i));
    const outside = [...classes].filter((c) => !integers.includes(c));
    if (outside.length > 0) {
      notes.push(
        `Column ${a.name} not read: it holds ${a.width} numbers per example, but the classes are not the integers 0–${a.width - 1} (${outside.slice(0, 3).join(', ')}…), so which number is which class's is not known.`,
      );
      return { scores: null, notes };
    }
    if (this.#odd > 0)
      notes.push(
        `Column ${a.name}: ${this.#odd.toLocaleString('en-US')} rows hold no array of ${a.width} numbers; those examples have no class scores.`,
      );
    return {
      scores: {
        classes: integers,
        scores: a.values.values.subarray(0, this.#rows * a.width),
        read: [`${a.name} (classes 0–${a.width - 1} in order)`],
      },
      notes,
    };
  }
}
