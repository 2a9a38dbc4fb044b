/**
 * The samples grid: runs in columns, sample keys in rows, and for an iteration the sample each
 * run shows there — its latest at or before the iteration, and which iteration that was.
 */

import type { Sample } from './types';

export interface GridColumn {
  runKey: string;
  /** The run's name when an importer loaded it, else its folder. */
  label: string;
}

export interface SampleGrid {
  columns: GridColumn[];
  keys: string[];
  /** Every iteration any sample was logged at, ascending: the slider's stops. */
  steps: number[];
  /** Per `key`, per run key: its samples sorted by step. */
  cells: Map<string, Map<string, Sample[]>>;
}

/** Orders columns by `runOrder` (the runs table's order), then unknown runs by folder. */
export function buildGrid(
  samples: readonly Sample[],
  runName: (runKey: string) => { name: string; order: number } | null,
): SampleGrid {
  const cells = new Map<string, Map<string, Sample[]>>();
  const columns = new Map<string, GridColumn & { order: number }>();
  const steps = new Set<number>();
  for (const s of samples) {
    steps.add(s.step);
    if (!columns.has(s.run.runKey)) {
      const known = runName(s.run.runKey);
      columns.set(s.run.runKey, {
        runKey: s.run.runKey,
        label: known?.name ?? (s.run.folder || '(dropped files)'),
        order: known?.order ?? Number.POSITIVE_INFINITY,
      });
    }
    let byRun = cells.get(s.key);
    if (!byRun) cells.set(s.key, (byRun = new Map()));
    let list = byRun.get(s.run.runKey);
    if (!list) byRun.set(s.run.runKey, (list = []));
    list.push(s);
  }
  for (const byRun of cells.values())
    for (const list of byRun.values()) list.sort((a, b) => a.step - b.step);
  const ordered = [...columns.values()].sort(
    (a, b) => a.order - b.order || a.label.localeCompare(b.label),
  );
  return {
    columns: ordered.map(({ runKey, label }) => ({ runKey, label })),
    keys: [...cells.keys()].sort((a, b) => a.localeCompare(b)),
    steps: [...steps].sort((a, b) => a - b),
    cells,
  };
}

/** The last sample at or before `step` (binary search), `null` when the run had none yet. */
export function sampleAt(sorted: readonly Sample[] | undefined, step: number): Sample | null {
  if (!sorted || sorted.length === 0 || sorted[0].step > step) return null;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid].step <= step) lo = mid;
    else hi = mid - 1;
  }
  return sorted[lo];
}
