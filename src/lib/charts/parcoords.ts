/**
 * Parallel coordinates on the page: where axes and runs fall in pixels, what colour each run's line
 * takes, in which order lines are drawn, and which line is under the pointer.
 */

import { MISSING } from '../sweep/axis-positions';
import type { NumericColumn } from '../sweep/types';
import { outcomeTone } from './colors';
import { packColor } from './line-raster';

export const MARGIN = { top: 56, right: 48, bottom: 28, left: 64 };
/** The missing tick sits below the axis: positions run from MISSING − 0.05 up to 1. */
export const BOTTOM_POSITION = MISSING - 0.05;

export interface Layout {
  width: number;
  height: number;
  /** Pixel x of each axis. */
  xs: number[];
  /** Pixel y of a position. */
  y(position: number): number;
  /** The position at a pixel y. */
  position(y: number): number;
}

export function layout(width: number, height: number, axes: number): Layout {
  const inner = Math.max(1, width - MARGIN.left - MARGIN.right);
  const xs = Array.from({ length: axes }, (_, a) =>
    axes === 1 ? MARGIN.left + inner / 2 : MARGIN.left + (a * inner) / (axes - 1),
  );
  const top = MARGIN.top;
  const span = Math.max(1, height - MARGIN.top - MARGIN.bottom);
  const range = 1 - BOTTOM_POSITION;
  return {
    width,
    height,
    xs,
    y: (p) => top + ((1 - p) / range) * span,
    position: (y) => 1 - ((y - top) / span) * range,
  };
}

/** Pixel y of every run on every axis, scaled by `ratio` (device pixels). */
export function runYs(
  positions: readonly Float32Array[],
  l: Layout,
  ratio: number,
): Float32Array[] {
  return positions.map((p) => {
    const out = new Float32Array(p.length);
    for (let i = 0; i < p.length; i++) out[i] = l.y(p[i]) * ratio;
    return out;
  });
}

export const GREY = packColor('#d4d4d4');
const MISSING_COLOR = packColor('#9a9a9a');
const tone = outcomeTone;
/** The same ramp as a CSS gradient, for the legend. */
export const RAMP = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(tone).join(', ')})`;

/** How runs are painted: a colour each, and the order lines are drawn in. */
export interface RunPaint {
  colors: Uint32Array;
  /** Draw order: worse first, so the best lines end up on top. */
  order: Int32Array;
  /** Each run's colour as an index into levelColors; levels never decrease along `order`. */
  levels: Uint8Array;
  levelColors: Uint32Array;
  domain: [number, number] | null;
}

/**
 * Each run's colour by the outcome on one ramp, the better end orange (by the outcome's direction);
 * runs without a value grey, drawn first. The ramp has `steps` colours: level 0 is grey, level k the
 * k-th colour up the ramp, and the draw order goes level by level, better values later within one.
 */
export function runColors(color: NumericColumn | null, runs: number, steps = 64): RunPaint {
  const order = new Int32Array(runs).map((_, i) => i);
  const levels = new Uint8Array(runs);
  const single = (c: number) => {
    const levelColors = Uint32Array.of(c);
    return { colors: new Uint32Array(runs).fill(c), order, levels, levelColors, domain: null };
  };
  if (!color) return single(packColor('#4c78a8'));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of color.values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return single(MISSING_COLOR);
  const levelColors = Uint32Array.from({ length: steps + 1 }, (_, k) =>
    k === 0 ? MISSING_COLOR : packColor(tone(steps === 1 ? 1 : (k - 1) / (steps - 1))),
  );
  const better = color.direction === 'min' ? -1 : 1;
  const score = (v: number) => {
    const t = hi === lo ? 1 : (v - lo) / (hi - lo);
    return better > 0 ? t : 1 - t;
  };
  color.values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    const t =
      v === Infinity ? (better > 0 ? 1 : 0) : v === -Infinity ? (better > 0 ? 0 : 1) : score(v);
    levels[i] = 1 + Math.round(Math.min(1, Math.max(0, t)) * (steps - 1));
  });
  const colors = levels.reduce((out, level, i) => {
    out[i] = levelColors[level];
    return out;
  }, new Uint32Array(runs));
  const rank = (i: number) => better * color.values[i];
  order.sort((a, b) => levels[a] - levels[b] || rank(a) - rank(b) || 0);
  return { colors, order, levels, levelColors, domain: [lo, hi] };
}

/**
 * The run whose line passes nearest to (x, y), among `runs`, if within `tolerance` pixels (CSS
 * pixels; `ys` as from runYs with ratio 1).
 */
export function nearestRun(
  l: Layout,
  ys: readonly Float32Array[],
  runs: ArrayLike<number>,
  x: number,
  y: number,
  tolerance = 5,
): number | null {
  let a = 0;
  while (a + 2 < l.xs.length && x > l.xs[a + 1]) a++;
  if (l.xs.length < 2 || x < l.xs[0] - tolerance || x > l.xs[l.xs.length - 1] + tolerance)
    return null;
  const t = Math.min(1, Math.max(0, (x - l.xs[a]) / (l.xs[a + 1] - l.xs[a])));
  let best: number | null = null;
  let bestDistance = tolerance;
  for (let k = 0; k < runs.length; k++) {
    const i = runs[k];
    const d = Math.abs(ys[a][i] * (1 - t) + ys[a + 1][i] * t - y);
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** Axis tick text: short, exponent only for very large or small numbers (1e-4, 2.5e+6). */
export function tickText(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}
