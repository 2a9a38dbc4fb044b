/** Sorting and filtering of the runs table: pure functions the table component calls. */

import { paramEntries } from '../engine/run-params';
import type { RunRow } from '../engine/runs-decode';

export type RunColumn =
  | { kind: 'name' }
  | { kind: 'note' }
  | { kind: 'source' }
  | { kind: 'format' }
  | { kind: 'state' }
  | { kind: 'metrics' }
  | { kind: 'points' }
  | { kind: 'lastStep' }
  | { kind: 'param'; key: string };

export interface SortOrder {
  column: RunColumn;
  descending: boolean;
}

/** A run's note by its run key ('' when it has none). */
export type NoteOf = (runKey: string) => string;
const noNotes: NoteOf = () => '';

export function cellValue(
  run: RunRow,
  column: RunColumn,
  noteOf: NoteOf = noNotes,
): string | number | null {
  switch (column.kind) {
    case 'name':
      return run.name;
    case 'note':
      return noteOf(run.runKey);
    case 'source':
      return run.sources.join(', ');
    case 'format':
      return run.formats;
    case 'state':
      return run.state;
    case 'metrics':
      return run.metrics;
    case 'points':
      return run.points;
    case 'lastStep':
      return run.lastStep;
    case 'param':
      return run.params.get(column.key) ?? null;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Numbers (and numeric text) by value, text naturally; missing values always last. */
export function compareCells(a: string | number | null, b: string | number | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  const x = typeof a === 'number' ? a : Number(a);
  const y = typeof b === 'number' ? b : Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return collator.compare(String(a), String(b));
}

export function sortRuns(
  runs: readonly RunRow[],
  order: SortOrder | null,
  noteOf: NoteOf = noNotes,
): RunRow[] {
  if (!order) return [...runs];
  const sign = order.descending ? -1 : 1;
  return [...runs].sort((p, q) => {
    const a = cellValue(p, order.column, noteOf);
    const b = cellValue(q, order.column, noteOf);
    if (a === null || a === '' || b === null || b === '') return compareCells(a, b);
    return sign * compareCells(a, b) || p.runId - q.runId;
  });
}

/** Every whitespace-separated word must appear (case-insensitively) in the run's name, sources, state, metric names, params or note. */
export function filterRuns(
  runs: readonly RunRow[],
  query: string,
  noteOf: NoteOf = noNotes,
): RunRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...runs];
  return runs.filter((run) => {
    const haystack = [
      run.name,
      run.state ?? '',
      ...run.sources,
      ...run.metricNames,
      ...paramEntries(run.params).map(([k, v]) => `${k}=${v ?? ''}`),
      noteOf(run.runKey),
    ]
      .join('\n')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** True when every run that has the hyperparameter has a number for it (aligned right, sorted by value). */
export function isNumericParam(runs: readonly RunRow[], key: string): boolean {
  let seen = false;
  for (const run of runs) {
    const v = run.params.get(key);
    if (v === null || v === undefined || v === '') continue;
    if (!Number.isFinite(Number(v))) return false;
    seen = true;
  }
  return seen;
}
