/** Sacred's run status as Lockstep's run state. */

const STATES: Record<string, string> = {
  QUEUED: 'queued',
  RUNNING: 'running',
  COMPLETED: 'finished',
  FAILED: 'failed',
  INTERRUPTED: 'killed',
  TIMEOUT: 'failed',
};

export function sacredState(status: string): string {
  return STATES[status.toUpperCase()] ?? status.toLowerCase();
}
