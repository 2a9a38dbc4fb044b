/**
 * SQL for same-step alignment. `axisPoints` pulls one metric's points on a chosen axis for the
 * worker's typed-array path; `alignReference` answers the whole alignment in SQL and is the
 * reference the fast path is checked against (DESIGN.md: SQL over 10 M points took seconds).
 */

import type { AlignPolicy } from '../align/types';
import { inList, literal } from './quote';

/** An axis with its counter metric resolved to an id. */
export type AxisColumn =
  | { kind: 'step' }
  | { kind: 'epoch' }
  | { kind: 'wall' }
  | { kind: 'wallAbs' }
  | { kind: 'counter'; metricId: number };

/** `FROM … ` clause exposing `m.*` and `x`: the metric's points with their position on the axis. */
function withX(axis: AxisColumn): { from: string; x: string } {
  switch (axis.kind) {
    case 'step':
      return { from: 'metrics m', x: 'm.step::DOUBLE' };
    case 'epoch':
      return { from: 'metrics m', x: 'm.epoch' };
    case 'wallAbs':
      return { from: 'metrics m', x: 'm.wall' };
    case 'wall':
      return {
        from: `metrics m JOIN (SELECT run_id, min(wall) AS w0 FROM metrics GROUP BY run_id) o USING (run_id)`,
        x: 'm.wall - o.w0',
      };
    case 'counter':
      return {
        from: `metrics m LEFT JOIN metrics c
          ON c.run_id = m.run_id AND c.step = m.step AND c.metric_id = ${literal(axis.metricId)}`,
        x: 'c.value',
      };
  }
}

/** Columns run_id, step, x, value, source_id of one metric's points with an x, for some runs. */
export function axisPoints(metricId: number, axis: AxisColumn, runIds: readonly number[]): string {
  const { from, x } = withX(axis);
  return `SELECT m.run_id, m.step::DOUBLE AS step, (${x})::DOUBLE AS x, m.value, m.source_id
    FROM ${from}
    WHERE m.metric_id = ${literal(metricId)} AND m.run_id IN ${inList(runIds)}
      AND (${x}) IS NOT NULL AND isfinite(${x})`;
}

/** One row per metric: how many of its points have no usable position on the axis. */
export function pointsWithoutX(metricIds: readonly number[], axis: AxisColumn): string {
  const { from, x } = withX(axis);
  return `SELECT m.metric_id, count(*)::INTEGER AS n FROM ${from}
    WHERE m.metric_id IN ${inList(metricIds)} AND ((${x}) IS NULL OR NOT isfinite(${x}))
    GROUP BY m.metric_id`;
}

/** Metric ids logged by any of these runs. */
export function metricsOfRuns(runIds: readonly number[]): string {
  return `SELECT DISTINCT s.metric_id, n.name, n.role, n.direction
    FROM series s JOIN metric_names n USING (metric_id)
    WHERE s.run_id IN ${inList(runIds)} ORDER BY n.name`;
}

/**
 * The alignment in SQL: per metric the student logged and per baseline that logged it, x*, the
 * method, the value and the step(s) used. Points sharing an x count as the one with the latest step.
 */
export function alignReference(
  student: number,
  baselines: readonly number[],
  axis: AxisColumn,
  policy: AlignPolicy,
): string {
  const { from, x } = withX(axis);
  const runs = inList([student, ...baselines]);
  return `WITH pts AS (
      SELECT m.metric_id, m.run_id, (${x})::DOUBLE AS x, m.step, m.value FROM ${from}
      WHERE m.run_id IN ${runs} AND (${x}) IS NOT NULL AND isfinite(${x})),
    dedup AS (
      SELECT metric_id, run_id, x, max(step) AS step, arg_max(value, step) AS value
      FROM pts GROUP BY metric_id, run_id, x),
    star AS (
      SELECT metric_id, max(x) AS x_star FROM dedup WHERE run_id = ${literal(student)} GROUP BY metric_id),
    bounds AS (
      SELECT d.metric_id, d.run_id, s.x_star,
             max(d.x) FILTER (WHERE d.x <= s.x_star) AS lo_x,
             min(d.x) FILTER (WHERE d.x > s.x_star) AS hi_x,
             max(d.x) AS last_x
      FROM dedup d JOIN star s USING (metric_id)
      WHERE d.run_id IN ${inList(baselines)}
      GROUP BY d.metric_id, d.run_id, s.x_star),
    near AS (
      SELECT b.*, lo.step AS lo_step, lo.value AS lo_v, hi.step AS hi_step, hi.value AS hi_v
      FROM bounds b
      LEFT JOIN dedup lo ON lo.metric_id = b.metric_id AND lo.run_id = b.run_id AND lo.x = b.lo_x
      LEFT JOIN dedup hi ON hi.metric_id = b.metric_id AND hi.run_id = b.run_id AND hi.x = b.hi_x),
    decided AS (
      SELECT *, CASE
          WHEN lo_x = x_star THEN 'exact'
          WHEN x_star > last_x THEN 'not reached'
          WHEN ${literal(policy)} = 'exact' THEN 'no exact point'
          WHEN ${literal(policy)} = 'nearest' THEN 'nearest'
          WHEN lo_x IS NULL THEN 'no earlier point'
          WHEN ${literal(policy)} = 'last' THEN 'last observed'
          ELSE 'interpolated' END AS method,
        lo_x IS NOT NULL AND hi_x IS NOT NULL AND x_star - lo_x = hi_x - x_star AS tie,
        lo_x IS NULL OR (hi_x IS NOT NULL AND x_star - lo_x > hi_x - x_star) AS nearest_is_hi
      FROM near)
    SELECT metric_id, run_id, x_star, method,
      CASE method
        WHEN 'exact' THEN lo_v
        WHEN 'last observed' THEN lo_v
        WHEN 'nearest' THEN CASE WHEN nearest_is_hi THEN hi_v ELSE lo_v END
        WHEN 'interpolated' THEN lo_v + (hi_v - lo_v) * (x_star - lo_x) / (hi_x - lo_x)
      END AS value,
      CASE method
        WHEN 'exact' THEN [lo_step]
        WHEN 'last observed' THEN [lo_step]
        WHEN 'nearest' THEN [CASE WHEN nearest_is_hi THEN hi_step ELSE lo_step END]
        WHEN 'interpolated' THEN [lo_step, hi_step]
        ELSE []
      END AS steps,
      method = 'nearest' AND tie AS tie
    FROM decided ORDER BY metric_id, run_id`;
}
