/** The same-step comparison of one student against its baselines, metric by metric. */

import type { Direction, MetricRole } from '../schema/metric-roles';
import { medianInterval, pointAt, type Series } from './series';
import type { AlignPolicy, BaselineCell, MetricAlignment } from './types';
import { projectGap } from './projection';
import { valueAt } from './value-at';

const RECENT_POINTS = 5;
export const DEFAULT_PROJECTION_WINDOW = 0.2;

export interface MetricSeries {
  metric: string;
  metricId: number;
  role: MetricRole;
  direction: Direction;
  /** Series by run id; a run without the metric is absent. */
  byRun: ReadonlyMap<number, Series>;
}

export function compareMetric(
  m: MetricSeries,
  studentId: number,
  baselineIds: readonly number[],
  policy: AlignPolicy,
  projectionWindow = DEFAULT_PROJECTION_WINDOW,
): MetricAlignment {
  const sign = m.direction === 'min' ? -1 : 1;
  const own = m.byRun.get(studentId);
  const head = { metric: m.metric, metricId: m.metricId, role: m.role, direction: m.direction };
  if (!own || own.x.length === 0) {
    return {
      ...head,
      student: null,
      baselines: baselineIds.map((runId) => notYet(runId, m.byRun.get(runId))),
    };
  }
  const last = own.x.length - 1;
  const point = pointAt(own, last);
  const recent = [];
  for (let i = Math.max(0, last - RECENT_POINTS + 1); i <= last; i++) recent.push(pointAt(own, i));
  const baselines = baselineIds.map((runId): BaselineCell => {
    const series = m.byRun.get(runId);
    const final = series && series.x.length > 0 ? pointAt(series, series.x.length - 1) : null;
    const interval = series ? medianInterval(series) : null;
    if (!series) {
      return {
        runId,
        method: 'not logged',
        value: null,
        used: [],
        tie: false,
        delta: null,
        final,
        interval,
        projection: null,
      };
    }
    const aligned = valueAt(series, point.x, policy);
    const delta = aligned.value === null ? null : sign * (point.value - aligned.value);
    const projection =
      delta === null ? null : projectGap(own, series, policy, sign, projectionWindow);
    return { runId, ...aligned, delta, final, interval, projection };
  });
  return {
    ...head,
    student: { xStar: point.x, point, recent, interval: medianInterval(own) },
    baselines,
  };
}

function notYet(runId: number, series: Series | undefined): BaselineCell {
  const final = series && series.x.length > 0 ? pointAt(series, series.x.length - 1) : null;
  return {
    runId,
    method: 'not yet',
    value: null,
    used: [],
    tie: false,
    delta: null,
    final,
    interval: series ? medianInterval(series) : null,
    projection: null,
  };
}
