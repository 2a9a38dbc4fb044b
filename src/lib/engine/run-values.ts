/**
 * One number per run and metric for the statistics view, by the request's aggregation, each traced
 * to its step(s) and source file. Aligned values follow the same-step rule: every run is read at
 * the student's last point of the metric (never at its own final one), by the alignment policy.
 */

import type { Series } from '../align/series';
import { valueAt } from '../align/value-at';
import type { Direction, MetricRole } from '../schema/metric-roles';
import { metricsOfRuns } from '../sql/align';
import type { Aggregation, RunValue } from '../stats/types';
import { axisColumn, type AlignHost } from './align';
import { queryRows } from './db';

export interface MetricValues {
  metric: string;
  metricId: number;
  role: MetricRole;
  direction: Direction;
  xStar: number | null;
  byRun: Map<number, RunValue>;
}

export function runValues(
  host: AlignHost,
  runIds: readonly number[],
  aggregation: Aggregation,
  roles: Record<string, { role: MetricRole; direction: Direction }> = {},
): MetricValues[] {
  const runs =
    aggregation.kind === 'aligned' && !runIds.includes(aggregation.student)
      ? [aggregation.student, ...runIds]
      : [...runIds];
  const named = queryRows<{
    metric_id: number;
    name: string;
    role: MetricRole;
    direction: Direction;
  }>(host.db, metricsOfRuns(runs));
  const axis =
    aggregation.kind === 'aligned' ? axisColumn(host, aggregation.axis) : { kind: 'step' as const };
  return named.map((m) => {
    const chosen = roles[m.name];
    const direction = chosen?.direction ?? m.direction;
    const series = host.store.metric(m.metric_id, axis, runs);
    const byRun = new Map<number, RunValue>();
    let xStar: number | null = null;
    if (aggregation.kind === 'aligned') {
      const student = series.get(aggregation.student);
      xStar = student && student.x.length > 0 ? student.x[student.x.length - 1] : null;
      for (const runId of runIds) {
        const s = series.get(runId);
        if (xStar === null) byRun.set(runId, none(runId, 'not yet'));
        else if (!s) byRun.set(runId, none(runId, 'not logged'));
        else {
          const v = valueAt(s, xStar, aggregation.policy);
          byRun.set(runId, {
            runId,
            value: v.value,
            method: v.method,
            steps: v.used.map((p) => p.step),
            sourceId: v.used[0]?.sourceId ?? null,
          });
        }
      }
    } else
      for (const runId of runIds) {
        const s = series.get(runId);
        byRun.set(
          runId,
          s ? pick(runId, s, aggregation.kind, direction) : none(runId, 'not logged'),
        );
      }
    return {
      metric: m.name,
      metricId: m.metric_id,
      role: chosen?.role ?? m.role,
      direction,
      xStar,
      byRun,
    };
  });
}

function none(runId: number, method: RunValue['method']): RunValue {
  return { runId, value: null, method, steps: [], sourceId: null };
}

/** The last point, or the best finite one (the earliest of equals). */
function pick(runId: number, s: Series, kind: 'final' | 'best', direction: Direction): RunValue {
  const n = s.value.length;
  if (n === 0) return none(runId, 'not logged');
  let at = n - 1;
  if (kind === 'best') {
    at = -1;
    for (let i = 0; i < n; i++) {
      const v = s.value[i];
      if (!Number.isFinite(v)) continue;
      if (at < 0 || (direction === 'max' ? v > s.value[at] : v < s.value[at])) at = i;
    }
    if (at < 0) at = n - 1;
  }
  return { runId, value: s.value[at], method: kind, steps: [s.step[at]], sourceId: s.source[at] };
}
