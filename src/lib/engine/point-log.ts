/**
 * A copy, in the worker, of every point inserted into `metrics` (step, value, source per run and
 * metric), so a chart or an alignment on the step axis does not have to pull millions of points
 * back out of DuckDB. It is only ever appended to; DuckDB may later delete points (a failed file,
 * a repeated step that a later one replaced, a removed file), so a run's series is trusted only
 * while its count here equals the `series` table's count, and pulled from DuckDB otherwise.
 */

import { tableFromIPC } from 'apache-arrow';

interface Batch {
  run: Int32Array;
  metric: Int32Array;
  step: Float64Array;
  value: Float64Array;
  source: Int32Array;
}

export interface LoggedSeries {
  step: Float64Array;
  value: Float64Array;
  source: Int32Array;
}

export class PointLog {
  #batches: Batch[] = [];

  /** Copies the points of an Arrow IPC stream about to be inserted into `metrics`. */
  record(ipc: Uint8Array): void {
    const table = tableFromIPC(ipc);
    const n = table.numRows;
    if (n === 0) return;
    const column = (name: string) => table.getChild(name);
    const steps = column('step')?.toArray() as BigInt64Array | Float64Array;
    const step = new Float64Array(n);
    for (let i = 0; i < n; i++) step[i] = Number(steps[i]);
    this.#batches.push({
      run: Int32Array.from(column('run_id')?.toArray() as Int32Array),
      metric: Int32Array.from(column('metric_id')?.toArray() as Int32Array),
      step,
      value: Float64Array.from(column('value')?.toArray() as Float64Array),
      source: Int32Array.from(column('source_id')?.toArray() as Int32Array),
    });
  }

  /** Drops the points of a source that is gone (removed, failed or cancelled). */
  forgetSource(sourceId: number): void {
    this.#batches = this.#batches
      .map((b) => {
        let kept = 0;
        for (let i = 0; i < b.source.length; i++) if (b.source[i] !== sourceId) kept++;
        if (kept === b.source.length) return b;
        const out: Batch = {
          run: new Int32Array(kept),
          metric: new Int32Array(kept),
          step: new Float64Array(kept),
          value: new Float64Array(kept),
          source: new Int32Array(kept),
        };
        let j = 0;
        for (let i = 0; i < b.source.length; i++) {
          if (b.source[i] === sourceId) continue;
          out.run[j] = b.run[i];
          out.metric[j] = b.metric[i];
          out.step[j] = b.step[i];
          out.value[j] = b.value[i];
          out.source[j] = b.source[i];
          j++;
        }
        return out;
      })
      .filter((b) => b.source.length > 0);
  }

  /** The logged points of one metric for the given runs, in insertion order, by run id. */
  series(metricId: number, runIds: readonly number[]): Map<number, LoggedSeries> {
    // Run ids are small integers: typed arrays indexed by id beat maps in a loop over millions of rows.
    let maxRun = 0;
    for (const id of runIds) maxRun = Math.max(maxRun, id);
    const slot = new Int32Array(maxRun + 1).fill(-1);
    runIds.forEach((id, i) => (slot[id] = i));
    const counts = new Int32Array(runIds.length);
    for (const { run, metric } of this.#batches)
      for (let i = 0; i < metric.length; i++) {
        if (metric[i] !== metricId) continue;
        const r = run[i];
        if (r <= maxRun && slot[r] >= 0) counts[slot[r]]++;
      }
    const steps = runIds.map((_, i) => new Float64Array(counts[i]));
    const values = runIds.map((_, i) => new Float64Array(counts[i]));
    const sources = runIds.map((_, i) => new Int32Array(counts[i]));
    const fill = new Int32Array(runIds.length);
    for (const b of this.#batches) {
      const { run, metric, step, value, source } = b;
      for (let i = 0; i < metric.length; i++) {
        if (metric[i] !== metricId) continue;
        const r = run[i];
        const k = r <= maxRun ? slot[r] : -1;
        if (k < 0) continue;
        const at = fill[k]++;
        steps[k][at] = step[i];
        values[k][at] = value[i];
        sources[k][at] = source[i];
      }
    }
    const out = new Map<number, LoggedSeries>();
    runIds.forEach((id, i) => {
      if (counts[i] > 0) out.set(id, { step: steps[i], value: values[i], source: sources[i] });
    });
    return out;
  }
}
