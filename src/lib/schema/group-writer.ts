/**
 * Writes what the sinks of a group of files gathered — points still buffered, runs, key-value rows,
 * series and the sources themselves — in one transaction. Grouping is what makes a dropped folder
 * of a thousand small files cheap: a statement per file would cost seconds in duckdb-wasm.
 */

import { Table, tableToIPC } from 'apache-arrow';
import type { Db } from '../engine/db';
import { exec, queryRows } from '../engine/db';
import type { RunInfo } from '../importers/types';
import { deleteKeys } from '../sql/key-values';
import { inList, literal } from '../sql/quote';
import { extendSeries, pairsTable, recomputeSeries, replacedPoints } from '../sql/series';
import { int32Vector, nullableFloat64, nullableInt64 } from './arrow-columns';
import { PREDICTION_BATCH_ROWS } from '../importers/predictions/batcher';
import {
  predictionClassScoresIPC,
  predictionSegmentsIPC,
  predictionsIPC,
  slices,
} from './prediction-rows';
import {
  keyValueIPC,
  pointsIPC,
  type CanonicalSink,
  type KeyValueRow,
  type PointColumns,
  type SeriesStats,
} from './canonical-sink';

/** Rows per INSERT statement: big enough to be few statements, small enough to parse quickly. */
const ROWS_PER_STATEMENT = 1000;

export interface GroupEntry {
  sink: CanonicalSink;
  name: string;
  bytes: number;
  format: string;
  sha256: string;
}

export interface RepeatCounts {
  /** Points of this source that a later point at the same step replaced. */
  lost: number;
  /** Points of this source that replaced an earlier point at the same step. */
  won: number;
}

function tagsLiteral(tags: string[] | undefined): string {
  return tags && tags.length > 0 ? `[${tags.map(literal).join(', ')}]` : 'NULL';
}

function seriesIPC(series: SeriesStats[]): Uint8Array {
  const nums = (f: (s: SeriesStats) => number) =>
    series.map((s) => (Number.isNaN(f(s)) ? null : f(s)));
  const bigints = (f: (s: SeriesStats) => number) => nullableInt64(nums(f));
  return tableToIPC(
    new Table({
      run_id: int32Vector(Int32Array.from(series, (s) => s.runId)),
      metric_id: int32Vector(Int32Array.from(series, (s) => s.metricId)),
      n: bigints((s) => s.n),
      first_step: bigints((s) => s.firstStep),
      last_step: bigints((s) => s.lastStep),
      last_value: nullableFloat64(series.map((s) => s.lastValue)),
      min: nullableFloat64(nums((s) => s.min)),
      max: nullableFloat64(nums((s) => s.max)),
      step_at_min: bigints((s) => s.stepAtMin),
      step_at_max: bigints((s) => s.stepAtMax),
      nonfinite: bigints((s) => s.nonfinite),
    }),
    'stream',
  );
}

/**
 * Rows of `run_sources`: each run a sink wrote, with the sink's source, once; `null` for none.
 * `linked`: runs already linked to their sink's source (a watched file read further).
 */
function runSourcesIPC(
  entries: GroupEntry[],
  linked: ReadonlySet<number> = new Set(),
): Uint8Array | null {
  const runs: number[] = [];
  const sources: number[] = [];
  for (const { sink } of entries) {
    for (const runId of new Set(sink.runs.map((r) => r.runId))) {
      if (linked.has(runId)) continue;
      runs.push(runId);
      sources.push(sink.sourceId);
    }
  }
  if (runs.length === 0) return null;
  return tableToIPC(
    new Table({
      run_id: int32Vector(Int32Array.from(runs)),
      source_id: int32Vector(Int32Array.from(sources)),
    }),
    'stream',
  );
}

/** The buffered points of several sinks as one set of columns, each point tagged with its source. */
export function concatPoints(parts: PointColumns[]): PointColumns | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  const n = parts.reduce((a, p) => a + p.length, 0);
  const anyEpoch = parts.some((p) => p.epoch);
  const anyWall = parts.some((p) => p.wall);
  const out: PointColumns = {
    length: n,
    sourceId: new Int32Array(n),
    runId: new Int32Array(n),
    metric: new Int32Array(n),
    step: new Float64Array(n),
    value: new Float64Array(n),
    epoch: anyEpoch ? new Float64Array(n) : null,
    epochValid: anyEpoch ? new Uint8Array(n) : null,
    wall: anyWall ? new Float64Array(n) : null,
    wallValid: anyWall ? new Uint8Array(n) : null,
  };
  let at = 0;
  for (const p of parts) {
    const k = p.length;
    (out.sourceId as Int32Array).fill(typeof p.sourceId === 'number' ? p.sourceId : 0, at, at + k);
    if (typeof p.sourceId !== 'number')
      (out.sourceId as Int32Array).set(p.sourceId.subarray(0, k), at);
    out.runId.set(p.runId.subarray(0, k), at);
    out.metric.set(p.metric.subarray(0, k), at);
    out.step.set(p.step.subarray(0, k), at);
    out.value.set(p.value.subarray(0, k), at);
    if (out.epoch && out.epochValid && p.epoch) {
      out.epoch.set(p.epoch.subarray(0, k), at);
      if (p.epochValid) out.epochValid.set(p.epochValid.subarray(0, k), at);
      else out.epochValid.fill(1, at, at + k);
    }
    if (out.wall && out.wallValid && p.wall) {
      out.wall.set(p.wall.subarray(0, k), at);
      if (p.wallValid) out.wallValid.set(p.wallValid.subarray(0, k), at);
      else out.wallValid.fill(1, at, at + k);
    }
    at += k;
  }
  return out;
}

interface MergedRun {
  runId: number;
  key: string;
  name: string;
  provisional: boolean;
  firstSource: number;
  info: RunInfo;
}

/** One row per run across the group: a real name beats a stand-in, later info beats earlier, the earliest start wins. */
function mergeRuns(entries: GroupEntry[]): Map<number, MergedRun> {
  const runs = new Map<number, MergedRun>();
  for (const { sink } of entries) {
    for (const run of sink.runs) {
      const provisional = run.info.provisionalName === true;
      const seen = runs.get(run.runId);
      if (!seen) {
        runs.set(run.runId, {
          runId: run.runId,
          key: run.key,
          name: run.name,
          provisional,
          firstSource: sink.sourceId,
          info: { ...run.info },
        });
        continue;
      }
      if (seen.provisional && !provisional) {
        seen.name = run.name;
        seen.provisional = false;
      }
      for (const [k, v] of Object.entries(run.info)) {
        if (v === undefined || v === null || k === 'provisionalName') continue;
        if (
          k === 'createdAt' &&
          typeof seen.info.createdAt === 'number' &&
          (v as number) > seen.info.createdAt
        )
          continue;
        (seen.info as Record<string, unknown>)[k] = v;
      }
    }
  }
  return runs;
}

/** Writes the group's runs; returns the ids of those stored before (the others are new). */
function writeRuns(db: Db, runs: Map<number, MergedRun>): Set<number> {
  const ids = [...runs.keys()];
  const stored = new Set(
    ids.length
      ? queryRows<{ run_id: number }>(
          db,
          `SELECT run_id FROM runs WHERE run_id IN ${inList(ids)}`,
        ).map((r) => r.run_id)
      : [],
  );
  const inserts: string[] = [];
  for (const run of runs.values()) {
    const info = run.info;
    if (!stored.has(run.runId)) {
      inserts.push(
        `(${run.runId}, ${literal(run.key)}, ${literal(run.name)}, ${run.firstSource}, ${literal(info.project ?? null)},
          ${literal(info.group ?? null)}, ${literal(info.state ?? null)}, ${literal(info.createdAt ?? null)},
          ${tagsLiteral(info.tags)}, ${run.provisional})`,
      );
      continue;
    }
    const sets = Object.entries({ project: info.project, group: info.group, state: info.state })
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `"${k}" = ${literal(v as string)}`);
    if (typeof info.createdAt === 'number')
      sets.push(
        `created_at = least(coalesce(created_at, ${literal(info.createdAt)}), ${literal(info.createdAt)})`,
      );
    if (info.tags?.length) sets.push(`tags = ${tagsLiteral(info.tags)}`);
    if (!run.provisional)
      sets.push(
        `name = CASE WHEN name_provisional THEN ${literal(run.name)} ELSE name END, name_provisional = FALSE`,
      );
    if (sets.length > 0) exec(db, `UPDATE runs SET ${sets.join(', ')} WHERE run_id = ${run.runId}`);
  }
  for (let i = 0; i < inserts.length; i += ROWS_PER_STATEMENT) {
    exec(db, `INSERT INTO runs VALUES ${inserts.slice(i, i + ROWS_PER_STATEMENT).join(',\n')}`);
  }
  return stored;
}

/** Rows of runs stored before replace theirs by (run, key); a new run's rows are simply appended. */
function writeKeyValues(
  db: Db,
  table: string,
  rows: KeyValueRow[],
  withNum: boolean,
  stored: ReadonlySet<number>,
): void {
  if (rows.length === 0) return;
  const replacing = rows.filter((r) => stored.has(r.runId));
  for (let i = 0; i < replacing.length; i += ROWS_PER_STATEMENT) {
    const sql = deleteKeys(table, replacing.slice(i, i + ROWS_PER_STATEMENT));
    if (sql) exec(db, sql);
  }
  db.insertIPC(table, keyValueIPC(rows, withNum));
}

/** Later files in the group win for the same run and key, as a later file would on its own. */
function mergedKeyValues(
  entries: GroupEntry[],
  pick: (sink: CanonicalSink) => Map<string, KeyValueRow>,
): KeyValueRow[] {
  const merged = new Map<string, KeyValueRow>();
  for (const { sink } of entries) for (const [k, row] of pick(sink)) merged.set(k, row);
  return [...merged.values()];
}

function writeSeries(
  db: Db,
  entries: GroupEntry[],
  storedRuns: ReadonlySet<number>,
): Map<number, RepeatCounts> {
  const all = entries.flatMap((e) => e.sink.series);
  const key = (s: { runId: number; metricId: number }) => `${s.runId}:${s.metricId}`;
  const count = new Map<string, number>();
  for (const s of all) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
  // Only a run stored before can have series rows already.
  const runIds = [...new Set(all.map((s) => s.runId))].filter((id) => storedRuns.has(id));
  const lastStep = new Map(
    runIds.length
      ? queryRows<{ run_id: number; metric_id: number; last_step: number }>(
          db,
          `SELECT run_id, metric_id, last_step FROM series WHERE run_id IN ${inList(runIds)}`,
        ).map((r) => [`${r.run_id}:${r.metric_id}`, r.last_step])
      : [],
  );
  const alone = (s: SeriesStats) => s.increasing && (count.get(key(s)) ?? 0) === 1;
  const clean = all.filter((s) => alone(s) && !lastStep.has(key(s)));
  if (clean.length > 0) db.insertIPC('series', seriesIPC(clean));
  // A stored series read further past its last step (a watched file that grew) repeats no step.
  const extended = all.filter((s) => alone(s) && s.firstStep > (lastStep.get(key(s)) ?? Infinity));
  if (extended.length > 0) {
    exec(db, 'CREATE OR REPLACE TEMP TABLE appended_series AS SELECT * FROM series LIMIT 0');
    db.insertIPC('appended_series', seriesIPC(extended));
    exec(db, `${extendSeries('appended_series')}; DROP TABLE appended_series`);
  }
  const repeats = new Map<number, RepeatCounts>();
  const done = new Set([...clean, ...extended]);
  const touched = all.filter((s) => !done.has(s));
  if (touched.length === 0) return repeats;
  exec(db, pairsTable('touched_series', touched));
  // The later row (by insertion) of a repeated step wins; count the losers and winners per source.
  exec(db, replacedPoints('touched_series', 'replaced'));
  for (const r of queryRows<{ source_id: number; n: number }>(
    db,
    'SELECT source_id, count(*)::INTEGER AS n FROM replaced GROUP BY source_id',
  )) {
    const c = repeats.get(r.source_id) ?? { lost: 0, won: 0 };
    c.lost += r.n;
    repeats.set(r.source_id, c);
  }
  for (const r of queryRows<{ winner: number; n: number }>(
    db,
    'SELECT winner, count(*)::INTEGER AS n FROM replaced GROUP BY winner',
  )) {
    const c = repeats.get(r.winner) ?? { lost: 0, won: 0 };
    c.won += r.n;
    repeats.set(r.winner, c);
  }
  exec(db, 'DELETE FROM metrics WHERE rowid IN (SELECT rid FROM replaced); DROP TABLE replaced');
  exec(db, recomputeSeries('touched_series'));
  exec(db, 'DROP TABLE touched_series');
  return repeats;
}

/**
 * Writes the group; returns, per source, how many points a repeated step replaced. `linked`: runs
 * already linked to the group's source, when a file read before is read further (live-sources.ts).
 */
export function writeGroup(
  db: Db,
  entries: GroupEntry[],
  linked?: ReadonlySet<number>,
): Map<number, RepeatCounts> {
  if (entries.length === 0) return new Map();
  exec(db, 'BEGIN TRANSACTION');
  try {
    const points = concatPoints(
      entries.map((e) => e.sink.takeBuffered()).filter((p): p is PointColumns => p !== null),
    );
    if (points) db.insertIPC('metrics', pointsIPC(points));
    const stored = writeRuns(db, mergeRuns(entries));
    const links = runSourcesIPC(entries, linked);
    if (links) db.insertIPC('run_sources', links);
    const merged = (pick: (s: CanonicalSink) => Map<string, KeyValueRow>) =>
      mergedKeyValues(entries, pick);
    writeKeyValues(
      db,
      'params',
      merged((s) => s.params),
      true,
      stored,
    );
    writeKeyValues(
      db,
      'summary',
      merged((s) => s.summaries),
      true,
      stored,
    );
    writeKeyValues(
      db,
      'meta',
      merged((s) => s.metas),
      false,
      stored,
    );
    for (const e of entries)
      for (const batch of e.sink.predictionBatches)
        db.insertIPC('predictions', predictionsIPC(e.sink.sourceId, batch));
    // In slices, as the examples came: DuckDB's memory for an insert grows with its size, and
    // WebAssembly memory once grown stays so.
    for (const e of entries)
      for (const rows of e.sink.segmentColumns)
        for (const [start, end] of slices(rows.values.length, PREDICTION_BATCH_ROWS))
          db.insertIPC(
            'prediction_segments',
            predictionSegmentsIPC(e.sink.sourceId, rows, start, end),
          );
    for (const e of entries)
      for (const rows of e.sink.classScores)
        for (const [start, end] of slices(rows.exampleIds.length, PREDICTION_BATCH_ROWS))
          db.insertIPC(
            'prediction_class_scores',
            predictionClassScoresIPC(e.sink.sourceId, rows, start, end),
          );
    const repeats = writeSeries(db, entries, stored);
    exec(db, 'COMMIT');
    return repeats;
  } catch (error) {
    exec(db, 'ROLLBACK');
    throw error;
  }
}
