/**
 * The compare view's table: every field of every run, one row per (section, key), and which cells
 * differ from the base run. Numbers compare as numbers (`"0.001"` equals `1e-3`), lists and
 * objects as canonical JSON, text as written; a key one run lacks is a difference, never dropped.
 */

import type { CompareSection } from '../sql/compare';

export interface CompareCell {
  value: string | null;
  num: number | null;
}

/** `undefined`: the run has no such key. */
export type MaybeCell = CompareCell | undefined;

export interface CompareRow {
  section: CompareSection;
  key: string;
  /** One per run, in the order of the run ids given. */
  cells: MaybeCell[];
}

export interface Change {
  abs: number;
  /** Relative to the base's magnitude, in percent; null when the base is 0. */
  pct: number | null;
}

export interface DiffedRow extends CompareRow {
  /** Per run: differs from the base run's cell. */
  differs: boolean[];
  anyDiff: boolean;
  /** Per run: the numeric change from the base, when both are numbers. */
  change: (Change | null)[];
}

export interface LongCell {
  section: CompareSection;
  key: string;
  runId: number;
  value: string | null;
  num: number | null;
}

/** Long rows (sorted by section and key) to one row per field with a cell per run. */
export function pivot(cells: readonly LongCell[], runIds: readonly number[]): CompareRow[] {
  const column = new Map(runIds.map((id, i) => [id, i]));
  const rows: CompareRow[] = [];
  let current: CompareRow | null = null;
  for (const c of cells) {
    const at = column.get(c.runId);
    if (at === undefined) continue;
    if (!current || current.section !== c.section || current.key !== c.key) {
      current = {
        section: c.section,
        key: c.key,
        cells: Array.from<MaybeCell>({ length: runIds.length }),
      };
      rows.push(current);
    }
    current.cells[at] = { value: c.value, num: c.num };
  }
  return rows;
}

const NUMBER = /^\s*'?[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The number a cell stands for: its stored number, or text that is exactly a number. */
export function numberOf(cell: MaybeCell): number | null {
  if (!cell) return null;
  if (cell.num !== null && Number.isFinite(cell.num)) return cell.num;
  if (cell.value !== null && NUMBER.test(cell.value))
    return Number(cell.value.trim().replace(/^'/, ''));
  return null;
}

function canonical(value: string): string {
  const text = value.trim();
  if (!/^[[{]/.test(text)) return text;
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function sameCell(a: MaybeCell, b: MaybeCell): boolean {
  if (!a || !b) return a === b;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null && nb !== null) return na === nb;
  if (a.value === null || b.value === null) return a.value === b.value;
  return canonical(a.value) === canonical(b.value);
}

export function diffAgainst(rows: readonly CompareRow[], base: number): DiffedRow[] {
  return rows.map((row) => {
    const b = row.cells[base];
    const differs = row.cells.map((c, i) => i !== base && !sameCell(c, b));
    const nb = numberOf(b);
    const change = row.cells.map((c, i) => {
      const n = numberOf(c);
      if (i === base || nb === null || n === null || n === nb) return null;
      return { abs: n - nb, pct: nb === 0 ? null : ((n - nb) / Math.abs(nb)) * 100 };
    });
    return { ...row, differs, anyDiff: differs.some(Boolean), change };
  });
}

/** What happened to a package from the base to another run. */
export function packageChange(
  base: MaybeCell,
  other: MaybeCell,
): 'added' | 'removed' | 'changed' | null {
  if (!base && other) return 'added';
  if (base && !other) return 'removed';
  return base && other && !sameCell(base, other) ? 'changed' : null;
}
