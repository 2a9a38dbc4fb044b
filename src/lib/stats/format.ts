/** How the statistics view writes its numbers, on the page and in the Markdown report alike. */

import type { Interval } from './percentile-interval';

/** Four significant digits; exponents for very small or very large magnitudes. */
export function formatStat(v: number | null): string {
  if (v === null) return '—';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

export function formatSigned(v: number | null): string {
  return v !== null && v > 0 ? `+${formatStat(v)}` : formatStat(v);
}

/** Two significant digits; below 0.0001 in exponent form (never "0"). */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

export function formatInterval(i: Interval | null): string {
  return i ? `${formatStat(i.lo)} to ${formatStat(i.hi)}` : '—';
}

export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 0)} %`;
}
