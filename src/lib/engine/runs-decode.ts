/** Decodes the runs table the worker sends (Arrow IPC) into rows for the page. */

import { tableFromIPC } from 'apache-arrow';
import type { RunsTableIPC } from './api';

export interface RunRow {
  runId: number;
  runKey: string;
  name: string;
  state: string | null;
  sources: string[];
  formats: string;
  metrics: number;
  points: number;
  lastStep: number | null;
  metricNames: string[];
  params: Record<string, string | null>;
}

export interface RunsTable {
  runs: RunRow[];
  /** Every hyperparameter key, in a stable order. */
  paramKeys: string[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function decodeRunsTable(ipc: RunsTableIPC): RunsTable {
  const byId = new Map<number, RunRow>();
  const runs: RunRow[] = [];
  for (const row of tableFromIPC(ipc.runs)) {
    const r = row.toJSON();
    const run: RunRow = {
      runId: Number(r.run_id),
      runKey: String(r.run_key),
      name: String(r.name),
      state: r.state === null ? null : String(r.state),
      sources: String(r.sources).split('\n').filter(Boolean),
      formats: String(r.formats),
      metrics: Number(r.metrics),
      points: Number(r.points),
      lastStep: num(r.last_step),
      metricNames: String(r.metric_names).split('\n').filter(Boolean),
      params: {},
    };
    byId.set(run.runId, run);
    runs.push(run);
  }
  const keys = new Set<string>();
  for (const row of tableFromIPC(ipc.params)) {
    const p = row.toJSON();
    const run = byId.get(Number(p.run_id));
    if (!run) continue;
    const key = String(p.key);
    keys.add(key);
    run.params[key] = p.value === null ? null : String(p.value);
  }
  return { runs, paramKeys: [...keys] };
}
