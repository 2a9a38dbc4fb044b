/**
 * A copy, in the worker, of every point inserted into `metrics` (step, value, source), kept per
 * metric and run in growable columns, so a chart or an alignment on the step axis reads a run's
 * series as a view instead of pulling millions of points back out of DuckDB or scanning them all.
 * It is only ever appended to; DuckDB may later delete points (a failed file, a repeated step that
 * a later one replaced, a removed file), so a run's series is trusted only while its count here
 * equals the `series` table's count, and pulled from DuckDB otherwise.
 */

import { tableFromIPC } from 'apache-arrow';

export interface LoggedSeries {
  step: Float64Array;
  value: Float64Array;
  source: Int32Array;
}

/**
 * Columns with spare room at the end. Points below `length` never change: views handed out stay
 * valid while later points are appended (a full column is copied into a new, larger one).
 */
class Columns {
  length = 0;
  step: Float64Array;
  value: Float64Array;
  source: Int32Array;

  constructor(capacity: number) {
    this.step = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
    this.source = new Int32Array(capacity);
  }

  reserve(more: number): void {
    const needed = this.length + more;
    if (needed <= this.step.length) return;
    const capacity = Math.max(needed, Math.ceil(this.step.length * 1.5));
    const grown = new Columns(capacity);
    grown.step.set(this.view().step);
    grown.value.set(this.view().value);
    grown.source.set(this.view().source);
    this.step = grown.step;
    this.value = grown.value;
    this.source = grown.source;
  }

  /** Columns over existing arrays, full: the first append copies them into larger ones. */
  static of(series: LoggedSeries): Columns {
    const c = new Columns(0);
    c.step = series.step;
    c.value = series.value;
    c.source = series.source;
    c.length = series.step.length;
    return c;
  }

  view(): LoggedSeries {
    return {
      step: this.step.subarray(0, this.length),
      value: this.value.subarray(0, this.length),
      source: this.source.subarray(0, this.length),
    };
  }
}

export class PointLog {
  /** metric id → run id → that run's logged points of the metric, in insertion order. */
  #columns = new Map<number, Map<number, Columns>>();

  /** Copies the points of an Arrow IPC stream about to be inserted into `metrics`. */
  record(ipc: Uint8Array): void {
    const table = tableFromIPC(ipc);
    const n = table.numRows;
    if (n === 0) return;
    const column = (name: string) => table.getChild(name)?.toArray();
    const run = column('run_id') as Int32Array;
    const metric = column('metric_id') as Int32Array;
    const step = column('step') as BigInt64Array | Float64Array;
    const value = column('value') as Float64Array;
    const source = column('source_id') as Int32Array;

    // Rows of one run and metric usually come in long stretches: one lookup per stretch.
    const target: Columns[] = [];
    const slotOf = new Map<Columns, number>();
    const rowTarget = new Int32Array(n);
    const incoming: number[] = [];
    let lastRun = NaN;
    let lastMetric = NaN;
    let slot = -1;
    for (let i = 0; i < n; i++) {
      if (run[i] !== lastRun || metric[i] !== lastMetric) {
        lastRun = run[i];
        lastMetric = metric[i];
        const columns = this.#columnsOf(lastMetric, lastRun);
        slot = slotOf.get(columns) ?? -1;
        if (slot < 0) {
          slot = target.push(columns) - 1;
          slotOf.set(columns, slot);
          incoming.push(0);
        }
      }
      rowTarget[i] = slot;
      incoming[slot]++;
    }
    target.forEach((c, k) => c.reserve(incoming[k]));
    for (let i = 0; i < n; i++) {
      const c = target[rowTarget[i]];
      const at = c.length++;
      c.step[at] = Number(step[i]);
      c.value[at] = value[i];
      c.source[at] = source[i];
    }
  }

  /**
   * Every column packed end to end for a snapshot: all steps, then all values (float64), then all
   * sources (int32), with an index of [metric id, run id, points] in the same order.
   */
  pack(): { index: [number, number, number][]; bytes: Uint8Array } {
    const index: [number, number, number][] = [];
    for (const [metricId, byRun] of this.#columns)
      for (const [runId, c] of byRun) index.push([metricId, runId, c.length]);
    const total = index.reduce((sum, [, , n]) => sum + n, 0);
    const buffer = new ArrayBuffer(total * 20);
    const step = new Float64Array(buffer, 0, total);
    const value = new Float64Array(buffer, total * 8, total);
    const source = new Int32Array(buffer, total * 16, total);
    let at = 0;
    for (const [metricId, runId] of index) {
      const v = (this.#columns.get(metricId)?.get(runId) as Columns).view();
      step.set(v.step, at);
      value.set(v.value, at);
      source.set(v.source, at);
      at += v.step.length;
    }
    return { index, bytes: new Uint8Array(buffer) };
  }

  /** A packed log read back in place of this one; the columns are views of `bytes`. */
  unpack(index: readonly [number, number, number][], bytes: Uint8Array): void {
    const total = index.reduce((sum, [, , n]) => sum + n, 0);
    if (bytes.byteLength !== total * 20)
      throw new Error(`a packed point log of ${total} points has ${bytes.byteLength} bytes`);
    const own = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    const step = new Float64Array(own.buffer, own.byteOffset, total);
    const value = new Float64Array(own.buffer, own.byteOffset + total * 8, total);
    const source = new Int32Array(own.buffer, own.byteOffset + total * 16, total);
    this.#columns.clear();
    let at = 0;
    for (const [metricId, runId, n] of index) {
      let byRun = this.#columns.get(metricId);
      if (!byRun) this.#columns.set(metricId, (byRun = new Map()));
      const range = { step: step.subarray(at, at + n), value: value.subarray(at, at + n) };
      byRun.set(runId, Columns.of({ ...range, source: source.subarray(at, at + n) }));
      at += n;
    }
  }

  /** Drops the points of a source that is gone (removed, failed or cancelled). */
  forgetSource(sourceId: number): void {
    for (const byRun of this.#columns.values())
      for (const [runId, c] of byRun) {
        let kept = 0;
        for (let i = 0; i < c.length; i++) if (c.source[i] !== sourceId) kept++;
        if (kept === c.length) continue;
        // New columns, never an in-place shift: views handed out earlier keep what they showed.
        const out = new Columns(kept);
        for (let i = 0; i < c.length; i++) {
          if (c.source[i] === sourceId) continue;
          const at = out.length++;
          out.step[at] = c.step[i];
          out.value[at] = c.value[i];
          out.source[at] = c.source[i];
        }
        if (kept === 0) byRun.delete(runId);
        else byRun.set(runId, out);
      }
  }

  /**
   * The logged points of one metric for the given runs, in insertion order, by run id. The arrays
   * are views of the log: read them, never change them, never transfer them.
   */
  series(metricId: number, runIds: readonly number[]): Map<number, LoggedSeries> {
    const out = new Map<number, LoggedSeries>();
    const byRun = this.#columns.get(metricId);
    if (!byRun) return out;
    for (const id of runIds) {
      const c = byRun.get(id);
      if (c && c.length > 0) out.set(id, c.view());
    }
    return out;
  }

  #columnsOf(metricId: number, runId: number): Columns {
    let byRun = this.#columns.get(metricId);
    if (!byRun) {
      byRun = new Map();
      this.#columns.set(metricId, byRun);
    }
    let c = byRun.get(runId);
    if (!c) {
      c = new Columns(0);
      byRun.set(runId, c);
    }
    return c;
  }
}
