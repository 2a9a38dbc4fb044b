/**
 * The header of a W&B line-plot panel export: `"Step","<run> - <metric>","<run> - <metric>__MIN",
 * "<run> - <metric>__MAX", …`. Each line of the plot is a value column with, usually, the min and
 * max of the bucket W&B drew it from.
 */

const SEPARATOR = ' - ';
const RANGE_SUFFIX = /__(MIN|MAX)$/;

export interface PlotLine {
  /** The run's display name as the panel shows it (a group's name when the panel groups runs). */
  run: string;
  /** 1 for the first run of that name in the panel, 2 for a second run with the same name… */
  occurrence: number;
  metric: string;
  value: number;
  min: number;
  max: number;
}

export interface PlotColumns {
  lines: PlotLine[];
  /** Columns that are neither a line nor its range, with the reason. */
  unread: { column: number; name: string; reason: string }[];
}

/** True when a header looks like a line-plot export (every column after the first is `<run> - <metric>`). */
export function isLinePlotHeader(header: readonly string[]): boolean {
  if (header.length < 2) return false;
  return header.slice(1).every((name) => name.includes(SEPARATOR));
}

export function hasRangeColumns(header: readonly string[]): boolean {
  return header.some((name) => RANGE_SUFFIX.test(name));
}

/**
 * Splits `<run> - <metric>` at its last ` - ` (run names may hold one), and pairs each value column
 * with the `__MIN`/`__MAX` columns of the same name.
 */
export function plotColumns(header: readonly string[]): PlotColumns {
  const lines: PlotLine[] = [];
  const unread: PlotColumns['unread'] = [];
  /** Lines still waiting for their range columns, by their full column name. */
  const open = new Map<string, PlotLine>();
  const seen = new Map<string, number>();
  header.forEach((name, column) => {
    if (column === 0) return;
    const range = RANGE_SUFFIX.exec(name);
    if (range) {
      const line = open.get(name.slice(0, range.index));
      const side = range[1] === 'MIN' ? 'min' : 'max';
      if (!line || line[side] >= 0) {
        unread.push({
          column,
          name,
          reason: `no "${name.slice(0, range.index)}" column before it`,
        });
        return;
      }
      line[side] = column;
      return;
    }
    const cut = name.lastIndexOf(SEPARATOR);
    if (cut <= 0) {
      unread.push({ column, name, reason: 'not of the form "<run> - <metric>"' });
      return;
    }
    const run = name.slice(0, cut);
    const metric = name.slice(cut + SEPARATOR.length);
    const pair = `${run}\u0000${metric}`;
    const occurrence = (seen.get(pair) ?? 0) + 1;
    seen.set(pair, occurrence);
    const line: PlotLine = { run, occurrence, metric, value: column, min: -1, max: -1 };
    lines.push(line);
    open.set(name, line);
  });
  return { lines, unread };
}
