/** The runs table: one row per run with its sources, formats and metric counts. */

import { runsWhere } from './quote';

export function runsOverview(): string {
  return `WITH src AS (
      SELECT rs.run_id,
             string_agg(s.name, '\n' ORDER BY s.source_id) AS sources,
             string_agg(DISTINCT s.format, '; ') AS formats
      FROM (SELECT DISTINCT run_id, source_id FROM run_sources) rs JOIN sources s USING (source_id)
      GROUP BY rs.run_id),
    ser AS (
      SELECT se.run_id, count(*) AS metrics, sum(se.n) AS points, max(se.last_step) AS last_step,
             string_agg(mn.name, '\n' ORDER BY mn.name) AS metric_names
      FROM series se JOIN metric_names mn USING (metric_id)
      GROUP BY se.run_id)
    SELECT r.run_id, r.run_key, r.name, r.state, r.project, r."group", r.created_at,
           coalesce(src.sources, '') AS sources, coalesce(src.formats, '') AS formats,
           coalesce(ser.metrics, 0)::INTEGER AS metrics, coalesce(ser.points, 0)::BIGINT AS points,
           ser.last_step, coalesce(ser.metric_names, '') AS metric_names
    FROM runs r LEFT JOIN src USING (run_id) LEFT JOIN ser USING (run_id)
    ORDER BY r.run_id`;
}

/**
 * Every hyperparameter key once, in key order, and whether it is numeric: every value it has that
 * is not empty is a finite number (and there is at least one).
 */
export function paramKeys(): string {
  return `SELECT key,
      bool_and(value IS NULL OR value = '' OR coalesce(isfinite(num), false))
        AND bool_or(value IS NOT NULL AND value <> '') AS numeric
    FROM params GROUP BY key ORDER BY key`;
}

/** Every hyperparameter cell: its run, its key's place in `paramKeys()`, its text. */
export function paramCells(): string {
  return `SELECT p.run_id, k.idx::INTEGER AS key_index, p.value
    FROM params p
    JOIN (SELECT key, (row_number() OVER (ORDER BY key) - 1) AS idx
          FROM (SELECT DISTINCT key FROM params)) k USING (key)`;
}

/** The full names of these runs (other runs' rows may come back, see runsWhere). */
export function runNames(runIds: readonly number[]): string {
  return `SELECT run_id, name FROM runs WHERE ${runsWhere('run_id', runIds)}`;
}
