/**
 * The MLflow UI's "Download CSV": `Start Time, Duration, Run ID, Name, Source Type, Source Name,
 * User, Status`, then parameters, metrics and tags under their bare names (see ui-columns.ts).
 * Metrics are the runs' latest values, so they go to `summary`: the file does not say at which step.
 */

import type { TableSource } from '../table';
import type { ReadContext } from '../types';
import { mlflowRunKey, mlflowTime, runState } from './run-fields';
import { classifyUiColumns, unguard, type UiColumnKind } from './ui-columns';

const FIXED = [
  'Start Time',
  'Duration',
  'Run ID',
  'Name',
  'Source Type',
  'Source Name',
  'User',
  'Status',
];
const META_BY_FIXED: Record<string, string> = {
  Duration: 'duration',
  'Source Type': 'mlflow.source.type',
  'Source Name': 'mlflow.source.name',
  User: 'mlflow.user',
};

export function isUiRunsHeader(header: readonly string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return (
    names.has('Run ID') && names.has('Status') && FIXED.filter((f) => names.has(f)).length >= 5
  );
}

function listNames(names: string[]): string {
  const shown = names
    .slice(0, 8)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} in all)` : shown;
}

function describeKinds(names: string[], kinds: UiColumnKind[]): string {
  const of = (kind: UiColumnKind) => names.filter((_, i) => kinds[i] === kind);
  const parts = [
    ['parameters', of('param')],
    ['metrics (latest values, kept as the run summary)', of('metric')],
    ['tags', of('tag')],
  ] as const;
  const read = parts
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) => `as ${label}: ${listNames(list)}`);
  const noBoundary = kinds.every((k) => k === 'param')
    ? ' The names are sorted as one group, so nothing marks where parameters end.'
    : '';
  return (
    "MLflow's CSV does not label its columns; it writes parameters, then metrics, then tags, each group sorted by name. " +
    `Read ${read.join('; ')}.${noBoundary}`
  );
}

/** `rawHeader`: the header as written, before duplicate names were renamed (a param and a metric may share a name). */
export async function readUiRunsTable(
  table: TableSource,
  rawHeader: readonly string[],
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  report.format = 'MLflow UI runs CSV';
  const header = rawHeader.map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const fixed = new Set(FIXED.map(col).filter((i) => i >= 0));
  const bare = header.map((_, i) => i).filter((i) => !fixed.has(i));
  const rows: { line: number; cells: string[] }[] = [];
  await table.rows(ctx, (row) => {
    rows.push({
      line: row.line,
      cells: header.map((_, c) => (fixed.has(c) ? row.text(c) : unguard(row.text(c)))),
    });
  });
  const names = bare.map((i) => header[i]);
  const kinds = classifyUiColumns(
    names,
    bare.map((c) => rows.map((r) => r.cells[c])),
  );
  if (bare.length > 0) report.warn(describeKinds(names, kinds));

  const [runIdCol, nameCol, statusCol, startCol] = [
    col('Run ID'),
    col('Name'),
    col('Status'),
    col('Start Time'),
  ];
  const seen = new Set<string>();
  for (const { line, cells } of rows) {
    const runId = cells[runIdCol].trim();
    if (runId === '') {
      report.reject(line, 'no run id');
      continue;
    }
    if (seen.has(runId)) report.warn(`Run ${runId} appears on more than one row; later rows win.`);
    seen.add(runId);
    const name = nameCol >= 0 ? cells[nameCol] : '';
    const start = startCol >= 0 ? mlflowTime(cells[startCol]) : undefined;
    const run = sink.run(mlflowRunKey(runId), name === '' ? runId : name, {
      provisionalName: name === '',
      state: statusCol >= 0 ? runState(cells[statusCol]) : undefined,
      createdAt: start,
    });
    if (start !== undefined) {
      report.warn(
        "Start Time has no time zone (the UI writes the exporting browser's local time); it was read as local time here.",
      );
    }
    for (const [label, key] of Object.entries(META_BY_FIXED)) {
      const c = col(label);
      if (c >= 0 && cells[c] !== '') sink.meta(run, key, cells[c]);
    }
    bare.forEach((c, i) => {
      const value = cells[c];
      if (value === '') return;
      if (kinds[i] === 'param') sink.param(run, names[i], value);
      else if (kinds[i] === 'metric') sink.summary(run, names[i], value);
      else sink.meta(run, names[i], value);
    });
  }
}
