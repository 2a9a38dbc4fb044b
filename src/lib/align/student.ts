/** Which run is the student: the one being evaluated against the others (DESIGN.md). */

export interface StudentCandidate {
  runId: number;
  name: string;
  state: string | null;
  lastStep: number | null;
}

export interface StudentChoice {
  runId: number;
  /** Why this run, in words for the page. */
  reason: string;
}

const RUNNING = /^(running|run|active|in[ _-]?progress|started)$/i;

export function isRunning(state: string | null): boolean {
  return state !== null && RUNNING.test(state.trim());
}

/**
 * The user's pick when there is one; else the run still running (the least far along if several),
 * else the run with the smallest last step.
 */
export function chooseStudent(
  runs: readonly StudentCandidate[],
  picked: number | null = null,
): StudentChoice | null {
  if (runs.length === 0) return null;
  const mine = picked === null ? undefined : runs.find((r) => r.runId === picked);
  if (mine) return { runId: mine.runId, reason: 'picked by you' };
  const running = runs.filter((r) => isRunning(r.state));
  if (running.length === 1)
    return { runId: running[0].runId, reason: 'it is still running (state from the tracker)' };
  const pool = running.length > 1 ? running : runs;
  const least = [...pool].sort(
    (a, b) => (a.lastStep ?? Infinity) - (b.lastStep ?? Infinity) || a.runId - b.runId,
  )[0];
  const step =
    least.lastStep === null ? 'no steps' : `last step ${least.lastStep.toLocaleString('en-US')}`;
  return {
    runId: least.runId,
    reason:
      running.length > 1
        ? `of the ${running.length} runs still running, it is the least far along (${step})`
        : `no run is marked running; it is the least far along (${step})`,
  };
}
