/** Decodes the runs table the worker sends (Arrow IPC) into rows for the page. */

import { tableFromIPC, type Table } from 'apache-arrow';
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

type Column = unknown[];

/** A column of an Arrow table as a plain array (much faster than a row proxy per row). */
function column(table: Table, name: string): Column {
  const vector = table.getChild(name);
  return vector ? [...vector] : new Array(table.numRows).fill(null);
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const lines = (v: unknown): string[] => (v ? String(v).split('\n') : []);

export function decodeRunsTable(ipc: RunsTableIPC): RunsTable {
  const table = tableFromIPC(ipc.runs);
  const [ids, keys, names, states, sources, formats, metrics, points, lastSteps, metricNames] = [
    'run_id',
    'run_key',
    'name',
    'state',
    'sources',
    'formats',
    'metrics',
    'points',
    'last_step',
    'metric_names',
  ].map((c) => column(table, c));
  const byId = new Map<number, RunRow>();
  const runs: RunRow[] = ids.map((id, i) => {
    const run: RunRow = {
      runId: Number(id),
      runKey: String(keys[i]),
      name: String(names[i]),
      state: states[i] === null ? null : String(states[i]),
      sources: lines(sources[i]),
      formats: String(formats[i] ?? ''),
      metrics: Number(metrics[i]),
      points: Number(points[i]),
      lastStep: num(lastSteps[i]),
      metricNames: lines(metricNames[i]),
      params: {},
    };
    byId.set(run.runId, run);
    return run;
  });
  const params = tableFromIPC(ipc.params);
  const [runIds, paramKeys, values] = ['run_id', 'key', 'value'].map((c) => column(params, c));
  const seen = new Set<string>();
  for (let i = 0; i < runIds.length; i++) {
    const run = byId.get(Number(runIds[i]));
    if (!run) continue;
    const key = String(paramKeys[i]);
    seen.add(key);
    run.params[key] = values[i] === null ? null : String(values[i]);
  }
  return { runs, paramKeys: [...seen] };
}
