import { randomLcg } from 'd3';
import { describe, expect, it } from 'vitest';
import { KeptLayer, stepsThatFit } from '../../../src/lib/charts/kept-layer';
import { LineRaster, packColor } from '../../../src/lib/charts/line-raster';
import { runColors } from '../../../src/lib/charts/parcoords';
import { numericColumn } from '../../../src/lib/sweep/columns';

const W = 90;
const H = 60;
const GREY = packColor('#d4d4d4');

/** A seeded sweep: runs on axes, some lines leaving the buffer, some broken by a missing value. */
function sweep(runs: number, axes: number, seed: number) {
  const random = randomLcg(seed);
  const xs = Array.from({ length: axes }, (_, a) => 3 + (a * (W - 6)) / (axes - 1));
  const ys = Array.from({ length: axes }, () =>
    Float32Array.from({ length: runs }, () => {
      const r = random();
      return r < 0.03 ? NaN : r < 0.06 ? -20 + random() * (H + 40) : random() * (H - 1);
    }),
  );
  const outcome = Float64Array.from({ length: runs }, () => (random() < 0.1 ? NaN : random()));
  const paint = runColors(numericColumn('metric:acc', 'acc', 'metric', outcome, 'max'), runs);
  const background = new LineRaster(W, H);
  background.polylines(xs, ys, paint.order, new Uint32Array(runs).fill(GREY));
  return { xs, ys, paint, background, random };
}

/** What the full redraw paints: the background, then the kept runs in draw order. */
function painted(s: ReturnType<typeof sweep>, kept: Uint8Array): Uint32Array {
  const r = new LineRaster(W, H);
  r.copyFrom(s.background);
  r.polylines(
    s.xs,
    s.ys,
    s.paint.order.filter((i) => kept[i] === 1),
    s.paint.colors,
  );
  return r.pixels;
}

function layerOf(s: ReturnType<typeof sweep>, budget?: number): KeptLayer {
  const layer = KeptLayer.create(
    W,
    H,
    { xs: s.xs, ys: s.ys, levels: s.paint.levels, levelColors: s.paint.levelColors },
    s.background.pixels,
    budget,
  );
  if (!layer) throw new Error('no layer');
  return layer;
}

const differing = (a: Uint32Array, b: Uint32Array) => a.filter((v, p) => v !== b[p]).length;

describe('the kept-lines layer', () => {
  it('orders lines level by level, so the top level at a pixel is what a painter leaves', () => {
    const { paint } = sweep(400, 5, 1);
    for (let k = 1; k < paint.order.length; k++)
      expect(paint.levels[paint.order[k]]).toBeGreaterThanOrEqual(paint.levels[paint.order[k - 1]]);
    paint.levels.forEach((level, i) => expect(paint.colors[i]).toBe(paint.levelColors[level]));
  });

  it('matches the full redraw pixel for pixel through a brush widening and narrowing', () => {
    const s = sweep(400, 6, 2);
    const layer = layerOf(s);
    const position = Float64Array.from({ length: 400 }, () => s.random());
    // A brush over [0, to] moving down then up again, then a jump to another range.
    for (const [from, to] of [
      [0, 0.1],
      [0, 0.3],
      [0, 0.6],
      [0, 0.45],
      [0, 0.05],
      [0.5, 0.9],
      [0, 1],
    ]) {
      const mask = Uint8Array.from(position, (p) => (p >= from && p <= to ? 1 : 0));
      const { add, remove } = layer.changes(mask);
      layer.add(add);
      layer.remove(remove);
      expect(layer.keptCount).toBe(mask.reduce((n, m) => n + m, 0));
      expect(differing(layer.pixels, painted(s, mask))).toBe(0);
    }
  });

  it('matches after adds and removals in any order, and clears back to the background', () => {
    const s = sweep(300, 4, 3);
    const layer = layerOf(s);
    const mask = new Uint8Array(300);
    for (let step = 0; step < 600; step++) {
      const i = Math.floor(s.random() * 300);
      if (mask[i]) layer.remove([i]);
      else layer.add([i]);
      mask[i] ^= 1;
    }
    expect(differing(layer.pixels, painted(s, mask))).toBe(0);
    layer.clear();
    expect(differing(layer.pixels, s.background.pixels)).toBe(0);
  });

  it('clears in parts as it clears at once: nothing of the old lines is left in the counts', () => {
    const s = sweep(200, 4, 3);
    const layer = layerOf(s);
    layer.add(s.paint.order);
    const parts = layer.clearInParts(1000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) part();
    expect(layer.keptCount).toBe(0);
    expect(differing(layer.pixels, s.background.pixels)).toBe(0);
    // Had a part been skipped, counts of the old lines would linger and show through here.
    const mask = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    layer.add(layer.changes(mask).add);
    layer.remove(layer.changes(mask).remove);
    expect(differing(layer.pixels, painted(s, mask))).toBe(0);
    layer.remove(Int32Array.from({ length: 200 }, (_, i) => i).filter((i) => mask[i] === 1));
    expect(differing(layer.pixels, s.background.pixels)).toBe(0);
  });

  it('counts past 8 bits where many lines meet', () => {
    // 300 identical lines of one level through the same pixels overflow 8-bit counts.
    const xs = [0, W - 1];
    const ys = [new Float32Array(300).fill(10), new Float32Array(300).fill(20)];
    const paint = runColors(null, 300);
    const lines = { xs, ys, levels: paint.levels, levelColors: paint.levelColors };
    const one = new LineRaster(W, H);
    one.polylines(xs, ys, [299], paint.colors);
    // 8-bit counts when 16 would take more than half the memory allowed; 16 otherwise.
    for (const budget of [W * H * 1.5, W * H * 4]) {
      const layer = KeptLayer.create(W, H, lines, null, budget);
      if (!layer) throw new Error('no layer');
      layer.add(paint.order);
      layer.remove(paint.order.subarray(0, 299));
      expect(differing(layer.pixels, one.pixels)).toBe(0);
      layer.remove([299]);
      expect(differing(layer.pixels, new Uint32Array(W * H))).toBe(0);
    }
  });

  it('fits a 2× screen with fewer colour steps, where 64 would not fit', () => {
    // A 1,200 × 380 chart at a device pixel ratio of 2.
    const [w, h] = [2400, 760];
    const outcome = numericColumn(
      'metric:acc',
      'acc',
      'metric',
      Float64Array.of(0.1, 0.5, 0.9),
      'max',
    );
    const lines = (steps: number) => {
      const paint = runColors(outcome, 3, steps);
      const ys = [Float32Array.of(10, 300, 700), Float32Array.of(700, 300, 10)];
      return { xs: [0, w - 1], ys, levels: paint.levels, levelColors: paint.levelColors };
    };
    expect(KeptLayer.create(w, h, lines(64), null)).toBeNull();
    const steps = stepsThatFit(w, h);
    expect(steps).toBe(35);
    expect(stepsThatFit(1200, 380)).toBe(64);
    const paint = runColors(outcome, 3, steps);
    expect(Math.max(...paint.levels)).toBe(steps);
    const layer = KeptLayer.create(w, h, lines(steps), null);
    if (!layer) throw new Error('no layer at 2×');
    layer.add([0, 1, 2]);
    const full = new LineRaster(w, h);
    full.polylines(lines(steps).xs, lines(steps).ys, paint.order, paint.colors);
    expect(differing(layer.pixels, full.pixels)).toBe(0);
  });

  it('is not made when its counts would exceed the memory allowed', () => {
    const s = sweep(10, 3, 4);
    expect(layerOf(s)).not.toBeNull();
    const lines = { xs: s.xs, ys: s.ys, levels: s.paint.levels, levelColors: s.paint.levelColors };
    expect(KeptLayer.create(W, H, lines, null, W * H * 10)).toBeNull();
  });
});
