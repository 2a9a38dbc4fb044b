/** Decodes the runs table the worker sends (Arrow IPC) into rows for the page. */

import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import { stringValues } from './arrow-strings';
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
  /** Keys whose every value is a number (empty values aside), so they sort and align as numbers. */
  numericKeys: string[];
}

type Column = unknown[];

/** A column of an Arrow table as a plain array (much faster than a row proxy per row). */
function column(table: Table, name: string): Column {
  const vector = table.getChild(name);
  if (!vector) return new Array(table.numRows).fill(null);
  return DataType.isUtf8(vector.type) ? stringValues(vector) : [...vector];
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
  // Per key: true while every value seen is a number, false once one is not; absent until a value.
  const numeric = new Map<string, boolean>();
  const seen = new Set<string>();
  for (let i = 0; i < runIds.length; i++) {
    const run = byId.get(Number(runIds[i]));
    if (!run) continue;
    const key = String(paramKeys[i]);
    seen.add(key);
    const value = values[i] === null ? null : String(values[i]);
    run.params[key] = value;
    if (value === null || value === '' || numeric.get(key) === false) continue;
    numeric.set(key, Number.isFinite(Number(value)));
  }
  return {
    runs,
    paramKeys: [...seen],
    numericKeys: [...numeric].filter(([, n]) => n).map(([k]) => k),
  };
}
