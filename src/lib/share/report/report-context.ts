/** What every section needs besides its own data: the runs by id, and which are student and base. */

import type { ReportData, ReportRun } from './report-data';

export interface ReportContext {
  run(runId: number): ReportRun;
  name(runId: number): string;
}

export function reportContext(data: ReportData): ReportContext {
  const byId = new Map(data.runs.map((r) => [r.runId, r]));
  const run = (runId: number): ReportRun =>
    byId.get(runId) ?? {
      runId,
      runKey: `#${runId}`,
      name: `run ${runId}`,
      state: null,
      lastStep: null,
      sources: [],
      params: {},
    };
  return { run, name: (runId) => run(runId).name };
}
