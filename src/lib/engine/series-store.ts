/**
 * Every run's series of a metric on an axis, kept in the worker as sorted typed arrays, so
 * alignment, curves and their recomputations are binary searches and array walks (DESIGN.md: the
 * same questions in SQL over 10 M points took seconds). On the step axis a series comes from the
 * point log when the log still agrees with DuckDB; otherwise, and on other axes, it is pulled from
 * DuckDB once as Arrow. Built series are dropped whenever points change.
 */

import { buildSeries, type Series } from '../align/series';
import { axisPoints, pointsWithoutX, type AxisColumn } from '../sql/align';
import { inList, literal } from '../sql/quote';
import { query, queryRows, type Db } from './db';
import { PointLog } from './point-log';

export class SeriesStore {
  #db: Db;
  #cache = new Map<string, Map<number, Series>>();
  #withoutX = new Map<string, number>();
  readonly log = new PointLog();
  /** Series built from the point log and pulled from DuckDB, for tests and diagnostics. */
  readonly built = { fromLog: 0, pulled: 0 };

  constructor(db: Db) {
    this.#db = db;
  }

  clear(): void {
    this.#cache.clear();
    this.#withoutX.clear();
  }

  /** Forgets the series of these runs and metrics only: the others stay built (a watched file grew). */
  forget(pairs: readonly { runId: number; metricId: number }[]): void {
    this.#withoutX.clear();
    for (const [key, known] of this.#cache) {
      const metricId = Number(key.slice(key.lastIndexOf('|') + 1));
      for (const p of pairs) if (p.metricId === metricId) known.delete(p.runId);
    }
  }

  /** How many points of each metric have no position on the axis (0 on the step axis). */
  withoutX(metricIds: readonly number[], axis: AxisColumn): Map<number, number> {
    const out = new Map<number, number>();
    if (axis.kind === 'step') return out;
    const missing = metricIds.filter((id) => !this.#withoutX.has(`${axisKey(axis)}|${id}`));
    if (missing.length > 0) {
      for (const id of missing) this.#withoutX.set(`${axisKey(axis)}|${id}`, 0);
      for (const r of queryRows<{ metric_id: number; n: number }>(
        this.#db,
        pointsWithoutX(missing, axis),
      ))
        this.#withoutX.set(`${axisKey(axis)}|${r.metric_id}`, r.n);
    }
    for (const id of metricIds) {
      const n = this.#withoutX.get(`${axisKey(axis)}|${id}`) ?? 0;
      if (n > 0) out.set(id, n);
    }
    return out;
  }

  /**
   * Series of one metric on the axis for these runs, by run id; a run without the metric gets none.
   * Only runs not asked for before are pulled, so comparing a few runs of a big sweep stays cheap.
   */
  metric(metricId: number, axis: AxisColumn, runIds: readonly number[]): Map<number, Series> {
    const key = `${axisKey(axis)}|${metricId}`;
    let known = this.#cache.get(key);
    if (!known) {
      known = new Map();
      this.#cache.set(key, known);
    }
    let missing = runIds.filter((id) => !known.has(id));
    if (missing.length > 0 && axis.kind === 'step') {
      for (const [id, series] of this.#fromLog(metricId, missing)) known.set(id, series);
      missing = missing.filter((id) => !known.has(id));
    }
    if (missing.length > 0) {
      const pulled = this.#pull(metricId, axis, missing);
      for (const id of missing) known.set(id, pulled.get(id) ?? EMPTY);
    }
    const out = new Map<number, Series>();
    for (const id of runIds) {
      const series = known.get(id);
      if (series && series.x.length > 0) out.set(id, series);
    }
    return out;
  }

  /** Series of runs whose logged points DuckDB still holds, all of them (same count). */
  #fromLog(metricId: number, runIds: readonly number[]): Map<number, Series> {
    const stored = new Map<number, number>();
    for (const r of queryRows<{ run_id: number; n: number }>(
      this.#db,
      `SELECT run_id, n FROM series WHERE metric_id = ${literal(metricId)} AND run_id IN ${inList(runIds)}`,
    ))
      stored.set(r.run_id, r.n);
    const out = new Map<number, Series>();
    for (const [runId, s] of this.log.series(metricId, runIds)) {
      if (stored.get(runId) !== s.step.length) continue;
      out.set(runId, buildSeries(s.step, s.step, s.value, s.source));
      this.built.fromLog++;
    }
    // A run with no point anywhere is settled too: nothing to pull.
    for (const runId of runIds) if (!stored.has(runId) && !out.has(runId)) out.set(runId, EMPTY);
    return out;
  }

  #pull(metricId: number, axis: AxisColumn, runIds: readonly number[]): Map<number, Series> {
    const table = query(this.#db, axisPoints(metricId, axis, runIds));
    const column = <T>(name: string) => table.getChild(name)?.toArray() as T;
    const run = column<Int32Array>('run_id');
    const step = column<Float64Array>('step');
    const x = column<Float64Array>('x');
    const value = column<Float64Array>('value');
    const source = column<Int32Array>('source_id');
    const out = groupByRun(run, x, step, value, source);
    this.built.pulled += out.size;
    return out;
  }
}

const EMPTY: Series = {
  x: new Float64Array(0),
  step: new Float64Array(0),
  value: new Float64Array(0),
  source: new Int32Array(0),
  interval: null,
};

function axisKey(axis: AxisColumn): string {
  return axis.kind === 'counter' ? `counter:${axis.metricId}` : axis.kind;
}

/** Splits rows in any order into one series per run (a counting sort by run, then per run by x). */
function groupByRun(
  run: Int32Array,
  x: Float64Array,
  step: Float64Array,
  value: Float64Array,
  source: Int32Array,
): Map<number, Series> {
  const counts = new Map<number, number>();
  for (let i = 0; i < run.length; i++) counts.set(run[i], (counts.get(run[i]) ?? 0) + 1);
  const offsets = new Map<number, number>();
  let offset = 0;
  for (const [id, n] of counts) {
    offsets.set(id, offset);
    offset += n;
  }
  const order = new Uint32Array(run.length);
  const fill = new Map(offsets);
  for (let i = 0; i < run.length; i++) {
    const at = fill.get(run[i]) as number;
    order[at] = i;
    fill.set(run[i], at + 1);
  }
  const out = new Map<number, Series>();
  for (const [id, start] of offsets) {
    const rows = order.subarray(start, start + (counts.get(id) as number));
    out.set(
      id,
      buildSeries(pick(x, rows), pick(step, rows), pick(value, rows), pickInt(source, rows)),
    );
  }
  return out;
}

function pick(from: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = from[rows[k]];
  return out;
}

function pickInt(from: Int32Array, rows: Uint32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = from[rows[k]];
  return out;
}
