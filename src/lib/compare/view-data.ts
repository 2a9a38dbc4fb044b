/**
 * The compare view as the worker sends it: which cell of the long table each (field, run) is, and
 * how it compares to the base, in typed arrays; the cells' text stays in Arrow and is decoded
 * only for the cells on screen (a sweep of 200 runs × 500 fields is 100,000 cells).
 */

import { tableFromIPC, type Vector } from 'apache-arrow';
import { COMPARE_SECTIONS, type CompareSection } from '../sql/compare';
import type { Change, MaybeCell } from './diff';

export interface CompareViewRequest {
  runIds: number[];
  /** The base run's id. */
  base: number;
}

export const PACKAGE_CHANGES = [null, 'added', 'removed', 'changed'] as const;

export interface CompareViewData {
  runIds: number[];
  base: number;
  /** Long cells as Arrow IPC (section, key, run_id, value, num). */
  cells: Uint8Array;
  /** Per field: its section (index into COMPARE_SECTIONS) and key. */
  sections: Uint8Array;
  keys: string[];
  /** Per field × run (row-major): the long cell's index, or -1 where the run lacks the field. */
  cellIndex: Int32Array;
  differs: Uint8Array;
  anyDiff: Uint8Array;
  /** Per field × run: change from the base when both are numbers, else NaN. */
  changeAbs: Float64Array;
  changePct: Float64Array;
  /** Per field × run: index into PACKAGE_CHANGES. */
  packageChange: Uint8Array;
}

/** Read access to a compare view, decoding a cell's text only when asked. */
export class CompareTable {
  readonly data: CompareViewData;
  #columns: { value: Vector | null; num: Vector | null } | null = null;

  constructor(data: CompareViewData) {
    this.data = data;
  }

  get fields(): number {
    return this.data.keys.length;
  }

  get runs(): number {
    return this.data.runIds.length;
  }

  section(field: number): CompareSection {
    return COMPARE_SECTIONS[this.data.sections[field]];
  }

  key(field: number): string {
    return this.data.keys[field];
  }

  anyDiff(field: number): boolean {
    return this.data.anyDiff[field] === 1;
  }

  differs(field: number, run: number): boolean {
    return this.data.differs[field * this.runs + run] === 1;
  }

  cell(field: number, run: number): MaybeCell {
    const at = this.data.cellIndex[field * this.runs + run];
    if (at < 0) return undefined;
    // Decoded once; `getChild` builds a new vector over every batch each time it is called.
    if (!this.#columns) {
      const table = tableFromIPC(this.data.cells);
      this.#columns = { value: table.getChild('value'), num: table.getChild('num') };
    }
    const value = this.#columns.value?.get(at) as string | null;
    const num = this.#columns.num?.get(at) as number | null;
    return { value: value ?? null, num: num ?? null };
  }

  change(field: number, run: number): Change | null {
    const i = field * this.runs + run;
    const abs = this.data.changeAbs[i];
    if (Number.isNaN(abs)) return null;
    const pct = this.data.changePct[i];
    return { abs, pct: Number.isNaN(pct) ? null : pct };
  }

  packageChange(field: number, run: number): (typeof PACKAGE_CHANGES)[number] {
    return PACKAGE_CHANGES[this.data.packageChange[field * this.runs + run]];
  }
}
