/**
 * The lines of the parallel coordinates as pixels: every run in colour while nothing is brushed;
 * once something is, every run in grey behind the kept ones. The grey background is drawn once per
 * layout, and the kept lines follow a brush run by run (kept-layer.ts), so a brush move costs the
 * runs it changes, not all those it keeps. Work is done in slices of a few milliseconds, task after
 * task; a picture is shown only once complete.
 */

import { KeptLayer } from './kept-layer';
import { LineRaster } from './line-raster';
import { GREY, type RunPaint } from './parcoords';
import { nextMacrotask } from '../next-task';
import { drawInSlices } from './progressive';

/** Lines rasterized per slice step: a step stays well under a frame. */
const RUNS_PER_STEP = 500;
const SLICE_MS = 16;

export interface LinesInput {
  /** Buffer size in device pixels. */
  width: number;
  height: number;
  /** Pixel x of each axis and y of every run on every axis, in device pixels. */
  xs: ArrayLike<number>;
  ys: readonly Float32Array[];
  paint: RunPaint;
  /** The runs kept (indices, any order), or null when nothing is filtered. */
  kept: Int32Array | null;
}

export class ParcoordsPainter {
  #background: { ys: readonly Float32Array[]; width: number; raster: LineRaster } | null = null;
  #layer: { ys: readonly Float32Array[]; paint: RunPaint; layer: KeptLayer | null } | null = null;

  /** Draws `input`, then calls `show` with the picture; returns a function that stops it. */
  draw(input: LinesInput, show: (image: ImageData | null, lines: number) => void): () => void {
    const steps: (() => void)[] = [];
    if (input.kept === null) {
      const raster = new LineRaster(input.width, input.height);
      this.#paint(steps, raster, input, input.paint.order, input.paint.colors);
      const lastLine = steps.pop() ?? (() => {});
      steps.push(() => {
        lastLine();
        show(raster.image, input.paint.order.length);
      });
      // The grey of every run and the layer, ready for the first brush.
      this.#backgroundSteps(steps, input);
      // Clearing writes every count once: the memory is in place before the first brush.
      steps.push(() => steps.push(...(this.#layerFor(input)?.clearInParts() ?? [])));
    } else {
      const kept = input.kept;
      this.#backgroundSteps(steps, input);
      steps.push(() => {
        const layer = this.#layerFor(input);
        if (layer) this.#follow(steps, layer, input, kept, show);
        else this.#redraw(steps, input, kept, show);
      });
    }
    return drawInSlices(steps, () => {}, SLICE_MS, nextMacrotask);
  }

  #paint(
    steps: (() => void)[],
    raster: LineRaster,
    input: LinesInput,
    runs: Int32Array,
    colors: Uint32Array,
  ): void {
    for (let from = 0; from < runs.length; from += RUNS_PER_STEP)
      steps.push(() =>
        raster.polylines(input.xs, input.ys, runs.subarray(from, from + RUNS_PER_STEP), colors),
      );
  }

  #backgroundSteps(steps: (() => void)[], input: LinesInput): void {
    const cached = this.#background;
    if (cached && cached.ys === input.ys && cached.width === input.width) return;
    const raster = new LineRaster(input.width, input.height);
    const grey = new Uint32Array(input.paint.order.length).fill(GREY);
    this.#paint(steps, raster, input, input.paint.order, grey);
    steps.push(() => {
      this.#background = { ys: input.ys, width: input.width, raster };
    });
  }

  /** The layer for this layout and these colours, made on first use; null when it cannot be. */
  #layerFor(input: LinesInput): KeptLayer | null {
    const cached = this.#layer;
    if (cached && cached.ys === input.ys && cached.paint === input.paint) return cached.layer;
    const background = this.#background?.raster.pixels ?? null;
    const layer = KeptLayer.create(
      Math.round(input.width),
      Math.round(input.height),
      {
        xs: input.xs,
        ys: input.ys,
        levels: input.paint.levels,
        levelColors: input.paint.levelColors,
      },
      background,
    );
    this.#layer = { ys: input.ys, paint: input.paint, layer };
    return layer;
  }

  /** Brings the layer to the kept runs: the changed runs, or all kept ones when that is less. */
  #follow(
    steps: (() => void)[],
    layer: KeptLayer,
    input: LinesInput,
    kept: Int32Array,
    show: (image: ImageData | null, lines: number) => void,
  ): void {
    const mask = new Uint8Array(input.paint.order.length);
    for (const i of kept) mask[i] = 1;
    const { add, remove } = layer.changes(mask);
    const rebuild = add.length + remove.length > kept.length;
    const work: (() => void)[] = rebuild ? layer.clearInParts() : [];
    const batches: [Int32Array, boolean][] = rebuild
      ? [[kept, true]]
      : [
          [remove, false],
          [add, true],
        ];
    for (const [runs, adding] of batches)
      for (let from = 0; from < runs.length; from += RUNS_PER_STEP)
        work.push(() => {
          const batch = runs.subarray(from, from + RUNS_PER_STEP);
          if (adding) layer.add(batch);
          else layer.remove(batch);
        });
    // Shown in the task that did the last of the work: a task between could wait for a frame.
    const last = work.pop() ?? (() => {});
    steps.push(...work, () => {
      last();
      show(layer.image, kept.length);
    });
  }

  /** Without a layer: the background, then every kept run in draw order. */
  #redraw(
    steps: (() => void)[],
    input: LinesInput,
    kept: Int32Array,
    show: (image: ImageData | null, lines: number) => void,
  ): void {
    const raster = new LineRaster(input.width, input.height);
    const background = this.#background?.raster;
    if (background) raster.copyFrom(background);
    const order = keptInOrder(input.paint.order, kept);
    this.#paint(steps, raster, input, order, input.paint.colors);
    const lastLine = steps.pop() ?? (() => {});
    steps.push(() => {
      lastLine();
      show(raster.image, order.length);
    });
  }
}

/** The kept runs in draw order (worse first, the best on top). */
export function keptInOrder(order: Int32Array, kept: Int32Array): Int32Array {
  const keep = new Uint8Array(order.length);
  for (const i of kept) keep[i] = 1;
  return order.filter((i) => keep[i] === 1);
}
