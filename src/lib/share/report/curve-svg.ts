/**
 * A report chart as inline SVG markup: light grid, axes with D3's ticks, bands, lines and a legend
 * with full run names. Built as text (no DOM), so it renders the same in Node and in any browser.
 */

import { utcFormat } from 'd3';
import { axisName } from '../../align/format';
import { makeFrame, MARGIN, type Frame } from '../../charts/frame';
import { pathData } from '../chart-export';
import { fragment, h, type Html } from './html';
import type { ChartBand, ReportChart } from './report-data';

export const CHART_WIDTH = 680;
export const CHART_HEIGHT = 240;
const LEGEND_ROW = 16;
/** Room right of the plot for the last tick's label. */
const RIGHT_ROOM = 24;
/** About the width of a legend character at 10 px. */
const CHAR = 5.8;
const clock = utcFormat('%m-%d %H:%M');

/** The plot's width in pixels, as the worker needs it to cut lines to pixel columns. */
export const PLOT_WIDTH = CHART_WIDTH - MARGIN.left - MARGIN.right;

export function curveSvg(chart: ReportChart): Html {
  const frame = makeFrame(
    CHART_WIDTH,
    CHART_HEIGHT,
    chart.xDomain,
    chart.yDomain,
    chart.logX,
    chart.logY,
  );
  const legendTop = CHART_HEIGHT + 14;
  const longest = Math.max(0, ...chart.legend.map((l) => l.label.length));
  const columnWidth = Math.min(frame.width, Math.max(120, longest * CHAR + 28));
  const columns = Math.max(1, Math.floor(frame.width / columnWidth));
  const legendRows = Math.ceil(chart.legend.length / columns);
  const width = CHART_WIDTH + RIGHT_ROOM;
  const height = legendTop + legendRows * LEGEND_ROW + 4;
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${chart.metric} by ${axisName(chart.axis)}`,
      'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
      'font-size': 10,
      'data-testid': 'report-chart',
      'data-metric': chart.metric,
    },
    h(
      'g',
      { transform: `translate(${MARGIN.left},${MARGIN.top})` },
      axes(frame, chart),
      h(
        'g',
        { 'data-part': 'bands' },
        chart.bands.map((b) => bandPaths(b, frame)),
      ),
      h(
        'g',
        { fill: 'none', 'stroke-linejoin': 'round', 'data-part': 'lines' },
        chart.lines.map((l) =>
          h('path', {
            d: pathData(l.line, frame),
            stroke: l.color,
            'stroke-width': l.width,
            'stroke-opacity': l.alpha === 1 ? null : l.alpha,
          }),
        ),
      ),
    ),
    chart.legend.map((item, i) =>
      h(
        'g',
        {
          transform: `translate(${MARGIN.left + (i % columns) * columnWidth},${legendTop + Math.floor(i / columns) * LEGEND_ROW})`,
        },
        h('rect', { width: 10, height: 10, y: 0, rx: 2, fill: item.color }),
        h('text', { x: 16, y: 9, fill: '#222' }, item.label),
      ),
    ),
  );
}

function axes(frame: Frame, chart: ReportChart): Html {
  const xCount = Math.max(2, Math.floor(frame.width / 110));
  const xTicks = frame.x.ticks(xCount);
  const xText =
    chart.axis.kind === 'wallAbs'
      ? (v: number) => clock(new Date(v * 1000))
      : frame.x.tickFormat(xCount);
  const yTicks = frame.y.ticks(5);
  const yText = frame.y.tickFormat(5);
  const grid = '#e6e6e6';
  return fragment(
    h(
      'g',
      { stroke: grid, 'stroke-width': 1, 'data-part': 'grid' },
      yTicks.map((v) => {
        const y = frame.y(v).toFixed(1);
        return h('line', { x1: 0, x2: frame.width, y1: y, y2: y });
      }),
    ),
    h('rect', {
      width: frame.width,
      height: frame.height,
      fill: 'none',
      stroke: '#999',
      'stroke-width': 1,
    }),
    h(
      'g',
      { fill: '#555', 'text-anchor': 'middle' },
      xTicks.map((v) => h('text', { x: frame.x(v).toFixed(1), y: frame.height + 14 }, xText(v))),
      h('text', { x: frame.width / 2, y: frame.height + 28, fill: '#333' }, axisName(chart.axis)),
    ),
    h(
      'g',
      { fill: '#555', 'text-anchor': 'end' },
      yTicks.map((v) => h('text', { x: -6, y: (frame.y(v) + 3).toFixed(1) }, yText(v))),
    ),
  );
}

/** One closed path per stretch of x where the band has both ends. */
function bandPaths(band: ChartBand, frame: Frame): Html[] {
  const out: Html[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start < 0 || end - start < 2) return;
    const top: string[] = [];
    const bottom: string[] = [];
    for (let i = start; i < end; i++) {
      const x = frame.x(band.x[i]).toFixed(2);
      top.push(`${x},${frame.y(band.hi[i]).toFixed(2)}`);
      bottom.push(`${x},${frame.y(band.lo[i]).toFixed(2)}`);
    }
    out.push(
      h('path', {
        d: `M${top.join('L')}L${bottom.reverse().join('L')}Z`,
        fill: band.color,
        'fill-opacity': 0.15,
        stroke: 'none',
      }),
    );
  };
  for (let i = 0; i <= band.x.length; i++) {
    const ok =
      i < band.x.length &&
      [band.x[i], band.lo[i], band.hi[i]].every((v) => Number.isFinite(v)) &&
      [frame.x(band.x[i]), frame.y(band.lo[i]), frame.y(band.hi[i])].every(Number.isFinite);
    if (ok && start < 0) start = i;
    if (!ok) {
      close(i);
      start = -1;
    }
  }
  return out;
}
