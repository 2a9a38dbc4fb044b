import { describe, expect, it } from 'vitest';
import { m4, M4Scratch, type Polyline } from '../../../src/lib/curves/m4';
import { mulberry32 } from '../../../scripts/rng.mjs';

const HEIGHT = 120;

/**
 * Pixels a 1-px polyline covers: x to its pixel column as M4 buckets it (x1 in the last column),
 * y rounded to a row;
 * each segment between two finite points drawn with Bresenham, clipped to the grid.
 */
function rasterize(
  line: Polyline,
  x0: number,
  x1: number,
  width: number,
  yMin: number,
  yMax: number,
) {
  const scale = width / (x1 - x0);
  const grid = new Uint8Array(width * HEIGHT);
  const px = (x: number) => Math.floor((x - x0) * scale) - (x === x1 ? 1 : 0);
  const py = (y: number) => Math.round(((y - yMin) / (yMax - yMin)) * (HEIGHT - 1));
  for (let k = 1; k < line.x.length; k++) {
    if (!Number.isFinite(line.y[k - 1]) || !Number.isFinite(line.y[k])) continue;
    let cx = px(line.x[k - 1]);
    let cy = py(line.y[k - 1]);
    const ex = px(line.x[k]);
    const ey = py(line.y[k]);
    const dx = Math.abs(ex - cx);
    const dy = -Math.abs(ey - cy);
    const sx = cx < ex ? 1 : -1;
    const sy = cy < ey ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      if (cx >= 0 && cx < width) grid[cy * width + cx] = 1;
      if (cx === ex && cy === ey) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        cx += sx;
      }
      if (e2 <= dx) {
        err += dx;
        cy += sy;
      }
    }
  }
  return grid;
}

function finiteRange(y: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of y)
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  return [lo, hi];
}

/** A noisy random walk on uneven, sometimes repeated x, with spikes and the odd non-finite value. */
function randomSeries(seed: number, n: number, nonFiniteRate: number) {
  const random = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let level = 0;
  for (let i = 0; i < n; i++) {
    x[i] = i === 0 ? 0 : x[i - 1] + (random() < 0.05 ? 0 : random() * 3);
    level += random() - 0.5;
    y[i] = level + (random() < 0.01 ? (random() - 0.5) * 80 : 0);
    const r = random();
    if (r < nonFiniteRate)
      y[i] = r < nonFiniteRate / 3 ? NaN : r < (2 * nonFiniteRate) / 3 ? Infinity : -Infinity;
  }
  return { x, y };
}

function wholeLine(x: Float64Array, y: Float64Array): Polyline {
  return { x, y: y.map((v) => (Number.isFinite(v) ? v : NaN)) };
}

function covers(a: Uint8Array, b: Uint8Array) {
  let missing = 0;
  for (let k = 0; k < a.length; k++) if (a[k] && !b[k]) missing++;
  return missing;
}

describe('m4', () => {
  it('draws the same pixels as the whole line, on random series with spikes and breaks', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { x, y } = randomSeries(seed, 20_000, seed % 2 === 0 ? 0.0005 : 0);
      const last = x[x.length - 1];
      const windows: [number, number][] = [
        [0, last],
        [last * 0.3, last * 0.45],
        [last * 0.1 + 0.37, last * 0.9 - 0.11],
      ];
      for (const [x0, x1] of windows) {
        const width = 173 + seed;
        const result = m4(x, y, x0, x1, width);
        expect(result.downsampled).toBe(true);
        expect(result.line.x.length).toBeLessThan(4 * width + 40);
        const [lo, hi] = finiteRange(y);
        const full = rasterize(wholeLine(x, y), x0, x1, width, lo, hi);
        const down = rasterize(result.line, x0, x1, width, lo, hi);
        expect(covers(full, down), `seed ${seed} [${x0}, ${x1}] lost pixels`).toBe(0);
        expect(covers(down, full), `seed ${seed} [${x0}, ${x1}] added pixels`).toBe(0);
      }
    }
  });

  it('gives lines of their own when a scratch is shared between calls', () => {
    const scratch = new M4Scratch();
    const a = randomSeries(5, 20_000, 0.001);
    const b = randomSeries(6, 20_000, 0.001);
    const first = m4(a.x, a.y, 0, 30_000, 200, scratch);
    const copy = Array.from(first.line.y);
    const second = m4(b.x, b.y, 0, 30_000, 200, scratch);
    expect(Array.from(first.line.y)).toEqual(copy);
    expect(Array.from(first.line.y)).toEqual(Array.from(m4(a.x, a.y, 0, 30_000, 200).line.y));
    expect(second.line.y.buffer).not.toBe(first.line.y.buffer);
    const small = m4(a.x.subarray(0, 50), a.y.subarray(0, 50), 0, 100, 200, scratch);
    expect(small.line.x.buffer).not.toBe(a.x.buffer);
  });

  it('keeps x in drawing order and never puts a non-finite y in the line', () => {
    const { x, y } = randomSeries(99, 50_000, 0.01);
    const { line } = m4(x, y, 1000, 60_000, 300);
    for (let k = 1; k < line.x.length; k++) expect(line.x[k]).toBeGreaterThanOrEqual(line.x[k - 1]);
    for (const v of line.y) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
  });

  it('stays within bounds and covers every pixel when breaks split a column many times', () => {
    const { x, y } = randomSeries(5, 40_000, 0.3);
    const last = x[x.length - 1];
    const width = 200;
    const result = m4(x, y, 0, last, width);
    expect(result.line.x.length).toBeLessThanOrEqual(15 * width + 3);
    const [lo, hi] = finiteRange(y);
    const full = rasterize(wholeLine(x, y), 0, last, width, lo, hi);
    expect(covers(full, rasterize(result.line, 0, last, width, lo, hi))).toBe(0);
  });

  it('keeps every column within bounds when values and breaks alternate', () => {
    const x = Float64Array.from({ length: 30_000 }, (_, i) => i);
    for (const pattern of [
      (i: number) => (i % 2 === 0 ? Math.sin(i) : NaN),
      (i: number) => (i % 3 === 0 ? -Infinity : Math.cos(i)),
    ]) {
      const y = x.map(pattern);
      const width = 100;
      const result = m4(x, y, 0, 29_999, width);
      expect(result.line.x.length).toBeLessThanOrEqual(15 * width + 3);
      expect(result.line.x[result.line.x.length - 1]).toBeGreaterThanOrEqual(29_998);
      const [lo, hi] = finiteRange(y);
      const full = rasterize(wholeLine(x, y), 0, 29_999, width, lo, hi);
      expect(covers(full, rasterize(result.line, 0, 29_999, width, lo, hi))).toBe(0);
    }
  });

  it('marks at most one non-finite point per column and kind when downsampled', () => {
    const { x, y } = randomSeries(8, 40_000, 0.2);
    const last = x[x.length - 1];
    const width = 100;
    const { nonFinite } = m4(x, y, 0, last, width);
    const keys = nonFinite.map(
      (p) => `${Math.min(width - 1, Math.floor((p.x / last) * width))} ${p.kind}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(nonFinite.map((p) => p.kind))).toEqual(new Set(['nan', 'inf', '-inf']));
  });

  it('keeps the visible range plus the nearest point outside on each side', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i * 10);
    const y = x.map((v) => v / 10);
    const result = m4(x, y, 205, 395, 100);
    expect(result.downsampled).toBe(false);
    expect(result.pointsInRange).toBe(19);
    expect(Array.from(result.line.x)).toEqual(Array.from({ length: 21 }, (_, i) => 200 + i * 10));
  });

  it('reaches the chart’s edges when zoomed in past the points, and gives the edge points themselves', () => {
    const x = Float64Array.from([0, 100, 200]);
    const y = Float64Array.from([1, 2, 3]);
    const between = m4(x, y, 120, 180, 500);
    expect(between.pointsInRange).toBe(0);
    expect(Array.from(between.line.x)).toEqual([100, 200]);
    expect(Array.from(m4(x, y, 100, 200, 500).line.x)).toEqual([0, 100, 200]);
    expect(Array.from(m4(x, y, 300, 400, 500).line.x)).toEqual([200]);
    expect(Array.from(m4(x, y, -50, -10, 500).line.x)).toEqual([0]);
  });

  it('also keeps the outside neighbours when downsampling', () => {
    const x = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const y = x.map((v) => Math.sin(v / 50));
    const result = m4(x, y, 1000.5, 8999.5, 100);
    expect(result.downsampled).toBe(true);
    expect(result.pointsInRange).toBe(7999);
    expect(result.line.x[0]).toBe(1000);
    expect(result.line.x[result.line.x.length - 1]).toBe(9000);
  });

  it('returns a small series whole, non-finite values as breaks, each one marked', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const y = Float64Array.from([1, NaN, 2, Infinity, -Infinity, 3]);
    const result = m4(x, y, 0, 5, 2);
    expect(result.downsampled).toBe(false);
    expect(Array.from(result.line.x)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(result.line.y)).toEqual([1, NaN, 2, NaN, NaN, 3]);
    expect(result.nonFinite).toEqual([
      { x: 1, kind: 'nan' },
      { x: 3, kind: 'inf' },
      { x: 4, kind: '-inf' },
    ]);
  });

  it('does not mark a non-finite neighbour that lies off the chart', () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const y = Float64Array.from([NaN, 1, 2, NaN]);
    const result = m4(x, y, 0.5, 2.5, 100);
    expect(Array.from(result.line.y)).toEqual([NaN, 1, 2, NaN]);
    expect(result.nonFinite).toEqual([]);
  });

  it('breaks the downsampled line where the values are not finite', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const y = x.map((v) => (v >= 400 && v < 600 ? NaN : v));
    const result = m4(x, y, 0, 999, 10);
    expect(result.downsampled).toBe(true);
    const breaks = Array.from(result.line.y).filter((v) => Number.isNaN(v));
    expect(breaks.length).toBe(1);
    const at = Array.from(result.line.y).findIndex((v) => Number.isNaN(v));
    expect(result.line.x[at - 1]).toBe(399);
    expect(result.line.x[at]).toBe(400);
    expect(result.line.x[at + 1]).toBe(600);
    expect(result.nonFinite.map((p) => p.x)).toEqual([400, 500]);
  });

  it('keeps the first, min, max and last point of each column in x order without duplicates', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i);
    const y = Float64Array.from([5, 9, 1, 7, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const result = m4(x, y, 0, 19.999, 2);
    expect(Array.from(result.line.x)).toEqual([0, 1, 4, 9, 10, 19]);
    expect(Array.from(result.line.y)).toEqual([5, 9, 0, 0, 3, 3]);
  });

  it('downsamples 100 series of 100,000 points into 1,000 px quickly (printed, not asserted)', () => {
    const series = Array.from({ length: 100 }, (_, s) => randomSeries(1000 + s, 100_000, 0));
    const last = series[0].x[99_999];
    const median = (work: () => number) => {
      const runs: number[] = [];
      let result = 0;
      for (let rep = 0; rep < 7; rep++) {
        const start = performance.now();
        result = work();
        runs.push(performance.now() - start);
      }
      return { ms: runs.sort((a, b) => a - b)[3], result };
    };
    const downsample = (x0: number, x1: number) => () => {
      let points = 0;
      const scratch = new M4Scratch();
      for (const { x, y } of series) points += m4(x, y, x0, x1, 1000, scratch).line.x.length;
      return points;
    };
    // A floor on a loaded machine: one read of every y and a running min and max.
    const scan = median(() => {
      let sum = 0;
      for (const { y } of series) {
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < y.length; i++) {
          if (y[i] < min) min = y[i];
          if (y[i] > max) max = y[i];
        }
        sum += max - min;
      }
      return sum;
    });
    const full = median(downsample(0, last));
    const zoomed = median(downsample(last * 0.45, last * 0.55));
    console.log(
      `m4 (median of 7): 10 M points into 1,000 px: ${full.ms.toFixed(1)} ms ` +
        `(${full.result} points out); zoomed to 10 %: ${zoomed.ms.toFixed(1)} ms ` +
        `(${zoomed.result} points out); a plain min/max scan of the same 10 M: ${scan.ms.toFixed(1)} ms`,
    );
    const points = full.result;
    expect(points).toBeGreaterThan(0);
  });
});
