/**
 * The runs the student picker lists. A `<select>` of every compared run cost ~0.15 s to build for
 * 6,000 runs on each new selection; past `limit` it lists the runs whose name contains the text
 * typed beside it, the student always among them, and says how many it leaves out.
 */

export interface StudentOption {
  runId: number;
  name: string;
}

export interface StudentOptions<T extends StudentOption> {
  runs: T[];
  /** Runs matching the text that are not listed. */
  more: number;
}

export const STUDENT_OPTIONS_UP_TO = 100;

export function studentOptions<T extends StudentOption>(
  runs: readonly T[],
  text: string,
  student: number | null,
  limit = STUDENT_OPTIONS_UP_TO,
): StudentOptions<T> {
  const needle = text.trim().toLowerCase();
  const matches = (r: T) => needle === '' || r.name.toLowerCase().includes(needle);
  const listed: T[] = [];
  let more = 0;
  for (const r of runs) {
    if (!matches(r)) continue;
    if (listed.length < limit) listed.push(r);
    else more++;
  }
  const mine = student === null ? undefined : runs.find((r) => r.runId === student);
  if (mine && !listed.includes(mine)) {
    listed.unshift(mine);
    if (matches(mine)) more--;
  }
  return { runs: listed, more };
}
