/**
 * Curves for the charts, from the worker's series: smoothed over the full series first (so zoom
 * never changes a curve), then cut to the x range and, past ~4 points per pixel column, reduced
 * to M4, which keeps every spike. Groups are averaged on a common grid of one point per column.
 */

import { lastAtOrBefore, type Series } from '../align/series';
import { evenGrid, groupBand } from '../curves/bands';
import { m4, M4Scratch, type Polyline } from '../curves/m4';
import { smooth, smoothInto, type Smoothing } from '../curves/smoothing';
import type {
  CurveLine,
  CurvesRequest,
  CurvesResult,
  GroupCurve,
  HoverRequest,
  HoverValue,
} from '../curves/types';
import type { AlignHost } from './align';
import { axisColumn } from './align';

/** The arrays a chart draws from: the series itself, or its log-x part. */
interface Drawn {
  series: Series;
  x: Float64Array;
  y: Float64Array;
  /** Points before x (those off the log axis), to cut from the smoothed values. */
  skip: number;
}

export class CurveCache {
  #smoothed = new WeakMap<Series, Map<string, Float64Array>>();
  #logX = new WeakMap<Series, Float64Array>();
  #scratch = new Float64Array(0);
  /** How many series were smoothed and kept (not found kept), for tests and diagnostics. */
  smoothings = 0;
  readonly scratch = new M4Scratch();

  /** The series smoothed, kept for the next call (hover, zoom, groups). */
  smoothed(series: Series, s: Smoothing): Float64Array {
    if (s.kind === 'none') return series.value;
    let bySpec = this.#smoothed.get(series);
    if (!bySpec) {
      bySpec = new Map();
      this.#smoothed.set(series, bySpec);
    }
    const key = JSON.stringify(s);
    let out = bySpec.get(key);
    if (!out) {
      out = smooth(series.x, series.value, s);
      bySpec.set(key, out);
      this.smoothings++;
    }
    return out;
  }

  /**
   * The series smoothed, for use before the next call only: the kept values if there are any,
   * otherwise smoothed into one buffer reused from series to series. Drawing a hundred series
   * for the first time this way allocates nothing; a fresh array for each cost ~4× the smoothing
   * (the warm-up keeps them for later calls).
   */
  smoothedForNow(series: Series, s: Smoothing): Float64Array {
    if (s.kind === 'none') return series.value;
    const kept = this.#smoothed.get(series)?.get(JSON.stringify(s));
    if (kept) return kept;
    if (this.#scratch.length < series.value.length)
      this.#scratch = new Float64Array(series.value.length);
    return smoothInto(series.x, series.value, s, this.#scratch);
  }

  /** log10 of the positive x (a suffix of the sorted x). */
  logX(series: Series): Float64Array {
    let out = this.#logX.get(series);
    if (!out) {
      const first = lastAtOrBefore(series, 0) + 1;
      out = new Float64Array(series.x.length - first);
      for (let i = 0; i < out.length; i++) out[i] = Math.log10(series.x[first + i]);
      this.#logX.set(series, out);
    }
    return out;
  }

  drawn(series: Series, logX: boolean): Drawn {
    if (!logX) return { series, x: series.x, y: series.value, skip: 0 };
    const x = this.logX(series);
    const skip = series.x.length - x.length;
    return { series, x, y: series.value.subarray(skip), skip };
  }
}

export function curves(host: AlignHost, cache: CurveCache, request: CurvesRequest): CurvesResult {
  const metricId = host.metricId(request.metric);
  const axis = axisColumn(host, request.axis);
  const byRun =
    metricId === undefined
      ? new Map<number, Series>()
      : host.store.metric(metricId, axis, request.runIds);
  const smoothing = request.smoothing;
  const width = Math.max(1, Math.round(request.width));
  let notOnLogAxis = 0;
  const drawn = new Map<number, Drawn>();
  for (const [runId, series] of byRun) {
    const d = cache.drawn(series, request.logX);
    notOnLogAxis += series.x.length - d.x.length;
    if (d.x.length > 0) drawn.set(runId, d);
  }
  const toScreen = (v: number) => (request.logX ? Math.log10(v) : v);
  const fromScreen = (v: number) => (request.logX ? 10 ** v : v);
  const full = extentOfX(drawn);
  const [x0, x1] = request.range
    ? [toScreen(request.range[0]), toScreen(request.range[1])]
    : (full ?? [0, 1]);

  const lines: CurveLine[] = [];
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const runId of request.runIds) {
    const d = drawn.get(runId);
    if (!d) continue;
    const smoothed = cache.smoothedForNow(d.series, smoothing).subarray(d.skip);
    const main = m4(d.x, smoothed, x0, x1, width, cache.scratch);
    const raw =
      request.raw && smoothing.kind !== 'none' ? m4(d.x, d.y, x0, x1, width, cache.scratch) : null;
    for (const line of raw ? [main.line, raw.line] : [main.line]) {
      for (let i = 0; i < line.y.length; i++) {
        const v = line.y[i];
        if (!Number.isFinite(v)) continue;
        const x = line.x[i];
        if (x < x0 || x > x1) continue;
        if (v < yMin) yMin = v;
        if (v > yMax) yMax = v;
      }
    }
    // m4 gives every line arrays of its own (never the worker's series, which are handed over).
    const onAxis = (line: Polyline): Polyline => ({
      x: request.logX ? Float64Array.from(line.x, fromScreen) : line.x,
      y: line.y,
    });
    lines.push({
      runId,
      points: main.pointsInRange,
      line: onAxis(main.line),
      raw: raw ? onAxis(raw.line) : null,
      nonFinite: main.nonFinite.map((p) => ({ ...p, x: fromScreen(p.x) })),
      downsampled: main.downsampled,
    });
  }

  const groups: GroupCurve[] = [];
  for (const g of request.groups ?? []) {
    const members = g.runIds.map((id) => drawn.get(id)).filter((d): d is Drawn => d !== undefined);
    if (members.length === 0) continue;
    const grid = evenGrid(x0, x1, width);
    const band = groupBand(
      members.map((d) => ({ x: d.x, y: cache.smoothed(d.series, smoothing).subarray(d.skip) })),
      grid,
      request.center,
      request.band,
    );
    if (request.logX) band.x = Float64Array.from(band.x, fromScreen);
    for (const arr of [band.lo, band.hi, band.center])
      for (const v of arr)
        if (Number.isFinite(v)) {
          if (v < yMin) yMin = v;
          if (v > yMax) yMax = v;
        }
    groups.push({ key: g.key, runIds: g.runIds, band });
  }

  return {
    metric: request.metric,
    lines,
    missing: request.runIds.filter((id) => !drawn.has(id)),
    notOnLogAxis,
    xExtent: full ? [fromScreen(full[0]), fromScreen(full[1])] : null,
    yExtent: yMin <= yMax ? [yMin, yMax] : null,
    groups,
  };
}

function extentOfX(drawn: Map<number, Drawn>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of drawn.values()) {
    lo = Math.min(lo, d.x[0]);
    hi = Math.max(hi, d.x[d.x.length - 1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Each run's logged point nearest to x (the earlier one on a tie). */
export function hoverValues(
  host: AlignHost,
  cache: CurveCache,
  request: HoverRequest,
): HoverValue[] {
  const metricId = host.metricId(request.metric);
  if (metricId === undefined) return [];
  const byRun = host.store.metric(metricId, axisColumn(host, request.axis), request.runIds);
  const out: HoverValue[] = [];
  for (const runId of request.runIds) {
    const s = byRun.get(runId);
    if (!s) continue;
    const lo = lastAtOrBefore(s, request.x);
    const hi = lo + 1;
    const i =
      lo < 0 ? hi : hi >= s.x.length || request.x - s.x[lo] <= s.x[hi] - request.x ? lo : hi;
    // Before the warm-up has kept them, smoothing without keeping is ~3× faster than keeping.
    const smoothed = cache.smoothedForNow(s, request.smoothing);
    out.push({
      runId,
      x: s.x[i],
      step: s.step[i],
      value: s.value[i],
      smoothed: smoothed[i],
      method: s.x[i] === request.x ? 'exact' : 'nearest',
    });
  }
  return out;
}

/** The buffers of a curves answer, all its own (see `curves`), to hand over instead of copying. */
export function curveBuffers(result: CurvesResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: Float64Array | Int32Array) => {
    if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const l of result.lines) {
    add(l.line.x);
    add(l.line.y);
    if (l.raw) {
      add(l.raw.x);
      add(l.raw.y);
    }
  }
  for (const g of result.groups)
    for (const a of [g.band.x, g.band.center, g.band.lo, g.band.hi, g.band.n]) add(a);
  return out;
}
