/** Answers an alignment request from the series store: the worker side of the same-step view. */

import { compareMetric, DEFAULT_PROJECTION_WINDOW } from '../align/compare';
import type { AlignAxis, AlignRequest, AlignResult, MetricAlignment } from '../align/types';
import type { Direction, MetricRole } from '../schema/metric-roles';
import { metricsOfRuns, type AxisColumn } from '../sql/align';
import { queryRows, type Db } from './db';
import type { SeriesStore } from './series-store';

export interface AlignHost {
  db: Db;
  store: SeriesStore;
  metricId(name: string): number | undefined;
  sourceName(sourceId: number): string;
}

export class AlignError extends Error {}

export function align(host: AlignHost, request: AlignRequest): AlignResult {
  const axis = axisColumn(host, request.axis);
  const baselines = request.baselines.filter((id) => id !== request.student);
  const named = queryRows<{
    metric_id: number;
    name: string;
    role: MetricRole;
    direction: Direction;
  }>(host.db, metricsOfRuns([request.student, ...baselines]));
  const window = request.projectionWindow ?? DEFAULT_PROJECTION_WINDOW;
  const runs = [request.student, ...baselines];
  const metrics: MetricAlignment[] = named.map((m) => {
    const chosen = request.roles?.[m.name];
    return compareMetric(
      {
        metric: m.name,
        metricId: m.metric_id,
        role: chosen?.role ?? m.role,
        direction: chosen?.direction ?? m.direction,
        byRun: host.store.metric(m.metric_id, axis, runs),
      },
      request.student,
      baselines,
      request.policy,
      window,
    );
  });
  const withoutX: Record<string, number> = {};
  const missing = host.store.withoutX(
    named.map((m) => m.metric_id),
    axis,
  );
  for (const m of named)
    if (missing.has(m.metric_id)) withoutX[m.name] = missing.get(m.metric_id) as number;
  return {
    request: { ...request, baselines },
    metrics,
    sources: sourceNames(host, metrics),
    withoutX,
  };
}

export function axisColumn(host: AlignHost, axis: AlignAxis): AxisColumn {
  if (axis.kind !== 'counter') return axis;
  const metricId = host.metricId(axis.metric);
  if (metricId === undefined)
    throw new AlignError(`No metric named "${axis.metric}" to use as the x axis.`);
  return { kind: 'counter', metricId };
}

function sourceNames(host: AlignHost, metrics: MetricAlignment[]): Record<number, string> {
  const ids = new Set<number>();
  for (const m of metrics) {
    if (m.student) for (const p of m.student.recent) ids.add(p.sourceId);
    for (const b of m.baselines) {
      for (const p of b.used) ids.add(p.sourceId);
      if (b.final) ids.add(b.final.sourceId);
    }
  }
  const out: Record<number, string> = {};
  for (const id of ids) out[id] = host.sourceName(id);
  return out;
}
