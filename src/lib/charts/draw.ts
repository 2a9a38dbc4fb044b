/** Canvas drawing of curve lines, group bands and non-finite markers. Pure: context and data in. */

import type { GroupBand } from '../curves/bands';
import type { NonFinitePoint, Polyline } from '../curves/m4';
import type { Frame } from './frame';

/**
 * A scale as a function fast enough for hundreds of thousands of points a frame: a linear scale
 * becomes `a·v + b`; other scales are called as they are.
 */
export function pixelsOf(scale: Frame['x']): (v: number) => number {
  if ('base' in scale) return (v) => scale(v);
  const [d0, d1] = scale.domain();
  const [r0, r1] = scale.range();
  const a = (r1 - r0) / (d1 - d0);
  const b = r0 - a * d0;
  return (v) => a * v + b;
}

/** Draws a polyline; a NaN breaks it, and so does a value a log axis cannot show. */
export function drawLine(
  ctx: CanvasRenderingContext2D,
  line: Polyline,
  frame: Frame,
  style: { color: string; width: number; alpha: number },
): void {
  ctx.save();
  ctx.strokeStyle = style.color;
  ctx.globalAlpha = style.alpha;
  ctx.lineWidth = style.width;
  ctx.lineJoin = 'bevel';
  ctx.beginPath();
  const fx = pixelsOf(frame.x);
  const fy = pixelsOf(frame.y);
  let pen = false;
  for (let i = 0; i < line.x.length; i++) {
    const px = fx(line.x[i]);
    const py = fy(line.y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * The band between lo and hi, then the centre line, where at least one run contributes: solid
 * where every run of the group does, dashed where some have ended (or not begun).
 */
export function drawBand(
  ctx: CanvasRenderingContext2D,
  band: GroupBand,
  frame: Frame,
  color: string,
  groupSize: number,
): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.18;
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    ctx.beginPath();
    for (let i = start; i < end; i++) ctx.lineTo(frame.x(band.x[i]), frame.y(band.hi[i]));
    for (let i = end - 1; i >= start; i--) ctx.lineTo(frame.x(band.x[i]), frame.y(band.lo[i]));
    ctx.closePath();
    ctx.fill();
    start = -1;
  };
  for (let i = 0; i < band.x.length; i++) {
    const ok = Number.isFinite(band.lo[i]) && Number.isFinite(band.hi[i]);
    if (ok && start < 0) start = i;
    if (!ok) flush(i);
  }
  flush(band.x.length);
  ctx.restore();
  const all = band.center.map((v, i) => (band.n[i] >= groupSize ? v : NaN));
  const some = band.center.map((v, i) =>
    band.n[i] < groupSize || (i > 0 && band.n[i - 1] < groupSize) || band.n[i + 1] < groupSize
      ? v
      : NaN,
  );
  drawLine(ctx, { x: band.x, y: all }, frame, { color, width: 2, alpha: 1 });
  ctx.save();
  ctx.setLineDash([5, 4]);
  drawLine(ctx, { x: band.x, y: some }, frame, { color, width: 2, alpha: 1 });
  ctx.restore();
}

/** A small mark at the bottom (NaN) or top/bottom edge (±∞) where a value was not finite. */
export function drawNonFinite(
  ctx: CanvasRenderingContext2D,
  points: readonly NonFinitePoint[],
  frame: Frame,
  color: string,
): void {
  ctx.save();
  ctx.fillStyle = color;
  for (const p of points) {
    const px = frame.x(p.x);
    if (!Number.isFinite(px) || px < 0 || px > frame.width) continue;
    const py = p.kind === 'inf' ? 3 : frame.height - 3;
    ctx.beginPath();
    if (p.kind === 'nan') ctx.rect(px - 2.5, py - 2.5, 5, 5);
    else {
      const dir = p.kind === 'inf' ? -1 : 1;
      ctx.moveTo(px - 4, py - 3 * dir);
      ctx.lineTo(px + 4, py - 3 * dir);
      ctx.lineTo(px, py + 3 * dir);
      ctx.closePath();
    }
    ctx.fill();
  }
  ctx.restore();
}

/**
 * A canvas sized to the plot at the display's pixel ratio and cleared, its context drawing in CSS
 * pixels; null when the browser gives no 2D context.
 */
export function clearedContext(
  canvas: HTMLCanvasElement,
  size: { width: number; height: number },
): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(size.width * ratio);
  canvas.height = Math.round(size.height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  return ctx;
}
