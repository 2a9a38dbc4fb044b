/**
 * Polylines rasterized into an RGBA pixel buffer in plain JavaScript: one pixel wide, opaque, a
 * digital differential analyser per segment. For ten thousand runs across thirty axes (290,000
 * segments) this takes ~50 ms here, where the canvas 2D path (antialiased) took ~200 ms and
 * software WebGL (no GPU in headless Chromium) seconds. Later lines cover earlier ones.
 */

export class LineRaster {
  readonly width: number;
  readonly height: number;
  /** Little-endian RGBA, as ImageData holds it. */
  readonly pixels: Uint32Array;
  readonly image: ImageData | null;

  constructor(width: number, height: number) {
    this.width = Math.max(1, Math.round(width));
    this.height = Math.max(1, Math.round(height));
    const bytes = new Uint8ClampedArray(this.width * this.height * 4);
    this.pixels = new Uint32Array(bytes.buffer);
    this.image = typeof ImageData === 'undefined' ? null : new ImageData(bytes, this.width);
  }

  fill(color: number): void {
    this.pixels.fill(color);
  }

  copyFrom(other: LineRaster): void {
    this.pixels.set(other.pixels);
  }

  /**
   * Draws run i as the polyline through (xs[a], ys[a][i]) for every axis a, for each run in `runs`
   * in order, in `colors[i]`. A y that is not finite breaks the line.
   */
  polylines(
    xs: ArrayLike<number>,
    ys: readonly ArrayLike<number>[],
    runs: ArrayLike<number>,
    colors: Uint32Array,
  ): void {
    for (let k = 0; k < runs.length; k++) {
      const i = runs[k];
      const color = colors[i];
      for (let a = 0; a + 1 < xs.length; a++)
        this.segment(xs[a], ys[a][i], xs[a + 1], ys[a + 1][i], color);
    }
  }

  segment(x0: number, y0: number, x1: number, y1: number, color: number): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    // NaN or an infinite end: no segment.
    if (!(Math.abs(dx) < Infinity && Math.abs(dy) < Infinity)) return;
    const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
    const sx = steps > 0 ? dx / steps : 0;
    const sy = steps > 0 ? dy / steps : 0;
    const w = this.width;
    const h = this.height;
    const pixels = this.pixels;
    let x = x0 + 0.5;
    let y = y0 + 0.5;
    if (inside(x, y, w, h) && inside(x1 + 0.5, y1 + 0.5, w, h)) {
      for (let s = 0; s <= steps; s++, x += sx, y += sy) pixels[(y | 0) * w + (x | 0)] = color;
      return;
    }
    for (let s = 0; s <= steps; s++, x += sx, y += sy) {
      const px = Math.floor(x);
      const py = Math.floor(y);
      if (px >= 0 && px < w && py >= 0 && py < h) pixels[py * w + px] = color;
    }
  }
}

/**
 * Both ends well inside the buffer: every point between is too, even after the rounding of the
 * stepping, so no pixel needs a bounds check (and truncation is the floor).
 */
function inside(x: number, y: number, w: number, h: number): boolean {
  return x >= 0.01 && y >= 0.01 && x <= w - 0.01 && y <= h - 0.01;
}

/**
 * The pixels (indices into a width × height buffer) of the segment from (x0, y0) to (x1, y1),
 * exactly those LineRaster.segment paints, written into `out` from `at`; returns the index after
 * the last. `out` needs room for `segmentCapacity` more.
 */
export function traceSegment(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  width: number,
  height: number,
  out: Int32Array,
  at: number,
): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  if (!(Math.abs(dx) < Infinity && Math.abs(dy) < Infinity)) return at;
  const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
  const sx = steps > 0 ? dx / steps : 0;
  const sy = steps > 0 ? dy / steps : 0;
  let n = at;
  let x = x0 + 0.5;
  let y = y0 + 0.5;
  if (inside(x, y, width, height) && inside(x1 + 0.5, y1 + 0.5, width, height)) {
    for (let s = 0; s <= steps; s++, x += sx, y += sy) out[n++] = (y | 0) * width + (x | 0);
    return n;
  }
  for (let s = 0; s <= steps; s++, x += sx, y += sy) {
    const px = Math.floor(x);
    const py = Math.floor(y);
    if (px >= 0 && px < width && py >= 0 && py < height) out[n++] = py * width + px;
  }
  return n;
}

/** The most pixels traceSegment lists in a width × height buffer. */
export function segmentCapacity(width: number, height: number): number {
  return Math.ceil(Math.max(width, height)) + 3;
}

/**
 * The pixels of run i's polyline through (xs[a], ys[a][i]), as LineRaster.polylines paints them,
 * written into `out` from 0; returns how many. A pixel where two segments meet is listed twice.
 * `out` must hold `polylineCapacity` entries.
 */
export function tracePolyline(
  xs: ArrayLike<number>,
  ys: readonly ArrayLike<number>[],
  i: number,
  width: number,
  height: number,
  out: Int32Array,
): number {
  let n = 0;
  for (let a = 0; a + 1 < xs.length; a++)
    n = traceSegment(xs[a], ys[a][i], xs[a + 1], ys[a + 1][i], width, height, out, n);
  return n;
}

/** The most pixels tracePolyline can list for `axes` axes in a width × height buffer. */
export function polylineCapacity(axes: number, width: number, height: number): number {
  return Math.max(0, axes - 1) * segmentCapacity(width, height);
}

/** An opaque colour as the buffer stores it, from a CSS hex colour (#rgb or #rrggbb). */
export function packColor(hex: string): number {
  let h = hex.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = parseInt(h, 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
