/** The scalar table in the worker: last/min/max from the `series` summary, the rest by alignment. */

import { valueAt } from '../align/value-at';
import type { ScalarCell, ScalarRequest, ScalarRow } from '../compare/scalar-types';
import type { Direction } from '../schema/metric-roles';
import { seriesSummary } from '../sql/scalars';
import type { AlignHost } from './align';
import { queryRows } from './db';

interface SummaryRow {
  metric: string;
  metric_id: number;
  direction: Direction;
  run_id: number;
  last_step: number | null;
  last_value: number | null;
  min: number | null;
  max: number | null;
  step_at_min: number | null;
  step_at_max: number | null;
}

export function scalars(host: AlignHost, request: ScalarRequest): ScalarRow[] {
  const column = new Map(request.runIds.map((id, i) => [id, i]));
  const rows = queryRows<SummaryRow>(host.db, seriesSummary(request.runIds)).filter((r) =>
    column.has(r.run_id),
  );
  const byMetric = new Map<string, SummaryRow[]>();
  for (const r of rows) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
  const direction = (m: string, fallback: Direction) => request.directions?.[m] ?? fallback;

  // For "at the step where A is best": each run's best step of A.
  const bestStep = new Map<number, number>();
  const mode = request.mode;
  if (mode.kind === 'atBest')
    for (const r of byMetric.get(mode.of) ?? []) {
      const step = direction(mode.of, r.direction) === 'min' ? r.step_at_min : r.step_at_max;
      if (step !== null) bestStep.set(r.run_id, step);
    }

  const out: ScalarRow[] = [];
  for (const [metric, summaries] of byMetric) {
    const cells: (ScalarCell | null)[] = request.runIds.map(() => null);
    const needsSeries = mode.kind === 'at' || mode.kind === 'atBest';
    const series = needsSeries
      ? host.store.metric(summaries[0].metric_id, { kind: 'step' }, request.runIds)
      : null;
    for (const r of summaries) {
      const at = column.get(r.run_id);
      if (at === undefined) continue;
      if (mode.kind === 'last')
        cells[at] = { value: r.last_value, step: r.last_step, method: 'last' };
      else if (mode.kind === 'min')
        cells[at] = { value: r.min, step: r.step_at_min, method: 'min' };
      else if (mode.kind === 'max')
        cells[at] = { value: r.max, step: r.step_at_max, method: 'max' };
      else {
        const target = mode.kind === 'at' ? mode.step : bestStep.get(r.run_id);
        const s = series?.get(r.run_id);
        if (target === undefined || !s) {
          cells[at] = { value: null, step: null, method: 'not logged' };
          continue;
        }
        const v = valueAt(s, target, 'nearest');
        cells[at] = { value: v.value, step: v.used[0]?.step ?? null, method: v.method };
      }
    }
    out.push({ metric, direction: direction(metric, summaries[0].direction), cells });
  }
  return out;
}
