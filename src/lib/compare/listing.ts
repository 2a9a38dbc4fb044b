/**
 * The compare view as one list of lines (a header per section, then its fields), filtered by
 * "hide identical", with the positions of differing fields for previous/next navigation.
 */

import { COMPARE_SECTIONS, type CompareSection } from '../sql/compare';
import type { DiffedRow } from './diff';

export type CompareLine =
  | { kind: 'section'; section: CompareSection; fields: number; differences: number }
  | { kind: 'field'; row: DiffedRow };

export const SECTION_TITLES: Record<CompareSection, string> = {
  run: 'Run',
  hyperparameters: 'Hyperparameters',
  summary: 'Summary values',
  lineage: 'Lineage and environment',
  packages: 'Packages (added, removed or changed only)',
};

export function compareLines(rows: readonly DiffedRow[], hideIdentical: boolean): CompareLine[] {
  const out: CompareLine[] = [];
  for (const section of COMPARE_SECTIONS) {
    const mine = rows.filter((r) => r.section === section);
    if (mine.length === 0) continue;
    const differences = mine.filter((r) => r.anyDiff).length;
    out.push({ kind: 'section', section, fields: mine.length, differences });
    // Packages are listed by what changed: identical versions would bury the few that matter.
    const shown = hideIdentical || section === 'packages' ? mine.filter((r) => r.anyDiff) : mine;
    for (const row of shown) out.push({ kind: 'field', row });
  }
  return out;
}

/** Indexes of lines holding a difference, in order. */
export function differenceLines(lines: readonly CompareLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind === 'field' && l.row.anyDiff) out.push(i);
  });
  return out;
}

/** The next (or previous) difference after the line `from`, wrapping around; -1 when there is none. */
export function stepDifference(
  differences: readonly number[],
  from: number,
  forward: boolean,
): number {
  if (differences.length === 0) return -1;
  if (forward) return differences.find((i) => i > from) ?? differences[0];
  for (let k = differences.length - 1; k >= 0; k--)
    if (differences[k] < from) return differences[k];
  return differences[differences.length - 1];
}
