/** How aligned numbers read on the page. Display only: exports keep every digit. */

import { formatCount, formatOneDecimal } from '../format';
import type { AlignAxis, AlignedPoint, AlignMethod, BaselineCell } from './types';

export function formatValue(v: number | null): string {
  if (v === null) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return v.toExponential(3).replaceAll('-', '−');
  const text = abs >= 1000 ? formatOneDecimal(v) : String(Number(v.toPrecision(4)));
  return text.replaceAll('-', '−');
}

export function formatDelta(d: number | null): string {
  if (d === null) return '—';
  if (Number.isNaN(d)) return 'NaN';
  return d > 0 ? `+${formatValue(d)}` : formatValue(d);
}

export function formatX(x: number, axis: AlignAxis): string {
  const n = Number.isInteger(x) ? formatCount(x) : String(Number(x.toPrecision(6)));
  switch (axis.kind) {
    case 'step':
      return `step ${n}`;
    case 'epoch':
      return `epoch ${n}`;
    case 'wall':
      return `${n} s`;
    case 'wallAbs':
      return new Date(x * 1000)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
    case 'counter':
      return `${axis.metric} ${n}`;
  }
}

export function axisName(axis: AlignAxis): string {
  if (axis.kind === 'counter') return axis.metric;
  if (axis.kind === 'wall') return 'wall time (s)';
  return axis.kind === 'wallAbs' ? 'wall clock (UTC)' : axis.kind;
}

/** A short mark shown beside a value: how it was obtained. */
export const METHOD_MARK: Record<AlignMethod, string> = {
  exact: '',
  nearest: '≈',
  interpolated: '~',
  'last observed': '←',
  'not reached': '',
  'not yet': '',
  'no exact point': '',
  'no earlier point': '',
  'not logged': '',
};

/** The text a cell shows when it has no value. */
export function missingText(method: AlignMethod): string {
  return method === 'not logged' ? '—' : method;
}

export function stepsUsed(points: readonly AlignedPoint[]): string {
  return points.map((p) => formatCount(p.step)).join(' and ');
}

/** Everything about a baseline's number, for its tooltip. */
export function describeCell(
  cell: BaselineCell,
  run: { name: string; runKey: string },
  sources: Record<number, string>,
): string {
  const lines = [
    `${run.name} (${run.runKey})`,
    `method: ${cell.method}${cell.tie ? ' (tie: the earlier step taken)' : ''}`,
  ];
  if (cell.used.length > 0) {
    lines.push(`step${cell.used.length > 1 ? 's' : ''} used: ${stepsUsed(cell.used)}`);
    const files = [...new Set(cell.used.map((p) => sources[p.sourceId] ?? `#${p.sourceId}`))];
    lines.push(`source: ${files.join(', ')}`);
  }
  if (cell.final)
    lines.push(
      `final: ${formatValue(cell.final.value)} at its own step ${formatCount(cell.final.step)} (not compared)`,
    );
  return lines.join('\n');
}
