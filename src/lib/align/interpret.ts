/**
 * The sentences under each same-step table, generated from its numbers. Rules (issue 4): never
 * declare a winner from a proxy alone; say "single seed"; never say "converged"; label every
 * projection as an extrapolation with its window; warn about uneven logging and look-alike names.
 */

import { formatValue, formatX } from './format';
import type { AlignTable } from './layout';
import type { AlignAxis, AlignResult, BaselineCell, MetricAlignment } from './types';

export type RunName = (runId: number) => string;

const SHARE_LIKE = /acc|f1|auc|top[-_]?\d|precision|recall|iou|dice|map\b/i;

/** A gap in the metric's units, or in percentage points for accuracies kept as fractions. */
export function formatGap(m: MetricAlignment, cell: BaselineCell): string {
  const gap = Math.abs(cell.delta as number);
  const values = [m.student?.point.value, cell.value];
  const fraction = values.every((v) => typeof v === 'number' && v >= 0 && v <= 1);
  if (fraction && SHARE_LIKE.test(m.metric)) {
    const points = Number((gap * 100).toPrecision(3));
    return `${points} point${points === 1 ? '' : 's'}`;
  }
  return formatValue(gap);
}

/** The baseline doing best at x* (by the metric's direction), among those with a number. */
export function bestBaseline(m: MetricAlignment): BaselineCell | null {
  const valued = m.baselines.filter((b) => b.value !== null && !Number.isNaN(b.value));
  if (valued.length === 0) return null;
  const better = (a: number, b: number) => (m.direction === 'min' ? a < b : a > b);
  return valued.reduce((best, b) => (better(b.value as number, best.value as number) ? b : best));
}

function lead(table: AlignTable): MetricAlignment {
  return (
    table.rows.find((r) => r.role === 'target' && r.student) ??
    table.rows.find((r) => r.student) ??
    table.rows[0]
  );
}

export function interpretTable(table: AlignTable, result: AlignResult, runName: RunName): string[] {
  const axis = result.request.axis;
  const student = runName(result.request.student);
  const m = lead(table);
  const out: string[] = [];
  if (!m.student) {
    out.push(`${m.metric} (${m.role}): not yet logged by ${student}.`);
    return out;
  }
  const at = formatX(m.student.xStar, axis);
  if (table.rows.every((r) => r.role === 'other')) {
    out.push(
      'These metrics have no role: their values at the same point are shown and no side is called better. Mark one a proxy, target or resource to read it as one.',
    );
    return out;
  }
  const best = bestBaseline(m);
  if (m.baselines.length === 0) {
    out.push(`No baseline to compare ${m.metric} with.`);
  } else if (!best) {
    out.push(`At ${at} no baseline has a value of ${m.metric}: ${countMethods(m.baselines)}.`);
  } else if (Number.isNaN(best.delta)) {
    out.push(`At ${at} ${student} logged NaN for ${m.metric}.`);
  } else {
    const delta = best.delta as number;
    const how = best.method === 'exact' ? '' : ` (its value ${best.method})`;
    const of =
      m.baselines.length > 1
        ? `, the best of the ${m.baselines.length} baselines at that point`
        : '';
    const position =
      delta === 0
        ? `level with ${runName(best.runId)}`
        : `${formatGap(m, best)} ${delta < 0 ? 'behind' : 'ahead of'} ${runName(best.runId)}`;
    out.push(`At ${at} ${student} is ${position}${how}${of} on ${m.metric} (${m.role}).`);
    const projection = describeProjection(best, axis, runName);
    if (projection) out.push(projection);
  }
  for (const target of table.rows.filter((r) => r.role === 'target' && !r.student))
    out.push(`${target.metric} (target): not yet evaluated for ${student}.`);
  if (m.role === 'proxy' && best)
    out.push(`${m.metric} is a proxy: on its own it does not say which run is better.`);
  if (best) out.push('Single seed on each side: no test can say whether the gap is real.');
  return out;
}

function describeProjection(cell: BaselineCell, axis: AlignAxis, runName: RunName): string | null {
  const p = cell.projection;
  if (!p || p.status === 'ahead') return null;
  const window = `${formatX(p.from, axis)} to ${formatX(p.to, axis).replace(/^\D+/, '')}`;
  if (p.status === 'widening')
    return `Over ${window} the gap is not closing (extrapolation from a straight line through ${p.points} points).`;
  const at = formatX(Math.round(p.crossesAt as number), axis);
  if (p.status === 'closing')
    return `From the slope of the gap over ${window} it would close around ${at} (extrapolation).`;
  const horizon = cell.final
    ? ` after ${runName(cell.runId)}'s last point (${formatX(cell.final.x, axis)})`
    : '';
  return `From the slope of the gap over ${window} it would close around ${at}${horizon} (extrapolation).`;
}

function countMethods(cells: readonly BaselineCell[]): string {
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
  return [...counts].map(([method, n]) => `${n} ${method}`).join(', ');
}

/** Things that would mislead a reader of the tables, said once above them. */
export function alignWarnings(result: AlignResult, runName: RunName): string[] {
  const out: string[] = [];
  const axis = result.request.axis;
  const unit = axis.kind === 'counter' ? axis.metric : axis.kind === 'wall' ? 's' : `${axis.kind}s`;
  for (const m of result.metrics) {
    const own = m.student?.interval;
    if (!own) continue;
    const uneven = m.baselines.filter(
      (b) => b.interval !== null && Math.max(b.interval / own, own / b.interval) >= 2,
    );
    if (uneven.length === 0) continue;
    const first = uneven[0];
    const more = uneven.length > 1 ? ` (and ${uneven.length - 1} more)` : '';
    out.push(
      `${m.metric} is logged every ${formatValue(own)} ${unit} by ${runName(result.request.student)} but every ${formatValue(first.interval)} by ${runName(first.runId)}${more}: values between logged points are ${result.request.policy === 'exact' ? 'missing' : 'read by the chosen policy'}.`,
    );
  }
  const byShape = new Map<string, string[]>();
  for (const m of result.metrics) {
    const shape = m.metric.toLowerCase().replace(/[/_.\-\s]+/g, '_');
    byShape.set(shape, [...(byShape.get(shape) ?? []), m.metric]);
  }
  for (const names of byShape.values())
    if (names.length > 1)
      out.push(
        `${names.join(' and ')} differ only in separators or case: the same metric under two names? They are compared separately.`,
      );
  for (const [metric, n] of Object.entries(result.withoutX))
    out.push(
      `${n.toLocaleString('en-US')} points of ${metric} have no ${unit.replace(/s$/, '')} and are left out on this axis.`,
    );
  return out;
}
