/** Number formatting for the page. Data values are never rounded in data, only in display. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// One formatter each, made once: `toLocaleString` builds a new one per call, which costs
// milliseconds over a table of a few hundred cells.
const COUNT = new Intl.NumberFormat('en-US');
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Thousands separated (1,234,567); null is a dash. */
export function formatCount(n: number | null): string {
  return n === null ? '—' : COUNT.format(n);
}

/** Thousands separated, at most one decimal (12,345.7). */
export function formatOneDecimal(n: number): string {
  return ONE_DECIMAL.format(n);
}
