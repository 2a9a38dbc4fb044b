/** The geometry of a curve chart: margins, and scales from data extents to pixels. */

import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

export const MARGIN = { top: 8, right: 12, bottom: 28, left: 56 } as const;

export type Scale = ScaleContinuousNumeric<number, number>;

export interface Frame {
  width: number;
  height: number;
  x: Scale;
  y: Scale;
}

/** A domain that is never empty: a flat line gets a little room around its value. */
export function padDomain([lo, hi]: [number, number], log: boolean): [number, number] {
  if (lo < hi) return [lo, hi];
  if (log) return [lo / 2, hi * 2];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
  return [lo - pad, hi + pad];
}

export function makeFrame(
  width: number,
  height: number,
  xDomain: [number, number],
  yDomain: [number, number],
  logX: boolean,
  logY: boolean,
): Frame {
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const x: Scale = (logX ? scaleLog() : scaleLinear())
    .domain(padDomain(xDomain, logX))
    .range([0, plotW]);
  const y: Scale = (logY ? scaleLog() : scaleLinear())
    .domain(padDomain(yDomain, logY))
    .range([plotH, 0]);
  if (!logY) y.nice();
  return { width: plotW, height: plotH, x, y };
}
