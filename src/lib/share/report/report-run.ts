/** A run as the report keeps it: plain fields, its hyperparameters as a record. */

import { paramEntries } from '../../engine/run-params';
import type { RunRow } from '../../engine/runs-decode';
import type { ReportRun } from './report-data';

/** `note`: the user's note on the run ('' for none). */
export function reportRun(r: RunRow, note = ''): ReportRun {
  return {
    runId: r.runId,
    runKey: r.runKey,
    name: r.name,
    state: r.state,
    lastStep: r.lastStep,
    sources: r.sources,
    params: Object.fromEntries(paramEntries(r.params)),
    ...(note ? { note } : {}),
  };
}
