/** Decodes the runs table the worker sends (Arrow IPC) into rows for the page. */

import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import { stringValues } from './arrow-strings';
import type { RunsTableIPC } from './api';
import { ParamColumns, paramsAt, type Params } from './run-params';

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
  params: Params;
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
  if (DataType.isUtf8(vector.type)) return stringValues(vector);
  // Numbers without nulls straight from their buffer: iterating a vector reads it value by value.
  if (vector.nullCount === 0 && DataType.isInt(vector.type) && vector.type.bitWidth <= 32)
    return Array.from(vector.toArray() as Int32Array);
  return [...vector];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Newline-separated lists (sources, metric names) as arrays, one array per distinct text: the runs
 * of a sweep share theirs, so 10,000 runs make one array, not 10,000. Never mutated.
 */
function linesOf(): (v: unknown) => string[] {
  const seen = new Map<string, string[]>();
  return (v) => {
    if (!v) return [];
    const text = String(v);
    let list = seen.get(text);
    if (!list) seen.set(text, (list = text.split('\n')));
    return list;
  };
}

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
  const keyTable = tableFromIPC(ipc.paramKeys);
  const paramKeys = stringValues(keyTable.getChild('key')).map(String);
  const numeric = [...(keyTable.getChild('numeric') ?? [])];
  // Cells stay in their Arrow column; runs find theirs by position (see run-params.ts).
  const cells = tableFromIPC(ipc.params);
  const position = new Map(ids.map((id, i) => [Number(id), i]));
  const cellRuns = cells.getChild('run_id')?.toArray() as Int32Array | undefined;
  const columns = new ParamColumns(paramKeys, ids.length, {
    position: Int32Array.from(cellRuns ?? [], (id) => position.get(id) ?? -1),
    key: (cells.getChild('key_index')?.toArray() as Int32Array | undefined) ?? new Int32Array(0),
    values: cells.getChild('value'),
  });
  const lines = linesOf();
  const runs: RunRow[] = ids.map((id, i) => ({
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
    params: paramsAt(columns, i),
  }));
  return {
    runs,
    paramKeys,
    numericKeys: paramKeys.filter((_, k) => numeric[k] === true),
  };
}
