/** MLflow's run vocabulary shared by its store files and its CSV exports: keys, states, times, tags. */

/** MLflow run ids are globally unique, so every file that names one merges into the same run. */
export function mlflowRunKey(runId: string): string {
  return `mlflow:${runId}`;
}

/** `RunStatus` as the store writes it (an integer) and as the APIs and CSVs write it (a name). */
const STATES: Record<string, string> = {
  '1': 'running',
  '2': 'scheduled',
  '3': 'finished',
  '4': 'failed',
  '5': 'killed',
  RUNNING: 'running',
  SCHEDULED: 'scheduled',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'killed',
};

/** The run state, lower-case (`running` marks a run still training); `undefined` when unknown. */
export function runState(status: string): string | undefined {
  return STATES[status.trim().toUpperCase()];
}

/** The tag that holds the run's display name; every other tag is lineage, kept in `meta` under its key. */
export const RUN_NAME_TAG = 'mlflow.runName';

const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Unix seconds from an MLflow time: milliseconds (the store, the REST API) or date text (pandas'
 * `2021-08-11 16:02:55.478000+00:00`). Text without a zone is read as local time.
 */
export function mlflowTime(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return Math.abs(n) > 1e11 ? n / 1000 : n;
  }
  const m = ISO_LIKE.exec(t);
  // Date.parse is only specified for ISO text with at most milliseconds; pandas writes microseconds.
  const iso = m
    ? `${m[1]}T${m[2]}${m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : ''}${m[4] ?? ''}`
    : t;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** `2021-08-11T16:02:55.478Z`: one spelling of a time whichever file it came from, so files merge. */
export function isoTime(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}
