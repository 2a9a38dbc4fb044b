/** Writes what a sink gathered (runs, key-value rows, series) in one transaction after the points. */

import { Float64, Int64, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Db } from '../engine/db';
import { exec, queryRows } from '../engine/db';
import { inList, literal } from '../sql/quote';
import { dropRepeatedSteps, pairsTable, recomputeSeries } from '../sql/series';
import { int32Vector, nullableFloat64 } from './arrow-columns';
import type { CanonicalSink, KeyValueRow, SeriesStats } from './canonical-sink';

/** Rows per INSERT statement for runs and their links to the source. */
const RUNS_PER_STATEMENT = 1000;

type KeyValueEncoder = (rows: Iterable<KeyValueRow>, withNum: boolean) => Uint8Array;

function tagsLiteral(tags: string[] | undefined): string {
  return tags && tags.length > 0 ? `[${tags.map(literal).join(', ')}]` : 'NULL';
}

function seriesIPC(series: SeriesStats[]): Uint8Array {
  const nums = (f: (s: SeriesStats) => number) => series.map((s) => (Number.isNaN(f(s)) ? null : f(s)));
  const bigints = (f: (s: SeriesStats) => number) =>
    vectorFromArray(nums(f).map((v) => (v === null ? null : BigInt(v))), new Int64());
  return tableToIPC(
    new Table({
      run_id: int32Vector(Int32Array.from(series, (s) => s.runId)),
      metric_id: int32Vector(Int32Array.from(series, (s) => s.metricId)),
      n: bigints((s) => s.n),
      first_step: bigints((s) => s.firstStep),
      last_step: bigints((s) => s.lastStep),
      last_value: vectorFromArray(series.map((s) => s.lastValue), new Float64()),
      min: nullableFloat64(nums((s) => s.min)),
      max: nullableFloat64(nums((s) => s.max)),
      step_at_min: bigints((s) => s.stepAtMin),
      step_at_max: bigints((s) => s.stepAtMax),
      nonfinite: bigints((s) => s.nonfinite),
    }),
    'stream',
  );
}

function replaceKeyValues(db: Db, table: string, rows: Map<string, KeyValueRow>, withNum: boolean, encode: KeyValueEncoder): void {
  if (rows.size === 0) return;
  const runIds = [...new Set([...rows.values()].map((r) => r.runId))];
  exec(db, `CREATE OR REPLACE TEMP TABLE incoming_kv AS SELECT * FROM ${table} LIMIT 0`);
  db.insertIPC('incoming_kv', encode(rows.values(), withNum));
  exec(
    db,
    `DELETE FROM ${table} WHERE run_id IN ${inList(runIds)}
       AND (run_id, key) IN (SELECT (run_id, key) FROM incoming_kv);
     INSERT INTO ${table} SELECT * FROM incoming_kv; DROP TABLE incoming_kv`,
  );
}

/** Returns how many repeated points were dropped (the later value wins). */
export function writeSinkRows(db: Db, sink: CanonicalSink, sourceId: number, encode: KeyValueEncoder): number {
  exec(db, 'BEGIN TRANSACTION');
  try {
    // One statement for all new runs and one for the run-source links: a statement per run costs
    // ~1 ms each in duckdb-wasm, which adds up for sweeps of hundreds of runs.
    const newRuns: string[] = [];
    for (const run of sink.runs) {
      const info = run.info;
      if (run.isNew) {
        newRuns.push(
          `(${run.runId}, ${literal(run.key)}, ${literal(run.name)}, ${sourceId},
             ${literal(info.project ?? null)}, ${literal(info.group ?? null)}, ${literal(info.state ?? null)},
             ${literal(info.createdAt ?? null)}, ${tagsLiteral(info.tags)})`,
        );
      } else {
        const sets = Object.entries({ project: info.project, group: info.group, state: info.state, created_at: info.createdAt })
          .filter(([, v]) => v !== undefined && v !== null)
          .map(([k, v]) => `"${k}" = ${literal(v as string | number)}`);
        if (info.tags?.length) sets.push(`tags = ${tagsLiteral(info.tags)}`);
        if (sets.length > 0) exec(db, `UPDATE runs SET ${sets.join(', ')} WHERE run_id = ${run.runId}`);
      }
    }
    for (let i = 0; i < newRuns.length; i += RUNS_PER_STATEMENT) {
      exec(db, `INSERT INTO runs VALUES ${newRuns.slice(i, i + RUNS_PER_STATEMENT).join(',\n')}`);
    }
    for (let i = 0; i < sink.runs.length; i += RUNS_PER_STATEMENT) {
      const links = sink.runs.slice(i, i + RUNS_PER_STATEMENT).map((run) => `(${run.runId}, ${sourceId})`);
      exec(db, `INSERT INTO run_sources VALUES ${links.join(', ')}`);
    }
    replaceKeyValues(db, 'params', sink.params, true, encode);
    replaceKeyValues(db, 'summary', sink.summaries, true, encode);
    replaceKeyValues(db, 'meta', sink.metas, false, encode);

    const joining = new Set(sink.runs.filter((r) => !r.isNew).map((r) => r.runId));
    const existing = joining.size
      ? new Set(
          queryRows<{ run_id: number; metric_id: number }>(
            db,
            `SELECT run_id, metric_id FROM series WHERE run_id IN ${inList([...joining])}`,
          ).map((r) => `${r.run_id}:${r.metric_id}`),
        )
      : new Set<string>();
    const needsSql = sink.series.filter((s) => !s.increasing || existing.has(`${s.runId}:${s.metricId}`));
    const clean = sink.series.filter((s) => s.increasing && !existing.has(`${s.runId}:${s.metricId}`));
    if (clean.length > 0) db.insertIPC('series', seriesIPC(clean));
    let repeated = 0;
    if (needsSql.length > 0) {
      exec(db, pairsTable('touched_series', needsSql));
      const deleted = queryRows<{ Count: number }>(db, dropRepeatedSteps('touched_series'));
      repeated = Number(deleted[0]?.Count ?? 0);
      exec(db, recomputeSeries('touched_series'));
      exec(db, 'DROP TABLE touched_series');
    }
    exec(db, 'COMMIT');
    return repeated;
  } catch (error) {
    exec(db, 'ROLLBACK');
    throw error;
  }
}
