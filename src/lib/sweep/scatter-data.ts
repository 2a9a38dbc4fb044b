/**
 * A sweep scatter plot's geometry and encodings: where each run's point falls in plot pixels, its
 * colour and its radius, and which runs a brush or the pointer picks. Every run is drawn, point i
 * being run i of the table: a run without a value on an axis sits on a "missing" band at that
 * axis's start (left of x, below y), counted, never dropped. Categories sit in bands, spread by a
 * jitter that is the same for a run on every draw. ±Infinity sit at the very ends of a numeric axis,
 * past the padding around the finite values.
 */

import { outcomeTone } from '../charts/colors';
import {
  hcl,
  scaleBand,
  scaleLinear,
  scaleLog,
  scaleSequential,
  scaleSqrt,
  schemeTableau10,
  type ScaleBand,
  type ScaleContinuousNumeric,
  type ScaleSequential,
} from 'd3';
import { padDomain } from '../charts/frame';
import type { CategoricalColumn, NumericColumn, SweepColumn, SweepTable } from './types';

/** Width of the missing band and the gap after it, in pixels. */
export const MISSING_BAND = 20;
const MISSING_GAP = 8;
/** Share of the span of finite values left empty at each end of a numeric axis. */
const PAD = 0.04;
/** How much of a band's width the jitter spreads over. */
const JITTER = 0.6;
export const MISSING_COLOR = '#b0b0b0';
const PLAIN_COLOR = '#4c78a8';
export const DEFAULT_RADIUS = 3;
export const SIZE_RANGE: [number, number] = [2, 8];
/** Colours a numeric ramp is cut into: points of one colour are drawn in one canvas path. */
const RAMP_STEPS = 32;

interface AxisBase {
  column: SweepColumn;
  /** Runs without a value, drawn on the missing band. */
  missing: number;
  /** Pixel interval of the missing band (start, end), or null when no run lacks a value. */
  missingBand: [number, number] | null;
  /** Pixel of a value (a number, or a category code); NaN or code −1: the missing band's centre. */
  pixel(v: number): number;
}

export interface NumericAxis extends AxisBase {
  kind: 'linear' | 'log';
  column: NumericColumn;
  /** Finite values to pixels, over the axis past the missing band: for ticks. */
  scale: ScaleContinuousNumeric<number, number>;
}

export interface BandAxis extends AxisBase {
  kind: 'band';
  column: CategoricalColumn;
  scale: ScaleBand<string>;
}

export type ScatterAxis = NumericAxis | BandAxis;

export interface ScatterPoints {
  xAxis: ScatterAxis;
  yAxis: ScatterAxis;
  /** Pixel position of each run's point in the plot area (origin top left). */
  x: Float64Array;
  y: Float64Array;
}

export function columnById(table: SweepTable, id: string | null | undefined): SweepColumn | null {
  return id ? (table.columns.find((c) => c.id === id) ?? null) : null;
}

/** A log axis can show the column: it has finite values, all of them > 0. */
export function logPossible(column: SweepColumn): column is NumericColumn {
  if (column.type !== 'numeric') return false;
  let any = false;
  for (const v of column.values) {
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    any = true;
  }
  return any;
}

/**
 * Every run's point in a plot of `plot` pixels. `log` asks for a log axis; it is granted only
 * where logPossible (see the axis's `kind`).
 */
export function scatterPoints(
  x: SweepColumn,
  y: SweepColumn,
  log: { x: boolean; y: boolean },
  plot: { width: number; height: number },
): ScatterPoints {
  const xAxis = scatterAxis(x, [0, plot.width], log.x);
  const yAxis = scatterAxis(y, [plot.height, 0], log.y);
  return { xAxis, yAxis, x: spread(xAxis, 0x51ed27), y: spread(yAxis, 0x2c1b3c6d) };
}

/** An axis from `range[0]` (its start, where the missing band goes) to `range[1]`. */
export function scatterAxis(
  column: SweepColumn,
  range: [number, number],
  log: boolean,
): ScatterAxis {
  const missing = missingCount(column);
  const sign = Math.sign(range[1] - range[0]) || 1;
  const missingBand: [number, number] | null =
    missing > 0 ? [range[0], range[0] + sign * MISSING_BAND] : null;
  const start = missing > 0 ? range[0] + sign * (MISSING_BAND + MISSING_GAP) : range[0];
  const missingAt = missingBand ? (missingBand[0] + missingBand[1]) / 2 : range[0];
  if (column.type !== 'numeric') {
    const scale = scaleBand<string>().domain(column.categories).range([start, range[1]]);
    scale.paddingInner(0.1).paddingOuter(0.05);
    const centre = (code: number) =>
      (scale(column.categories[code]) ?? NaN) + scale.bandwidth() / 2;
    return {
      kind: 'band',
      column,
      scale,
      missing,
      missingBand,
      pixel: (code) => (code < 0 ? missingAt : centre(code)),
    };
  }
  const useLog = log && logPossible(column);
  const domain = paddedDomain(column.values, useLog);
  const scale = (useLog ? scaleLog() : scaleLinear()).domain(domain).range([start, range[1]]);
  return {
    kind: useLog ? 'log' : 'linear',
    column,
    scale,
    missing,
    missingBand,
    pixel: (v) =>
      Number.isNaN(v) ? missingAt : v === Infinity ? range[1] : v === -Infinity ? start : scale(v),
  };
}

/** The finite values' extent, with room at both ends (on the log scale for a log axis). */
function paddedDomain(values: Float64Array, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return [0, 1];
  const f = log ? Math.log10 : (v: number) => v;
  const g = log ? (t: number) => 10 ** t : (t: number) => t;
  const [a, b] = padDomain([f(lo), f(hi)], false);
  const pad = (b - a) * PAD;
  return [g(a - pad), g(b + pad)];
}

function missingCount(column: SweepColumn): number {
  let n = 0;
  if (column.type === 'numeric') {
    for (const v of column.values) if (Number.isNaN(v)) n++;
  } else for (const c of column.codes) if (c < 0) n++;
  return n;
}

/** Each run's pixel on the axis; within a category or the missing band, jittered. */
function spread(axis: ScatterAxis, salt: number): Float64Array {
  const values = axis.kind === 'band' ? axis.column.codes : axis.column.values;
  const width = axis.kind === 'band' ? axis.scale.bandwidth() : 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const missing = axis.kind === 'band' ? v < 0 : Number.isNaN(v);
    const room = missing ? MISSING_BAND : width;
    out[i] = axis.pixel(v) + (room > 0 ? jitter(i, salt) * room * JITTER : 0);
  }
  return out;
}

/** A fixed offset in [−0.5, 0.5) for point i: a hash of its index, not a random draw. */
export function jitter(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32 - 0.5;
}

export type ColorLegend =
  | { kind: 'none' }
  | {
      kind: 'numeric';
      column: NumericColumn;
      /** Finite values to colours; the better end (by the column's direction) is the bright one. */
      scale: ScaleSequential<string>;
      /** Smallest and largest finite value. */
      domain: [number, number];
      missing: number;
    }
  | { kind: 'categorical'; column: CategoricalColumn; colors: string[]; missing: number };

export interface ScatterPaint {
  /** Fill colours; entry 0 is for runs without a colour value. */
  palette: string[];
  /** Per run, an index into palette. Drawn in palette order: missing first, a ramp's better end last. */
  swatch: Uint16Array;
  legend: ColorLegend;
}

/** Colours by a column: the outcome ramp (charts/colors.ts) for numbers, Tableau 10 (then spaced hues) for categories. */
export function scatterColors(column: SweepColumn | null, runs: number): ScatterPaint {
  const swatch = new Uint16Array(runs);
  if (!column)
    return {
      palette: [MISSING_COLOR, PLAIN_COLOR],
      swatch: swatch.fill(1),
      legend: { kind: 'none' },
    };
  if (column.type !== 'numeric') {
    const colors = column.categories.map((_, k) => categoryColor(k));
    let missing = 0;
    column.codes.forEach((c, i) => (c < 0 ? missing++ : (swatch[i] = c + 1)));
    return {
      palette: [MISSING_COLOR, ...colors],
      swatch,
      legend: { kind: 'categorical', column, colors, missing },
    };
  }
  const extent = finiteExtent(column.values);
  if (!extent) {
    // Nothing finite to spread a ramp over: infinities take the plain colour, missing values grey.
    column.values.forEach((v, i) => (swatch[i] = Number.isNaN(v) ? 0 : 1));
    return { palette: [MISSING_COLOR, PLAIN_COLOR], swatch, legend: { kind: 'none' } };
  }
  const [lo, hi] = extent;
  // The same ramp as the parallel coordinates: dark blue (worse) to orange (better).
  const scale = scaleSequential(outcomeTone).domain(
    column.direction === 'min' ? [hi, lo] : [lo, hi],
  );
  const ramp = Array.from({ length: RAMP_STEPS }, (_, k) => outcomeTone(k / (RAMP_STEPS - 1)));
  const [d0, d1] = scale.domain();
  let missing = 0;
  column.values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      missing++;
      return;
    }
    const t = d0 === d1 ? 1 : (Math.min(hi, Math.max(lo, v)) - d0) / (d1 - d0);
    swatch[i] = 1 + Math.round(t * (RAMP_STEPS - 1));
  });
  return {
    palette: [MISSING_COLOR, ...ramp],
    swatch,
    legend: { kind: 'numeric', column, scale, domain: [lo, hi], missing },
  };
}

/**
 * The runs grouped by palette entry (a counting sort), so each colour is one canvas path:
 * the runs of entry k are `order[starts[k]]` up to `order[starts[k + 1]]`, by index within.
 */
export function swatchGroups(paint: ScatterPaint): { order: Int32Array; starts: Int32Array } {
  const starts = new Int32Array(paint.palette.length + 1);
  for (const s of paint.swatch) starts[s + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const next = starts.slice(0, -1);
  const order = new Int32Array(paint.swatch.length);
  paint.swatch.forEach((s, i) => (order[next[s]++] = i));
  return { order, starts };
}

function categoryColor(k: number): string {
  return k < schemeTableau10.length
    ? schemeTableau10[k]
    : hcl((k * 137.508) % 360, 55, 52).formatHex();
}

export interface ScatterSizes {
  /** Per run, in CSS pixels. */
  radius: Float32Array;
  /** The numeric column sizing the points, its finite extent and how many runs lack a value (drawn smallest). */
  legend: { column: NumericColumn; domain: [number, number]; missing: number } | null;
}

/** Radii by a numeric column on a square-root scale into SIZE_RANGE; a categorical column is not a size. */
export function scatterSizes(column: SweepColumn | null, runs: number): ScatterSizes {
  const radius = new Float32Array(runs).fill(DEFAULT_RADIUS);
  if (!column || column.type !== 'numeric') return { radius, legend: null };
  const extent = finiteExtent(column.values);
  if (!extent) return { radius, legend: null };
  const scale = scaleSqrt().domain(extent).range(SIZE_RANGE).clamp(true);
  const flat = extent[0] === extent[1];
  let missing = 0;
  column.values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      missing++;
      radius[i] = SIZE_RANGE[0];
    } else radius[i] = flat ? (SIZE_RANGE[0] + SIZE_RANGE[1]) / 2 : scale(v);
  });
  return { radius, legend: { column, domain: extent, missing } };
}

function finiteExtent(values: Float64Array): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : null;
}

/** Indices of the points inside a box of plot pixels (two corners, any order), edges included. */
export function pointsInBox(
  points: { x: ArrayLike<number>; y: ArrayLike<number> },
  box: readonly [readonly [number, number], readonly [number, number]],
): number[] {
  const [[ax, ay], [bx, by]] = box;
  const x0 = Math.min(ax, bx);
  const x1 = Math.max(ax, bx);
  const y0 = Math.min(ay, by);
  const y1 = Math.max(ay, by);
  const out: number[] = [];
  for (let i = 0; i < points.x.length; i++) {
    const x = points.x[i];
    const y = points.y[i];
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) out.push(i);
  }
  return out;
}

/** The point nearest to (x, y) within `tolerance` pixels, or null; on a tie the later (drawn on top). */
export function nearestPoint(
  points: { x: ArrayLike<number>; y: ArrayLike<number> },
  x: number,
  y: number,
  tolerance: number,
): number | null {
  let best: number | null = null;
  let bestSquared = tolerance * tolerance;
  for (let i = 0; i < points.x.length; i++) {
    const dx = points.x[i] - x;
    const dy = points.y[i] - y;
    const d = dx * dx + dy * dy;
    if (d <= bestSquared) {
      bestSquared = d;
      best = i;
    }
  }
  return best;
}
