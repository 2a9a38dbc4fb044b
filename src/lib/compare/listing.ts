/**
 * The compare view as one list of lines (a header per section, then its fields), filtered by
 * "hide identical", with the positions of differing fields for previous/next navigation.
 */

import { COMPARE_SECTIONS, type CompareSection } from '../sql/compare';
import type { CompareTable } from './view-data';

export type CompareLine =
  | { kind: 'section'; section: CompareSection; fields: number; differences: number }
  | { kind: 'field'; field: number };

export const SECTION_TITLES: Record<CompareSection, string> = {
  run: 'Run',
  hyperparameters: 'Hyperparameters',
  summary: 'Summary values',
  resources: 'Resources (time, memory, size)',
  lineage: 'Lineage and environment',
  packages: 'Packages (added, removed or changed only)',
};

export function compareLines(table: CompareTable, hideIdentical: boolean): CompareLine[] {
  const bySection = new Map<CompareSection, number[]>();
  for (let f = 0; f < table.fields; f++) {
    const section = table.section(f);
    bySection.set(section, [...(bySection.get(section) ?? []), f]);
  }
  const out: CompareLine[] = [];
  for (const section of COMPARE_SECTIONS) {
    const mine = bySection.get(section) ?? [];
    if (mine.length === 0) continue;
    const differing = mine.filter((f) => table.anyDiff(f));
    out.push({ kind: 'section', section, fields: mine.length, differences: differing.length });
    // Packages are listed by what changed: identical versions would bury the few that matter.
    const shown = hideIdentical || section === 'packages' ? differing : mine;
    for (const field of shown) out.push({ kind: 'field', field });
  }
  return out;
}

/** Indexes of lines holding a difference, in order. */
export function differenceLines(table: CompareTable, lines: readonly CompareLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind === 'field' && table.anyDiff(l.field)) out.push(i);
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
