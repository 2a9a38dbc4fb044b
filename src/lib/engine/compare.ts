/** The compare view in the worker: the runs' fields pivoted once, then diffed against any base. */

import { decodeCompareCells } from '../compare/decode';
import { diffAgainst, packageChange, pivot, type CompareRow, type LongCell } from '../compare/diff';
import { isResourceName } from '../schema/metric-roles';
import {
  PACKAGE_CHANGES,
  type CompareViewData,
  type CompareViewRequest,
} from '../compare/view-data';
import { COMPARE_SECTIONS, compareCells } from '../sql/compare';
import type { Db } from './db';

export class CompareCache {
  #runsKey = '';
  #ipc: Uint8Array = new Uint8Array(0);
  #rows: CompareRow[] = [];
  #cellIndex = new Int32Array(0);

  /** `version` names the state of the data: a new one pivots again. */
  view(db: Db, version: number, request: CompareViewRequest): CompareViewData {
    const { runIds } = request;
    const key = `${version}|${runIds.join(',')}`;
    if (key !== this.#runsKey) {
      this.#ipc = db.queryIPC(compareCells(runIds));
      // Summary values that measure cost (runtime, memory, size) get a section of their own.
      const order = (c: LongCell) => COMPARE_SECTIONS.indexOf(c.section);
      const cells = decodeCompareCells(this.#ipc)
        .map((c, at) => ({
          ...c,
          at,
          section:
            c.section === 'summary' && isResourceName(c.key) ? ('resources' as const) : c.section,
        }))
        .sort(
          (a, b) =>
            order(a) - order(b) ||
            (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
            a.runId - b.runId,
        );
      this.#rows = pivot(cells, runIds);
      // Where each (field, run) cell sits in the long table, for reading its text on the page.
      const column = new Map(runIds.map((id, i) => [id, i]));
      this.#cellIndex = new Int32Array(this.#rows.length * runIds.length).fill(-1);
      let row = -1;
      let last = '';
      for (const c of cells) {
        const id = `${c.section}\u0000${c.key}`;
        if (id !== last) {
          row++;
          last = id;
        }
        const at = column.get(c.runId);
        if (at !== undefined) this.#cellIndex[row * runIds.length + at] = c.at;
      }
      this.#runsKey = key;
    }
    const runs = runIds.length;
    const base = Math.max(0, runIds.indexOf(request.base));
    const diffed = diffAgainst(this.#rows, base);
    const fields = diffed.length;
    const differs = new Uint8Array(fields * runs);
    const anyDiff = new Uint8Array(fields);
    const changeAbs = new Float64Array(fields * runs).fill(NaN);
    const changePct = new Float64Array(fields * runs).fill(NaN);
    const packages = new Uint8Array(fields * runs);
    const sections = new Uint8Array(fields);
    diffed.forEach((row, f) => {
      sections[f] = COMPARE_SECTIONS.indexOf(row.section);
      anyDiff[f] = row.anyDiff ? 1 : 0;
      for (let r = 0; r < runs; r++) {
        const i = f * runs + r;
        differs[i] = row.differs[r] ? 1 : 0;
        const change = row.change[r];
        if (change) {
          changeAbs[i] = change.abs;
          changePct[i] = change.pct ?? NaN;
        }
        if (row.section === 'packages' && r !== base)
          packages[i] = PACKAGE_CHANGES.indexOf(packageChange(row.cells[base], row.cells[r]));
      }
    });
    return {
      runIds,
      base: request.base,
      cells: this.#ipc.slice(),
      sections,
      keys: diffed.map((r) => r.key),
      cellIndex: this.#cellIndex.slice(),
      differs,
      anyDiff,
      changeAbs,
      changePct,
      packageChange: packages,
    };
  }
}

export function compareViewBuffers(d: CompareViewData): ArrayBuffer[] {
  return [
    d.cells,
    d.sections,
    d.cellIndex,
    d.differs,
    d.anyDiff,
    d.changeAbs,
    d.changePct,
    d.packageChange,
  ]
    .map((a) => a.buffer)
    .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
