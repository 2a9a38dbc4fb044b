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
    // Packages are listed by what changed (identical versions would bury the few that matter),
    // grouped: changed versions first, then added, then removed packages.
    const shown =
      section === 'packages'
        ? [...differing].sort(
            (a, b) => PACKAGE_ORDER[packageKind(table, a)] - PACKAGE_ORDER[packageKind(table, b)],
          )
        : hideIdentical
          ? differing
          : mine;
    for (const field of shown) out.push({ kind: 'field', field });
  }
  return out;
}

const PACKAGE_ORDER = { changed: 0, added: 1, removed: 2 } as const;

/** What happened to a package in any run against the base: a changed version outranks the rest. */
export function packageKind(table: CompareTable, field: number): keyof typeof PACKAGE_ORDER {
  let kind: keyof typeof PACKAGE_ORDER = 'removed';
  for (let r = 0; r < table.runs; r++) {
    const change = table.packageChange(field, r);
    if (change === 'changed') return 'changed';
    if (change === 'added') kind = 'added';
  }
  return kind;
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
