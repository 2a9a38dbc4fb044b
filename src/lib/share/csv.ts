/** CSV writing for exports: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? numberText(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text) && !NUMBER.test(text))
    text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every digit JavaScript has for the number; NaN and infinities spelled as DuckDB reads them. */
function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

export function csvTable(
  header: readonly string[],
  rows: readonly (string | number | null)[][],
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
