/** Which watched runs still change, and which have stalled: from the last time each file grew. */

export interface FileActivity {
  name: string;
  /** When the file last grew or changed (ms since the epoch); when watching began, before that. */
  lastChange: number;
}

export interface RunActivity {
  runId: number;
  name: string;
  lastChange: number;
}

/** The runs that hold at least one watched file, with the newest change among their watched files. */
export function runActivity(
  runs: readonly { runId: number; name: string; sources: readonly string[] }[],
  files: readonly FileActivity[],
): RunActivity[] {
  if (files.length === 0) return [];
  const changed = new Map(files.map((f) => [f.name, f.lastChange]));
  const out: RunActivity[] = [];
  for (const run of runs) {
    let last = -Infinity;
    for (const s of run.sources) last = Math.max(last, changed.get(s) ?? -Infinity);
    if (last === -Infinity) continue;
    out.push({ runId: run.runId, name: run.name, lastChange: last });
  }
  return out;
}

/** `4 s`, `3 min`, `2 h 5 min`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
}

/** A run none of whose watched files changed for `stallAfterMs` has stalled. */
export function isStalled(a: RunActivity, now: number, stallAfterMs: number): boolean {
  return now - a.lastChange >= stallAfterMs;
}

/** One line for a watched run: `updated 4 s ago`, or `stalled since 14:05:09 (no change for 6 min)`. */
export function describeActivity(
  a: RunActivity,
  now: number,
  stalled: boolean,
  clock: (ms: number) => string,
): string {
  return stalled
    ? `stalled since ${clock(a.lastChange)} (no change for ${formatAge(now - a.lastChange)})`
    : `updated ${formatAge(now - a.lastChange)} ago`;
}
