/** SQL for the per-series summary and for the "later value wins" rule on repeated steps. */

import { quoteIdent } from './quote';

/** A temp table of (run_id, metric_id) pairs, built from a list of rows. */
export function pairsTable(
  name: string,
  pairs: readonly { runId: number; metricId: number }[],
): string {
  const values = pairs.map((p) => `(${p.runId | 0}, ${p.metricId | 0})`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS
    SELECT * FROM (VALUES ${values || '(NULL::INTEGER, NULL::INTEGER)'}) t(run_id, metric_id)
    WHERE run_id IS NOT NULL`;
}

/**
 * Fills `into` with the points a later point at the same step replaces, within the listed pairs:
 * each with its row id, its source and the source of the point that wins (inserted last).
 */
export function replacedPoints(pairs: string, into: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(into)} AS
    SELECT rid, source_id, winner FROM (
      SELECT m.rowid AS rid, m.source_id,
             row_number() OVER w AS rn, first_value(m.source_id) OVER w AS winner
      FROM metrics m SEMI JOIN ${quoteIdent(pairs)} p ON m.run_id = p.run_id AND m.metric_id = p.metric_id
      WINDOW w AS (PARTITION BY m.run_id, m.metric_id, m.step ORDER BY m.rowid DESC)
    ) WHERE rn > 1`;
}

/** Recomputes `series` rows for the listed pairs from `metrics`. */
export function recomputeSeries(pairs: string): string {
  const p = quoteIdent(pairs);
  return `DELETE FROM series USING ${p} p WHERE series.run_id = p.run_id AND series.metric_id = p.metric_id;
    INSERT INTO series
    SELECT m.run_id, m.metric_id, count(*), min(step), max(step), arg_max(value, step),
           min(value) FILTER (WHERE isfinite(value)), max(value) FILTER (WHERE isfinite(value)),
           arg_min(step, value) FILTER (WHERE isfinite(value)), arg_max(step, value) FILTER (WHERE isfinite(value)),
           count(*) FILTER (WHERE NOT isfinite(value))
    FROM metrics m SEMI JOIN ${p} p ON m.run_id = p.run_id AND m.metric_id = p.metric_id
    GROUP BY m.run_id, m.metric_id`;
}

/**
 * Extends `series` rows by the summaries in `appended` (the same columns) of points that all come
 * after each row's last step: no step repeats, so the whole series need not be read again. The
 * minimum and maximum keep the earlier step on a tie, as a series summed up point by point does.
 */
export function extendSeries(appended: string): string {
  const a = quoteIdent(appended);
  const lower = 'a.min < series.min OR series.min IS NULL';
  const higher = 'a.max > series.max OR series.max IS NULL';
  return `UPDATE series SET
      n = series.n + a.n,
      last_step = a.last_step,
      last_value = a.last_value,
      min = CASE WHEN ${lower} THEN a.min ELSE series.min END,
      step_at_min = CASE WHEN ${lower} THEN a.step_at_min ELSE series.step_at_min END,
      max = CASE WHEN ${higher} THEN a.max ELSE series.max END,
      step_at_max = CASE WHEN ${higher} THEN a.step_at_max ELSE series.step_at_max END,
      nonfinite = series.nonfinite + a.nonfinite
    FROM ${a} a
    WHERE series.run_id = a.run_id AND series.metric_id = a.metric_id`;
}
