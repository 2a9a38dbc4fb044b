import { describe, expect, it } from 'vitest';
import {
  LineRaster,
  packColor,
  polylineCapacity,
  tracePolyline,
} from '../../../src/lib/charts/line-raster';

const set = (r: LineRaster, color: number) => {
  const out: string[] = [];
  for (let y = 0; y < r.height; y++)
    for (let x = 0; x < r.width; x++)
      if (r.pixels[y * r.width + x] === color) out.push(`${x},${y}`);
  return out;
};

describe('the line rasterizer', () => {
  const red = packColor('#ff0000');
  const blue = packColor('#00f');

  it('packs colours the way ImageData stores them (RGBA bytes, little-endian)', () => {
    const bytes = new Uint8Array(Uint32Array.of(packColor('#102030')).buffer);
    expect(Array.from(bytes)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(packColor('#00f')).toBe(blue);
  });

  it('draws every pixel of horizontal, vertical and diagonal segments, ends included', () => {
    const r = new LineRaster(6, 6);
    r.segment(0, 0, 5, 0, red);
    expect(set(r, red)).toEqual(['0,0', '1,0', '2,0', '3,0', '4,0', '5,0']);
    r.fill(0);
    r.segment(2, 5, 2, 1, red);
    expect(set(r, red)).toEqual(['2,1', '2,2', '2,3', '2,4', '2,5']);
    r.fill(0);
    r.segment(0, 0, 3, 3, red);
    expect(set(r, red)).toEqual(['0,0', '1,1', '2,2', '3,3']);
  });

  it('leaves a steep segment without gaps (one pixel per row)', () => {
    const r = new LineRaster(4, 10);
    r.segment(0, 0, 3, 9, red);
    const rows = new Set(set(r, red).map((p) => p.split(',')[1]));
    expect(rows.size).toBe(10);
  });

  it('clips to the buffer and skips segments with a non-finite end', () => {
    const r = new LineRaster(3, 3);
    r.segment(-5, 1, 10, 1, red);
    expect(set(r, red)).toEqual(['0,1', '1,1', '2,1']);
    r.fill(0);
    r.segment(0, 0, 2, NaN, red);
    expect(set(r, red)).toEqual([]);
  });

  it('draws runs in the order given, later ones on top', () => {
    const r = new LineRaster(3, 3);
    const ys = [Float32Array.of(1, 1), Float32Array.of(1, 1)];
    r.polylines([0, 2], ys, [0, 1], Uint32Array.of(red, blue));
    expect(set(r, blue)).toEqual(['0,1', '1,1', '2,1']);
    r.polylines([0, 2], ys, [1, 0], Uint32Array.of(red, blue));
    expect(set(r, red)).toEqual(['0,1', '1,1', '2,1']);
  });
});

describe('tracing a polyline', () => {
  const red = packColor('#ff0000');
  it('lists exactly the pixels the rasterizer paints, clipped, broken at a missing value', () => {
    const xs = [0, 7.3, 15, 22];
    const ys = [Float32Array.of(-4, 3), Float32Array.of(11.6, 0.2), Float32Array.of(2, NaN)];
    ys.push(Float32Array.of(9.5, 5));
    for (const i of [0, 1]) {
      const r = new LineRaster(20, 10);
      r.polylines(xs, ys, [i], Uint32Array.of(red, red));
      const out = new Int32Array(polylineCapacity(xs.length, 20, 10));
      const n = tracePolyline(xs, ys, i, 20, 10, out);
      const traced = new Set(out.subarray(0, n));
      const paintedPixels = new Set<number>();
      r.pixels.forEach((c, p) => c === red && paintedPixels.add(p));
      expect([...traced].sort((a, b) => a - b)).toEqual([...paintedPixels].sort((a, b) => a - b));
    }
  });
});
