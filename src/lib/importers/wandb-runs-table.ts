/**
 * A W&B project's runs table exported as CSV ("Export as CSV" above the runs table): one row per
 * run, the run's own columns first, then its config (→ params), then its summary (→ summary).
 *
 * Run identity: the run's W&B id when the `ID` column was visible (`wandb:<id>`, merging with the
 * run's folder files); otherwise its name, `run:<Name>` — the key every table that names runs uses,
 * so the row merges with the same run's line-plot export and a history CSV saved under its name.
 * W&B names are not unique: a name met again in the file is a different run, keyed `run:<Name>#2`.
 */

import { csvTable, probeHeader } from './csv/csv-table';
import { UnreadableError } from './shapes/read-shape';
import type { RowView } from './table';
import type { Importer, ReadContext, RunInfo } from './types';
import { isoToUnixSeconds } from './wandb/iso-time';
import {
  isRunsTableHeader,
  runsTableColumns,
  type RunsTableColumns,
} from './wandb/runs-table-columns';
import { wandbRunKey } from './wandb/run-path';

/** What the W&B UI writes in the Notes column of a run without notes. */
const NO_NOTES = '-';

export const wandbRunsTableImporter: Importer = {
  id: 'wandb-runs-table',
  sniff(probe) {
    if (probe.binary) return 0;
    const header = probeHeader(probe)?.header;
    return header && isRunsTableHeader(header) ? 0.95 : 0;
  },
  async read(file, ctx) {
    const header = probeHeader(ctx.probe)?.header;
    const table = csvTable(file, ctx.probe);
    if (!header || !table) throw new UnreadableError('The file has no header row.');
    ctx.report.format = 'W&B runs table export (CSV)';
    const cols = runsTableColumns(header);
    describeSplit(cols, header, ctx);
    const seen = new Map<string, number>();
    await table.rows(ctx, (row) => readRun(row, cols, header, seen, ctx));
  },
};

function readRun(
  row: RowView,
  cols: RunsTableColumns,
  header: readonly string[],
  seen: Map<string, number>,
  ctx: ReadContext,
): void {
  const { sink, report } = ctx;
  const cell = (col: number) => (row.isEmpty(col) ? null : row.text(col));
  const info: RunInfo = {};
  const meta: { key: string; value: string }[] = [];
  let name: string | null = null;
  let id: string | null = null;
  let runtime: string | null = null;
  for (const { column, role } of cols.system) {
    const text = cell(column);
    if (text === null) continue;
    if (role === 'name') name = text;
    else if (role === 'id') id = text;
    else if (role === 'state') info.state = text.trim().toLowerCase();
    else if (role === 'group') info.group = text;
    else if (role === 'runtime') runtime = text;
    else if (role === 'tags')
      info.tags = text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    else if (role === 'created') info.createdAt = isoToUnixSeconds(text) ?? null;
    else if (!(role.meta === 'notes' && text === NO_NOTES))
      meta.push({ key: role.meta, value: text });
  }
  if (name === null && id === null) return report.reject(row.line, 'no run name');
  const shown = name ?? id ?? '';
  const key = runKey(shown, id, seen, report.warn.bind(report));
  const run = sink.run(key, shown, info);
  for (const m of meta) sink.meta(run, m.key, m.value);
  if (runtime !== null) sink.summary(run, '_runtime', runtime);
  for (const col of cols.config) {
    const text = cell(col);
    if (text !== null) sink.param(run, header[col], text);
  }
  for (const col of cols.summary) {
    const text = cell(col);
    if (text !== null) sink.summary(run, header[col], text);
  }
}

function runKey(
  name: string,
  id: string | null,
  seen: Map<string, number>,
  warn: (m: string) => void,
): string {
  const base = id !== null ? wandbRunKey(id) : `run:${name}`;
  const count = (seen.get(base) ?? 0) + 1;
  seen.set(base, count);
  if (count === 1) return base;
  if (id !== null) {
    warn(`Run id "${id}" appears on more than one row; the later row's values win.`);
    return base;
  }
  warn(
    `The name "${name}" is on more than one row: W&B names are not unique, so each row is its own run (keyed "${base}#${count}").`,
  );
  return `${base}#${count}`;
}

function describeSplit(cols: RunsTableColumns, header: readonly string[], ctx: ReadContext): void {
  if (cols.config.length + cols.summary.length === 0) return;
  const first = cols.summary.length > 0 ? `"${header[cols.summary[0]]}"` : 'none';
  if (cols.rule === 'order') {
    ctx.report.warn(
      `Config and summary columns told apart by W&B's order (each block sorted by name): ${cols.config.length} config columns, ` +
        `then ${cols.summary.length} summary columns from ${first} on.`,
    );
  } else {
    ctx.report.warn(
      `The columns are not in W&B's usual order (config then summary, each sorted by name), so their names decided: ` +
        `${cols.config.length} config columns, ${cols.summary.length} summary columns (metric-like names such as ${first}). Check them.`,
    );
  }
}
