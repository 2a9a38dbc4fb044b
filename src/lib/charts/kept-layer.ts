/**
 * The brushed runs' lines over the grey of every run, kept up to date one run at a time. A brush
 * move changes whether a few hundred runs are kept; redrawing all the kept ones (5,000 lines × 29
 * segments, ~15 M pixels) took 50–70 ms, adding and taking away only the changed ones a few.
 *
 * Lines are opaque and drawn worse first, and the colour of a line is one of a few levels ordered
 * like the drawing (see runColors): the pixel a painter would leave is the colour of the highest
 * level among the kept lines through it. So each pixel counts the kept lines of each level through
 * it; taking a line away lowers its counts, and where its level empties the next level down (or
 * the background) shows. The picture is the painter's, pixel for pixel.
 */

import { segmentCapacity, traceSegment } from './line-raster';

/** Counts above this per pixel would not fit: the layer is not used (full redraws instead). */
const BUDGET_BYTES = 64 * 2 ** 20;
/** Counts written per step of clearInParts: a few milliseconds. */
const COUNTS_PER_PART = 2 ** 22;

/**
 * The colour steps whose layer fits a buffer of this size (8-bit counts; level 0 is the missing
 * colour), at most `most`: 64 on a 1× screen, ~35 on a 2× one, where 64 would not fit and every
 * brush move would redraw all the kept lines.
 */
export function stepsThatFit(width: number, height: number, most = 64): number {
  const pixels = Math.max(1, Math.round(width) * Math.round(height));
  return Math.max(1, Math.min(most, Math.floor(BUDGET_BYTES / pixels) - 1));
}

export interface LayerLines {
  /** Pixel x of each axis, in buffer pixels. */
  xs: ArrayLike<number>;
  /** Pixel y of every run on every axis, in buffer pixels. */
  ys: readonly ArrayLike<number>[];
  /** Each run's colour level (an index into levelColors). */
  levels: Uint8Array;
  levelColors: Uint32Array;
}

export class KeptLayer {
  readonly width: number;
  readonly height: number;
  /** Little-endian RGBA, as ImageData holds it: the background, the kept lines over it. */
  readonly pixels: Uint32Array;
  readonly image: ImageData | null;
  #lines: LayerLines;
  #background: Uint32Array | null;
  #levels: number;
  /**
   * Kept lines per pixel and level, the levels of a pixel side by side, pixels column after column
   * (as `top`): lines are mostly steep, so the counts a line touches lie close together. Row after
   * row, each pixel of a steep line fell on another memory page and the page lookups cost 5× the
   * drawing. 8 bits when 16 would not fit, the rest in #overflow.
   */
  #counts: Uint8Array | Uint16Array;
  #max: number;
  /** The highest level with a kept line per pixel (column after column), plus one; 0 where none. */
  #top: Uint8Array;
  #kept: Uint8Array;
  /** The row-major index (of `pixels`) of each column-major one: a division costs more. */
  #rowMajor: Int32Array;
  #keptCount = 0;
  /** What a count at its maximum holds beyond it (where many lines meet, at a category's tick). */
  #overflow = new Map<number, number>();
  #scratch: Int32Array;

  /** A layer, or null when its counts would take more memory than allowed. */
  static create(
    width: number,
    height: number,
    lines: LayerLines,
    background: Uint32Array | null,
    budget = BUDGET_BYTES,
  ): KeptLayer | null {
    const cells = width * height * Math.max(1, lines.levelColors.length);
    if (cells > budget || lines.levelColors.length > 255) return null;
    return new KeptLayer(width, height, lines, background, cells * 2 <= budget / 2);
  }

  private constructor(
    width: number,
    height: number,
    lines: LayerLines,
    background: Uint32Array | null,
    wide: boolean,
  ) {
    this.width = width;
    this.height = height;
    const bytes = new Uint8ClampedArray(width * height * 4);
    this.pixels = new Uint32Array(bytes.buffer);
    this.image = typeof ImageData === 'undefined' ? null : new ImageData(bytes, width);
    this.#lines = lines;
    this.#background = background;
    this.#levels = Math.max(1, lines.levelColors.length);
    const cells = width * height * this.#levels;
    this.#counts = wide ? new Uint16Array(cells) : new Uint8Array(cells);
    this.#max = wide ? 0xffff : 0xff;
    this.#top = new Uint8Array(width * height);
    this.#kept = new Uint8Array(lines.levels.length);
    this.#rowMajor = new Int32Array(width * height);
    for (let x = 0, q = 0; x < width; x++)
      for (let y = 0; y < height; y++, q++) this.#rowMajor[q] = y * width + x;
    this.#scratch = new Int32Array(segmentCapacity(width, height));
    if (background) this.pixels.set(background);
  }

  get keptCount(): number {
    return this.#keptCount;
  }

  isKept(i: number): boolean {
    return this.#kept[i] === 1;
  }

  /** The runs to add and to take away to reach `mask` (1 = kept). */
  changes(mask: Uint8Array): { add: Int32Array; remove: Int32Array } {
    let adds = 0;
    let removes = 0;
    const kept = this.#kept;
    for (let i = 0; i < kept.length; i++)
      if (mask[i] !== kept[i]) {
        if (mask[i] === 1) adds++;
        else removes++;
      }
    const add = new Int32Array(adds);
    const remove = new Int32Array(removes);
    adds = 0;
    removes = 0;
    for (let i = 0; i < kept.length; i++)
      if (mask[i] !== kept[i]) {
        if (mask[i] === 1) add[adds++] = i;
        else remove[removes++] = i;
      }
    return { add, remove };
  }

  /** No line kept: the background alone. */
  clear(): void {
    for (const part of this.clearInParts(Infinity)) part();
  }

  /**
   * `clear()` as steps to run in order, each writing at most `countsPerPart` counts: the counts
   * take up to 64 MB, and writing them in one go blocked the page for ~40–120 ms.
   */
  clearInParts(countsPerPart = COUNTS_PER_PART): (() => void)[] {
    const counts = this.#counts;
    const parts: (() => void)[] = [];
    for (let from = 0; from < counts.length; from += countsPerPart) {
      const to = Math.min(counts.length, from + countsPerPart);
      parts.push(() => counts.fill(0, from, to));
    }
    parts.push(() => {
      this.#top.fill(0);
      this.#kept.fill(0);
      this.#keptCount = 0;
      this.#overflow.clear();
      if (this.#background) this.pixels.set(this.#background);
      else this.pixels.fill(0);
    });
    return parts;
  }

  // Both go between two axes at a time, so that the counts they touch stay in cache, and trace
  // the segments transposed (x for y): the indices come out column after column.

  /** Adds the lines of `runs` (those not kept yet). */
  add(runs: ArrayLike<number>): void {
    const todo = this.#mark(runs, 1);
    const { xs, ys, levels, levelColors } = this.#lines;
    const { width, height, pixels } = this;
    const counts = this.#counts;
    const top = this.#top;
    const stride = this.#levels;
    const max = this.#max;
    const rowMajor = this.#rowMajor;
    const out = this.#scratch;
    const overflow = this.#overflow;
    for (let a = 0; a + 1 < xs.length; a++) {
      const y0s = ys[a];
      const y1s = ys[a + 1];
      for (let k = 0; k < todo.length; k++) {
        const i = todo[k];
        const n = traceSegment(y0s[i], xs[a], y1s[i], xs[a + 1], height, width, out, 0);
        const level = levels[i];
        const rank = level + 1;
        const color = levelColors[level];
        for (let j = 0; j < n; j++) {
          const q = out[j];
          const c = q * stride + level;
          if (counts[c] === max) overflow.set(c, (overflow.get(c) ?? 0) + 1);
          else counts[c]++;
          if (top[q] < rank) {
            top[q] = rank;
            pixels[rowMajor[q]] = color;
          }
        }
      }
    }
  }

  /** Takes the lines of `runs` (those kept) away. */
  remove(runs: ArrayLike<number>): void {
    const todo = this.#mark(runs, 0);
    const { xs, ys, levels, levelColors } = this.#lines;
    const { width, height, pixels } = this;
    const counts = this.#counts;
    const top = this.#top;
    const stride = this.#levels;
    const background = this.#background;
    const max = this.#max;
    const overflow = this.#overflow;
    const rowMajor = this.#rowMajor;
    const out = this.#scratch;
    for (let a = 0; a + 1 < xs.length; a++) {
      const y0s = ys[a];
      const y1s = ys[a + 1];
      for (let k = 0; k < todo.length; k++) {
        const i = todo[k];
        const n = traceSegment(y0s[i], xs[a], y1s[i], xs[a + 1], height, width, out, 0);
        const level = levels[i];
        const rank = level + 1;
        for (let j = 0; j < n; j++) {
          const q = out[j];
          const base = q * stride;
          const c = base + level;
          if (counts[c] === max) {
            const more = overflow.get(c) ?? 0;
            if (more > 1) overflow.set(c, more - 1);
            else if (more === 1) overflow.delete(c);
            else counts[c]--;
            continue;
          }
          if (--counts[c] !== 0 || top[q] !== rank) continue;
          let below = level - 1;
          while (below >= 0 && counts[base + below] === 0) below--;
          top[q] = below + 1;
          const p = rowMajor[q];
          pixels[p] = below >= 0 ? levelColors[below] : background ? background[p] : 0;
        }
      }
    }
  }

  /** The runs whose kept flag changes to `to`, flagged so. */
  #mark(runs: ArrayLike<number>, to: 0 | 1): Int32Array {
    const todo = new Int32Array(runs.length);
    let n = 0;
    for (let k = 0; k < runs.length; k++) {
      const i = runs[k];
      if (this.#kept[i] === to) continue;
      this.#kept[i] = to;
      todo[n++] = i;
    }
    this.#keptCount += to === 1 ? n : -n;
    return todo.subarray(0, n);
  }
}
