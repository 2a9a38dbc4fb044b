/**
 * Hyperparameters of the runs as the page reads them: one column of text per key, decoded cell by
 * cell when something asks. A sweep of 200 runs × 500 keys is 100,000 cells, and the runs table
 * shows a few hundred of them; decoding every cell into an object per run on each refresh blocked
 * the page for a fifth of a second.
 */

import type { Vector } from 'apache-arrow';

/** One run's hyperparameters: `undefined` for a key the run does not have, `null` for a null value. */
export interface Params {
  get(key: string): string | null | undefined;
  /** The keys this run has, in key order. */
  keys(): string[];
}

/** Every run's cells, by key: `cellRow[position × keys + key]` is the cell's row in `values`, or −1. */
export class ParamColumns {
  readonly keys: readonly string[];
  readonly #keyIndex: Map<string, number>;
  readonly #cellRow: Int32Array;
  readonly #values: Vector | null;
  readonly #decoded: (string | null | undefined)[];

  constructor(
    keys: readonly string[],
    runPositions: number,
    cells: { position: ArrayLike<number>; key: ArrayLike<number>; values: Vector | null },
  ) {
    this.keys = keys;
    this.#keyIndex = new Map(keys.map((k, i) => [k, i]));
    this.#cellRow = new Int32Array(runPositions * keys.length).fill(-1);
    for (let row = 0; row < cells.key.length; row++) {
      const at = cells.position[row];
      if (at >= 0) this.#cellRow[at * keys.length + cells.key[row]] = row;
    }
    this.#values = cells.values;
    this.#decoded = new Array(cells.key.length);
  }

  value(position: number, key: string): string | null | undefined {
    const k = this.#keyIndex.get(key);
    if (k === undefined) return undefined;
    const row = this.#cellRow[position * this.keys.length + k];
    return row < 0 ? undefined : this.#cell(row);
  }

  keysOf(position: number): string[] {
    const out: string[] = [];
    const from = position * this.keys.length;
    for (let k = 0; k < this.keys.length; k++)
      if (this.#cellRow[from + k] >= 0) out.push(this.keys[k]);
    return out;
  }

  #cell(row: number): string | null {
    let v = this.#decoded[row];
    if (v === undefined) {
      const raw = this.#values?.get(row);
      v = raw === null || raw === undefined ? null : String(raw);
      this.#decoded[row] = v;
    }
    return v;
  }
}

class RunParams implements Params {
  readonly #columns: ParamColumns;
  readonly #position: number;

  constructor(columns: ParamColumns, position: number) {
    this.#columns = columns;
    this.#position = position;
  }

  get(key: string): string | null | undefined {
    return this.#columns.value(this.#position, key);
  }

  keys(): string[] {
    return this.#columns.keysOf(this.#position);
  }
}

export function paramsAt(columns: ParamColumns, position: number): Params {
  return new RunParams(columns, position);
}

/** Params from a plain object, for tests and hand-made runs. */
export function paramsOf(record: Readonly<Record<string, string | null>>): Params {
  const keys = Object.keys(record).sort();
  return {
    get: (key) => (Object.hasOwn(record, key) ? record[key] : undefined),
    keys: () => keys,
  };
}

/** Every key with its value, for text search. */
export function paramEntries(params: Params): [string, string | null][] {
  return params.keys().map((k) => [k, params.get(k) ?? null]);
}
