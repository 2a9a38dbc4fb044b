/** Runs that differ only in their seed, gathered into groups. */

import type { Params } from '../engine/run-params';

const SEED_KEY = /^(?:.*[._])?seed$/i;

/** Keys that name a seed: `seed`, `random_seed`, `*_seed`, `*.seed` (case-insensitive). */
export function isSeedKey(key: string): boolean {
  return SEED_KEY.test(key);
}

/** How a missing (absent or null) value reads in a label. */
const MISSING = '(missing)';

/**
 * Groups run ids by their params (all keys except seed keys, or only `by` when given); a run missing a key groups under a missing value, never dropped. Groups in a stable order; each group's key is a readable label like "lr=1e-3, optimizer=adamw".
 *
 * An absent key and a null value are the same missing value. Without `by`, the label names only
 * the keys whose values differ between runs, in alphabetical order ("all runs" when none do); with
 * `by`, it names the `by` keys in their order. Groups are sorted by their labelled values (numbers
 * numerically and before text, missing last); run ids ascend within a group.
 */
export function seedGroups(
  runs: readonly { runId: number; params: Params }[],
  by?: readonly string[],
): { key: string; runIds: number[] }[] {
  const keys = by ? [...by] : paramKeys(runs);
  const groups = new Map<string, { values: (string | null)[]; runIds: number[] }>();
  for (const run of runs) {
    const values = keys.map((k) => run.params.get(k) ?? null);
    const id = JSON.stringify(values);
    const group = groups.get(id);
    if (group) group.runIds.push(run.runId);
    else groups.set(id, { values, runIds: [run.runId] });
  }
  const all = [...groups.values()];
  const shown = keys
    .map((key, index) => ({ key, index }))
    .filter(({ index }) => by || all.some((g) => g.values[index] !== all[0].values[index]));
  all.sort((a, b) => {
    for (const { index } of shown) {
      const order = compareValues(a.values[index], b.values[index]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return all.map((g) => ({
    key:
      shown.length === 0
        ? 'all runs'
        : shown.map(({ key, index }) => `${key}=${g.values[index] ?? MISSING}`).join(', '),
    runIds: g.runIds.sort((a, b) => a - b),
  }));
}

/** Every non-seed key any run has, alphabetically. */
function paramKeys(runs: readonly { params: Params }[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of run.params.keys()) if (!isSeedKey(key)) keys.add(key);
  return [...keys].sort();
}

function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  if (na !== null && nb === null) return -1;
  if (na === null && nb !== null) return 1;
  return a < b ? -1 : 1;
}

function asNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
