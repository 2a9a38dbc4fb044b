/** Which rows of a long table to render: the visible ones and a margin, with spacer heights for the rest. */

export interface RowWindow {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

export function rowWindow(
  total: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  overscan = 5,
): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const visible = Math.ceil(viewport / rowHeight) + 2 * overscan;
  const end = Math.min(total, first + visible);
  const start = Math.min(first, Math.max(0, end - visible));
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}
