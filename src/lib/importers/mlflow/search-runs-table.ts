/**
 * The runs table of `mlflow.search_runs()` written by pandas' `to_csv` (also what `mlflow
 * experiments csv` writes): `run_id, experiment_id, status, artifact_uri, start_time, end_time`,
 * then `metrics.<k>`, `params.<k>`, `tags.<k>`. Metrics are the runs' latest values, so they go to
 * `summary`: the table does not say at which step they were logged.
 */

import type { TableSource } from '../table';
import type { ReadContext } from '../types';
import { isoTime, mlflowRunKey, mlflowTime, RUN_NAME_TAG, runState } from './run-fields';

type Role =
  | { kind: 'run-id' | 'experiment' | 'status' | 'name' | 'index' }
  | { kind: 'time' | 'param' | 'summary' | 'meta'; key: string };

const PREFIXES = [
  ['params.', 'param'],
  ['metrics.', 'summary'],
  ['tags.', 'meta'],
] as const;

export function isSearchRunsHeader(header: readonly string[]): boolean {
  const names = header.map((h) => h.trim());
  if (!names.includes('run_id')) return false;
  return (
    names.some((n) => PREFIXES.some(([p]) => n.startsWith(p))) ||
    (names.includes('experiment_id') && names.includes('artifact_uri'))
  );
}

function roleOf(name: string, index: number): Role {
  if (name === 'run_id') return { kind: 'run-id' };
  if (name === 'experiment_id') return { kind: 'experiment' };
  if (name === 'status') return { kind: 'status' };
  if (name === 'run_name' || name === `tags.${RUN_NAME_TAG}`) return { kind: 'name' };
  if (name === 'start_time' || name === 'end_time') return { kind: 'time', key: name };
  // pandas writes its row index first, under an empty name, unless told `index=False`.
  if (index === 0 && (name === 'column 1' || name === 'Unnamed: 0')) return { kind: 'index' };
  for (const [prefix, kind] of PREFIXES)
    if (name.startsWith(prefix)) return { kind, key: name.slice(prefix.length) };
  return { kind: 'meta', key: name };
}

export async function readSearchRunsTable(table: TableSource, ctx: ReadContext): Promise<void> {
  const { sink, report } = ctx;
  report.format = 'MLflow runs CSV (search_runs)';
  const roles = table.columns.map((c, i) => roleOf(c.trim(), i));
  const find = (kind: Role['kind']) => roles.findIndex((r) => r.kind === kind);
  const [runIdCol, experimentCol, statusCol, nameCol] = [
    find('run-id'),
    find('experiment'),
    find('status'),
    find('name'),
  ];
  const startCol = table.columns.findIndex((c) => c.trim() === 'start_time');
  if (find('index') >= 0) report.warn("Column 1 is pandas' row index; it was not read.");
  const seen = new Set<string>();
  await table.rows(ctx, (row) => {
    const text = (c: number) => (c >= 0 ? row.text(c) : '');
    const runId = text(runIdCol).trim();
    if (runId === '') return report.reject(row.line, 'no run_id');
    if (seen.has(runId)) report.warn(`Run ${runId} appears on more than one row; later rows win.`);
    seen.add(runId);
    const name = text(nameCol);
    const experiment = text(experimentCol).trim();
    const run = sink.run(mlflowRunKey(runId), name === '' ? runId : name, {
      provisionalName: name === '',
      state: runState(text(statusCol)),
      createdAt: mlflowTime(text(startCol)),
      ...(experiment !== '' ? { project: experiment } : {}),
    });
    roles.forEach((role, c) => {
      if (!('key' in role)) return;
      const value = row.text(c);
      if (value === '') return;
      if (role.kind === 'time') {
        const seconds = mlflowTime(value);
        sink.meta(run, role.key, seconds === undefined ? value : isoTime(seconds));
      } else if (role.kind === 'param') sink.param(run, role.key, value);
      else if (role.kind === 'summary') sink.summary(run, role.key, value);
      else sink.meta(run, role.key, value);
    });
  });
}
