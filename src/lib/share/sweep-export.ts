/** The runs a sweep view keeps, as CSV: one row per run, a column per axis (missing values empty). */

import type { SweepColumn, SweepTable } from '../sweep/types';
import { csvTable } from './csv';

export function sweepCsv(
  table: SweepTable,
  kept: ArrayLike<number>,
  columns: readonly SweepColumn[],
  label: (runId: number) => { name: string; runKey: string },
): string {
  const header = ['run', 'run_id', ...columns.map((c) => c.label)];
  const rows = Array.from(kept, (i) => {
    const runId = table.runIds[i];
    const { name, runKey } = label(runId);
    return [name, runKey, ...columns.map((c) => cell(c, i))];
  });
  return csvTable(header, rows);
}

function cell(c: SweepColumn, i: number): string | number | null {
  if (c.type === 'numeric') return Number.isNaN(c.values[i]) ? null : c.values[i];
  return c.codes[i] < 0 ? null : c.categories[c.codes[i]];
}

/**
 * The parallel coordinates as a standalone SVG: the chart's axes with every kept run as a path
 * beneath them, in its drawn colour and order.
 */
export function parcoordsSvg(
  axesSvg: SVGSVGElement,
  xs: readonly number[],
  ys: readonly ArrayLike<number>[],
  order: ArrayLike<number>,
  colors: Uint32Array,
): string {
  const clone = axesSvg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const lines = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  lines.setAttribute('fill', 'none');
  lines.setAttribute('stroke-width', '1');
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute(
      'd',
      xs.map((x, a) => `${a === 0 ? 'M' : 'L'}${x},${ys[a][i].toFixed(1)}`).join(''),
    );
    path.setAttribute('stroke', hexOf(colors[i]));
    lines.append(path);
  }
  clone.prepend(lines);
  return new XMLSerializer().serializeToString(clone);
}

/** CSS hex of a colour packed as ImageData stores it (see line-raster.ts). */
export function hexOf(packed: number): string {
  const r = packed & 255;
  const g = (packed >> 8) & 255;
  const b = (packed >> 16) & 255;
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The chart's pixels with its SVG axes drawn over them, as PNG bytes. */
export async function layeredPng(canvas: HTMLCanvasElement, svg: SVGSVGElement): Promise<Blob> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }),
  );
  try {
    const axes = new Image();
    axes.src = url;
    await axes.decode();
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    ctx.drawImage(axes, 0, 0, out.width, out.height);
    return await new Promise<Blob>((resolve, reject) =>
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
