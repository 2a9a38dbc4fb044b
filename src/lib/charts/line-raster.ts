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
    if (
      !Number.isFinite(x0) ||
      !Number.isFinite(y0) ||
      !Number.isFinite(x1) ||
      !Number.isFinite(y1)
    )
      return;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const steps = Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
    const sx = steps > 0 ? dx / steps : 0;
    const sy = steps > 0 ? dy / steps : 0;
    const w = this.width;
    const h = this.height;
    let x = x0 + 0.5;
    let y = y0 + 0.5;
    for (let s = 0; s <= steps; s++, x += sx, y += sy) {
      const px = Math.floor(x);
      const py = Math.floor(y);
      if (px >= 0 && px < w && py >= 0 && py < h) this.pixels[py * w + px] = color;
    }
  }
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
