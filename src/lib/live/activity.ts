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
  stalled: boolean;
}

/**
 * The runs that hold at least one watched file, with the newest change among their watched files;
 * a run none of whose files changed for `stallAfterMs` is stalled.
 */
export function runActivity(
  runs: readonly { runId: number; name: string; sources: readonly string[] }[],
  files: readonly FileActivity[],
  now: number,
  stallAfterMs: number,
): RunActivity[] {
  const changed = new Map(files.map((f) => [f.name, f.lastChange]));
  const out: RunActivity[] = [];
  for (const run of runs) {
    let last = -Infinity;
    for (const s of run.sources) last = Math.max(last, changed.get(s) ?? -Infinity);
    if (last === -Infinity) continue;
    out.push({
      runId: run.runId,
      name: run.name,
      lastChange: last,
      stalled: now - last >= stallAfterMs,
    });
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

/** One line for a watched run: `updated 4 s ago`, or `stalled since 14:05:09 (no change for 6 min)`. */
export function describeActivity(
  a: RunActivity,
  now: number,
  clock: (ms: number) => string,
): string {
  return a.stalled
    ? `stalled since ${clock(a.lastChange)} (no change for ${formatAge(now - a.lastChange)})`
    : `updated ${formatAge(now - a.lastChange)} ago`;
}
