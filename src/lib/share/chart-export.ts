/** A curve chart as CSV (exactly the points drawn), SVG (vector) and PNG (the SVG rasterized). */

import { axisLeft, select } from 'd3';
import type { AlignAxis } from '../align/types';
import { xAxisOf } from '../charts/ticks';
import type { CurvesResult } from '../curves/types';
import type { Polyline } from '../curves/m4';
import { MARGIN, type Frame } from '../charts/frame';
import { csvTable } from './csv';

export const CURVE_CSV_COLUMNS = [
  'metric',
  'series',
  'run_id',
  'run',
  'group',
  'x',
  'value',
  'band_lo',
  'band_hi',
  'runs_at_x',
] as const;

/** One row per drawn point: smoothed (or raw) lines, faint raw lines, and group centre with band. */
export function curvesCsv(
  result: CurvesResult,
  run: (runId: number) => { name: string; runKey: string },
  shown: { hidden: ReadonlySet<number>; raw: boolean; groupsOnly: boolean },
): string {
  const rows: (string | number | null)[][] = [];
  const push = (series: string, runId: number, line: Polyline) => {
    const r = run(runId);
    // A NaN in a polyline is a break between two drawn pieces, not a point.
    for (let i = 0; i < line.x.length; i++)
      if (!Number.isNaN(line.y[i]))
        rows.push([
          result.metric,
          series,
          r.runKey,
          r.name,
          null,
          line.x[i],
          line.y[i],
          null,
          null,
          null,
        ]);
  };
  if (!shown.groupsOnly)
    for (const l of result.lines) {
      if (shown.hidden.has(l.runId)) continue;
      push(l.raw ? 'smoothed' : 'raw', l.runId, l.line);
      if (l.raw && shown.raw) push('raw', l.runId, l.raw);
      const r = run(l.runId);
      for (const p of l.nonFinite) {
        const value = p.kind === 'nan' ? NaN : p.kind === 'inf' ? Infinity : -Infinity;
        rows.push([
          result.metric,
          'non-finite',
          r.runKey,
          r.name,
          null,
          p.x,
          value,
          null,
          null,
          null,
        ]);
      }
    }
  for (const g of result.groups) {
    const b = g.band;
    for (let i = 0; i < b.x.length; i++)
      if (b.n[i] > 0)
        rows.push([
          result.metric,
          'group',
          null,
          null,
          g.key,
          b.x[i],
          b.center[i],
          b.lo[i],
          b.hi[i],
          b.n[i],
        ]);
  }
  return csvTable(CURVE_CSV_COLUMNS, rows);
}

/** SVG path data of a polyline in a frame: a NaN or a point off the scale lifts the pen. */
export function pathData(line: Polyline, frame: Frame): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < line.x.length; i++) {
    const px = frame.x(line.x[i]);
    const py = frame.y(line.y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${px.toFixed(2)},${py.toFixed(2)}`);
    pen = true;
  }
  return parts.join('');
}

export interface SvgLine {
  line: Polyline;
  color: string;
  width: number;
  alpha: number;
}

/** A standalone SVG of the chart: axes, lines and a legend with full names (text set safely). */
export function curvesSvg(
  title: string,
  axis: AlignAxis,
  frame: Frame,
  lines: readonly SvgLine[],
  legend: readonly { label: string; color: string }[],
): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const width = frame.width + MARGIN.left + MARGIN.right;
  const legendTop = frame.height + MARGIN.top + MARGIN.bottom + 8;
  const height = legendTop + legend.length * 16 + 8;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('xmlns', ns);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height + 20));
  svg.setAttribute('font-family', 'system-ui, sans-serif');
  svg.setAttribute('font-size', '11');
  const root = select(svg);
  root
    .append('rect')
    .attr('width', width)
    .attr('height', height + 20)
    .attr('fill', '#fff');
  root.append('text').attr('x', MARGIN.left).attr('y', 14).attr('font-weight', 600).text(title);
  const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top + 20})`);
  plot
    .append('g')
    .attr('transform', `translate(0,${frame.height})`)
    .call(xAxisOf(frame.x, axis, 6));
  plot.append('g').call(axisLeft(frame.y).ticks(5));
  for (const l of lines)
    plot
      .append('path')
      .attr('d', pathData(l.line, frame))
      .attr('fill', 'none')
      .attr('stroke', l.color)
      .attr('stroke-width', l.width)
      .attr('stroke-opacity', l.alpha);
  legend.forEach((item, i) => {
    const g = root
      .append('g')
      .attr('transform', `translate(${MARGIN.left},${legendTop + 20 + i * 16})`);
    g.append('rect').attr('width', 10).attr('height', 10).attr('y', -9).attr('fill', item.color);
    g.append('text').attr('x', 16).text(item.label);
  });
  return svg;
}

export function svgText(svg: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(svg);
}

/** The SVG drawn onto a canvas at twice its size, as PNG bytes. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(2, 2);
    ctx.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
