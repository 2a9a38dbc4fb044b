/**
 * A curve chart for the report from the worker's answer, drawn as the page draws it: faint raw
 * lines behind smoothed ones (up to RAW_UP_TO runs), groups as their centre over a band with the
 * runs washed out beneath, hidden runs left out, and a caption that says all of it.
 */

import { groupColor, runColor } from '../../charts/colors';
import type { AlignAxis } from '../../align/types';
import type { CurvesResult } from '../../curves/types';
import type { ChartBand, ChartLine, ReportChart } from './report-data';

/** As CurveChart.svelte: past this many runs the raw lines are not drawn behind. */
export const RAW_UP_TO = 20;

export interface ChartOptions {
  axis: AlignAxis;
  hidden: ReadonlySet<number>;
  /** The page's "raw behind" box, with smoothing on. */
  raw: boolean;
  logX: boolean;
  logY: boolean;
  runName: (runId: number) => string;
}

/** Null when the metric has no point on the axis (the report says so instead of drawing). */
export function reportChart(result: CurvesResult, o: ChartOptions): ReportChart | null {
  if (!result.xExtent) return null;
  const grouped = result.groups.length > 0;
  const visible = result.lines.filter((l) => !o.hidden.has(l.runId));
  const rawShown = o.raw && !grouped && visible.length <= RAW_UP_TO && visible.some((l) => l.raw);
  const lines: ChartLine[] = [];
  for (const l of visible) {
    const color = runColor(l.runId);
    if (l.raw && rawShown) lines.push({ line: l.raw, color, width: 1, alpha: 0.25 });
    lines.push({ line: l.line, color, width: 1.5, alpha: grouped ? 0.15 : 1 });
  }
  const bands: ChartBand[] = result.groups.map((g, i) => ({
    x: g.band.x,
    lo: g.band.lo,
    hi: g.band.hi,
    color: groupColor(i),
  }));
  result.groups.forEach((g, i) =>
    lines.push({
      line: { x: g.band.x, y: g.band.center },
      color: groupColor(i),
      width: 2,
      alpha: 1,
    }),
  );
  const legend = grouped
    ? result.groups.map((g, i) => ({
        label: `${g.key} (n = ${g.runIds.length})`,
        color: groupColor(i),
      }))
    : visible.map((l) => ({ label: o.runName(l.runId), color: runColor(l.runId) }));
  const yDomain = result.yExtent ?? [0, 1];
  return {
    metric: result.metric,
    axis: o.axis,
    logX: o.logX,
    logY: o.logY && yDomain[0] > 0,
    xDomain: result.xExtent,
    yDomain,
    bands,
    lines,
    legend,
    notes: notes(result, visible.length, o, rawShown),
  };
}

function notes(r: CurvesResult, shown: number, o: ChartOptions, rawShown: boolean): string[] {
  const out = [`all ${shown} run${shown === 1 ? '' : 's'} shown`];
  const hidden = r.lines.length - shown;
  if (hidden > 0) out.push(`${hidden} hidden on the page`);
  if (r.missing.length > 0) out.push(`${r.missing.length} without ${r.metric}`);
  if (r.lines.some((l) => l.downsampled))
    out.push('lines reduced to first/min/max/last per pixel (M4), no point lost');
  if (o.raw && r.groups.length === 0 && !rawShown && shown > RAW_UP_TO)
    out.push(`raw lines not drawn behind past ${RAW_UP_TO} runs`);
  if (r.notOnLogAxis > 0) out.push(`${r.notOnLogAxis} points at x ≤ 0 left off the log axis`);
  const nonFinite = r.lines.reduce(
    (n, l) => n + (o.hidden.has(l.runId) ? 0 : l.nonFinite.length),
    0,
  );
  if (nonFinite > 0) out.push(`${nonFinite} non-finite points (NaN, ±∞) break the lines`);
  return out;
}
