/**
 * A W&B run history saved as CSV (`run.history().to_csv()` or `run.scan_history()` through
 * pandas): one row per `wandb.log` call, `_step` its step, `_timestamp` its wall time in unix
 * seconds, `_runtime` the seconds since the run started, and one column per logged key, empty
 * where the key was not logged on that row.
 */

import { findColumn, runNameFromPath } from './columns';
import { csvTable, probeHeader } from './csv/csv-table';
import { basename } from './paths';
import { readWideTable } from './shapes/wide';
import { UnreadableError } from './shapes/read-shape';
import type { TableSource } from './table';
import type { Importer, ReadContext, RunInfo } from './types';
import { looksLikeGeneratedId, runFolderOf, wandbRunKey } from './wandb/run-path';
import { withoutColumn } from './wandb/without-column';

/** `run.history()` returns this many rows unless told otherwise, sampled from the whole run. */
const HISTORY_DEFAULT_SAMPLES = 500;

/** What pandas calls its row index: no name when written, `Unnamed: 0` once read back and rewritten. */
const PANDAS_INDEX = /^(|Unnamed: 0)$/;

/** Columns that mark a table of runs (one row per run), not a run's history. */
const NOT_HISTORY = new Set(['_wandb', 'name', 'id', 'run', 'run_id', 'run_name']);

export const wandbHistoryImporter: Importer = {
  id: 'wandb-history',
  sniff(probe) {
    if (probe.binary) return 0;
    const text = probe.headText.trimStart();
    if (text.startsWith('{') || text.startsWith('[')) return 0;
    const header = probeHeader(probe)?.header.map((c) => c.trim());
    if (!header || !header.includes('_step')) return 0;
    if (!header.includes('_runtime') && !header.includes('_timestamp')) return 0;
    if (header.some((c) => NOT_HISTORY.has(c.toLowerCase()))) return 0;
    return 0.9;
  },
  async read(file, ctx) {
    const raw = probeHeader(ctx.probe)?.header ?? [];
    const full = csvTable(file, ctx.probe);
    if (!full) throw new UnreadableError('The file has no header row.');
    ctx.report.format = 'W&B run history (CSV)';
    const hasIndex = raw.length > 1 && PANDAS_INDEX.test(raw[0].trim());
    const table = hasIndex ? withoutColumn(full, 0) : full;
    if (hasIndex)
      ctx.report.warn("The first column is pandas' row index: it is not data and was not loaded.");
    await readHistory(table, historyRun(file.name, ctx), ctx);
  },
};

/** Reads a history table whose `_step` column is the step: the CSV's, or legacy `wandb-history.jsonl`'s. */
export async function readHistory(
  table: TableSource,
  run: HistoryRun,
  ctx: ReadContext,
): Promise<void> {
  const columns = table.columns;
  const step = columns.indexOf('_step');
  if (step < 0) throw new UnreadableError('The file has no _step column.');
  const wall = columns.indexOf('_timestamp');
  const epoch = findColumn(columns, 'epoch', [step, wall]);
  ctx.sink.run(run.key, run.name, run.info);

  let rows = 0;
  let firstStep = Infinity;
  let lastStep = -Infinity;
  const counted: TableSource = {
    ...table,
    rows: (c, onRow) =>
      table.rows(c, (row) => {
        rows++;
        const s = row.num(step);
        if (s !== undefined) {
          firstStep = Math.min(firstStep, s);
          lastStep = Math.max(lastStep, s);
        }
        onRow(row);
      }),
  };
  await readWideTable(counted, { shape: 'wide', run: -1, step, epoch, wall }, run, ctx);

  const system = columns.filter((c, i) => c.startsWith('_') && i !== step && i !== wall);
  if (system.length > 0) {
    ctx.report.warn(
      `W&B system columns kept as metrics: ${system.join(', ')}` +
        (system.includes('_runtime')
          ? ' (_runtime counts seconds of running, across resumes; wall time does not).'
          : '.'),
    );
  }
  if (rows === HISTORY_DEFAULT_SAMPLES && lastStep - firstStep + 1 > rows) {
    ctx.report.warn(
      `The file has exactly ${HISTORY_DEFAULT_SAMPLES} rows spread over steps ${firstStep}–${lastStep}: it is probably ` +
        `W&B's sampled history (run.history() returns ${HISTORY_DEFAULT_SAMPLES} rows by default), not every logged row. ` +
        'run.scan_history() gives them all.',
    );
  }
}

export interface HistoryRun {
  key: string;
  name: string;
  info: RunInfo;
}

/** The run a history file stands for: a W&B run id when its path names one, else its name. */
function historyRun(path: string, ctx: ReadContext): HistoryRun {
  const folder = runFolderOf(path);
  if (folder)
    return { key: wandbRunKey(folder.id), name: folder.id, info: { provisionalName: true } };
  const stem = basename(path).replace(/\.(csv|tsv|txt)$/i, '');
  if (looksLikeGeneratedId(stem)) {
    ctx.report.warn(
      `The file name "${stem}" looks like a W&B run id: the run is keyed by it and merges with that run's folder files.`,
    );
    return { key: wandbRunKey(stem), name: stem, info: { provisionalName: true } };
  }
  const name = runNameFromPath(path);
  return { key: `run:${name}`, name, info: {} };
}
