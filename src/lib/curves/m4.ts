/**
 * M4 downsampling (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation",
 * VLDB 2014) over sorted typed arrays: per pixel column the first, min, max and last point draw
 * the same pixels as the whole polyline. Allocation-free per point; one pass over the visible range.
 */

export interface Polyline {
  x: Float64Array;
  y: Float64Array;
}

export interface NonFinitePoint {
  x: number;
  kind: 'nan' | 'inf' | '-inf';
}

export interface M4Result {
  line: Polyline;
  nonFinite: NonFinitePoint[];
  /** Points with x0 ≤ x ≤ x1 (the outside neighbours not counted). */
  pointsInRange: number;
  downsampled: boolean;
}

/**
 * x sorted ascending (ties allowed). Keeps the points with x0 ≤ x ≤ x1 plus the nearest point outside on each side
 * (so lines reach the chart's edges when zoomed). When those are more than 4 × width, returns M4: per pixel column
 * (width columns over [x0, x1]) the first, min, max and last finite point, in x order, duplicates removed; otherwise every point.
 * Non-finite y are never in the line: each breaks it (a NaN in the output y) and is listed in nonFinite (at most one
 * marker per pixel column and kind when downsampled, every one otherwise).
 *
 * Downsampled, a column is drawn exactly as the full line would draw it when its non-finite points
 * split its finite ones into at most three runs; past that, the runs between its first and last
 * break are merged into one M4 run (the column then draws a superset of the full line's pixels,
 * and the output stays within 15 points per column). Breaks take the x of a non-finite point, so x stays sorted.
 * Non-finite outside neighbours break the line but get no marker: they lie off the chart.
 * The line's arrays are its own: never the input's, never the scratch's.
 */
export function m4(
  x: Float64Array,
  y: Float64Array,
  x0: number,
  x1: number,
  width: number,
  scratch: M4Scratch = new M4Scratch(),
): M4Result {
  const lo = firstAtOrAfter(x, x0);
  const hi = firstAfter(x, x1);
  const from = Math.max(0, lo - 1);
  const to = Math.min(x.length, hi + 1);
  const pointsInRange = Math.max(0, hi - lo);
  const columns = Math.max(1, Math.floor(width));
  if (to - from <= 4 * columns) return everyPoint(x, y, from, to, x0, x1, pointsInRange);
  const writer = new Writer(scratch, columns * 15 + 3);
  const nonFinite: NonFinitePoint[] = [];
  if (from < lo) writer.point(x, y, from);
  downsample(x, y, lo, hi, x0, x1, columns, writer, nonFinite);
  if (hi < to) writer.point(x, y, hi);
  return { line: writer.done(), nonFinite, pointsInRange, downsampled: true };
}

function everyPoint(
  x: Float64Array,
  y: Float64Array,
  from: number,
  to: number,
  x0: number,
  x1: number,
  pointsInRange: number,
): M4Result {
  const line = { x: x.slice(from, to), y: y.slice(from, to) };
  const nonFinite: NonFinitePoint[] = [];
  for (let k = 0; k < line.y.length; k++) {
    const v = line.y[k];
    if (Number.isFinite(v)) continue;
    line.y[k] = NaN;
    const xk = line.x[k];
    if (xk >= x0 && xk <= x1) nonFinite.push({ x: xk, kind: kindOf(v) });
  }
  return { line, nonFinite, pointsInRange, downsampled: false };
}

/** One run of finite points inside a column, as the indices M4 keeps (−1: empty). */
class Run {
  first = -1;
  min = -1;
  max = -1;
  last = -1;

  merge(y: Float64Array, other: Run): void {
    if (other.first < 0) return;
    if (this.first < 0) {
      this.first = other.first;
      this.min = other.min;
      this.max = other.max;
    } else {
      if (y[other.min] < y[this.min]) this.min = other.min;
      if (y[other.max] > y[this.max]) this.max = other.max;
    }
    this.last = other.last;
  }

  clear(): void {
    this.first = this.min = this.max = this.last = -1;
  }
}

function downsample(
  x: Float64Array,
  y: Float64Array,
  lo: number,
  hi: number,
  x0: number,
  x1: number,
  columns: number,
  out: Writer,
  nonFinite: NonFinitePoint[],
): void {
  const scale = x1 > x0 ? columns / (x1 - x0) : 0;
  const columnOf = (xi: number) => Math.min(columns - 1, Math.floor((xi - x0) * scale));
  const run = new Run();
  const middle = new Run();
  let start = lo;
  while (start < hi) {
    const column = columnOf(x[start]);
    const end = columnEnd(x, start, hi, column, x0, scale, columnOf);
    let middleBreakX = NaN;
    let firstRunDone = false;
    let seen = 0; // a bit per marker kind already listed in this column
    run.clear();
    let i = start;
    while (i < end) {
      i = scanFinite(y, i, end, run);
      if (i === end) break;
      const v = y[i];
      if (run.first >= 0) {
        if (firstRunDone) middle.merge(y, run);
        else out.run(x, y, run);
        firstRunDone = true;
        run.clear();
      }
      if (middle.first >= 0) middleBreakX = x[i];
      else out.gap(x[i]);
      const kind = kindOf(v);
      const bit = kind === 'nan' ? 1 : kind === 'inf' ? 2 : 4;
      if ((seen & bit) === 0) {
        seen |= bit;
        nonFinite.push({ x: x[i], kind });
      }
      i++;
    }
    if (middle.first >= 0) {
      out.run(x, y, middle);
      out.gap(middleBreakX);
      middle.clear();
    }
    if (run.first >= 0) out.run(x, y, run);
    start = end;
  }
}

/** Fills `run` with the finite points from y[from] up to the first non-finite one or `end`; returns where it stopped. */
function scanFinite(y: Float64Array, from: number, end: number, run: Run): number {
  if (from >= end || y[from] - y[from] !== 0) return from;
  let min = from;
  let max = from;
  let minV = y[from];
  let maxV = minV;
  let i = from + 1;
  for (; i < end; i++) {
    const v = y[i];
    if (v - v !== 0) break;
    if (v < minV) {
      minV = v;
      min = i;
    } else if (v > maxV) {
      maxV = v;
      max = i;
    }
  }
  run.first = from;
  run.min = min;
  run.max = max;
  run.last = i - 1;
  return i;
}

/** The first index after `start` whose point falls in a later column than `column`. */
function columnEnd(
  x: Float64Array,
  start: number,
  hi: number,
  column: number,
  x0: number,
  scale: number,
  columnOf: (xi: number) => number,
): number {
  const edge = x0 + (column + 1) / scale;
  // Gallop from `start`, then bisect: the probes stay near memory the scan reads next.
  let a = start + 1;
  let step = 1;
  while (a + step < hi && x[a + step] < edge) {
    a += step;
    step *= 2;
  }
  let b = Math.min(hi, a + step);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (x[mid] < edge) a = mid + 1;
    else b = mid;
  }
  // `edge` is rounded; settle on the boundary `columnOf` itself draws.
  while (a < hi && columnOf(x[a]) <= column) a++;
  while (a > start + 1 && columnOf(x[a - 1]) > column) a--;
  return a;
}

/**
 * Room for one line's output, reused from line to line: allocating (and zeroing) it for each of a
 * hundred lines took a third of the time M4 takes over 10 M points. A line is copied out of it.
 */
export class M4Scratch {
  x = new Float64Array(0);
  y = new Float64Array(0);

  ensure(capacity: number): void {
    if (this.x.length >= capacity) return;
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }
}

/** Appends points and breaks into preallocated arrays; never two breaks in a row. */
class Writer {
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  #n = 0;
  #lastIndex = -1;

  constructor(scratch: M4Scratch, capacity: number) {
    scratch.ensure(capacity);
    this.#x = scratch.x;
    this.#y = scratch.y;
  }

  point(x: Float64Array, y: Float64Array, i: number): void {
    if (!Number.isFinite(y[i])) return this.gap(x[i]);
    if (i === this.#lastIndex) return;
    this.#x[this.#n] = x[i];
    this.#y[this.#n++] = y[i];
    this.#lastIndex = i;
  }

  run(x: Float64Array, y: Float64Array, r: Run): void {
    this.point(x, y, r.first);
    this.point(x, y, Math.min(r.min, r.max));
    this.point(x, y, Math.max(r.min, r.max));
    this.point(x, y, r.last);
  }

  gap(at: number): void {
    if (this.#n > 0 && Number.isNaN(this.#y[this.#n - 1])) return;
    this.#x[this.#n] = at;
    this.#y[this.#n++] = NaN;
    this.#lastIndex = -1;
  }

  done(): Polyline {
    return { x: this.#x.slice(0, this.#n), y: this.#y.slice(0, this.#n) };
  }
}

function kindOf(v: number): NonFinitePoint['kind'] {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

function firstAtOrAfter(x: Float64Array, target: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAfter(x: Float64Array, target: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
