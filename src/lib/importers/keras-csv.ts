/**
 * Keras' CSVLogger: `epoch` first (0-based), then the logs' keys in sorted order, `NA` where a key
 * is missing. With `append=True` every later `fit()` appends rows whose epochs start again at 0:
 * each restart begins a new segment of the same run, whose steps continue after the previous
 * segment's last step (the `epoch` of a point stays the epoch as written).
 */

import { findColumn, runNameFromPath } from './columns';
import { csvTable, probeHeader } from './csv/csv-table';
import { UnreadableError } from './shapes/read-shape';
import type { Importer, ReadContext } from './types';
import type { TableSource } from './table';

const LINES_SHOWN = 20;

interface Segment {
  line: number;
  firstStep: number;
}

interface TextCells {
  count: number;
  first: string;
}

export const kerasCsvImporter: Importer = {
  id: 'keras-csv',
  sniff(probe) {
    if (probe.binary) return 0;
    const start = probe.headText.trimStart();
    if (start.startsWith('{') || start.startsWith('[')) return 0;
    const found = probeHeader(probe);
    if (!found || found.header.length < 2) return 0;
    const columns = found.header.map((h) => h.trim());
    if (
      columns[0] !== 'epoch' ||
      findColumn(columns, 'step') >= 0 ||
      findColumn(columns, 'run') >= 0
    )
      return 0;
    return 0.9;
  },
  async read(file, ctx) {
    const table = csvTable(file, ctx.probe);
    if (!table) throw new UnreadableError('The file has no header row.');
    if (table.columns[0] !== 'epoch')
      throw new UnreadableError('The first column is not "epoch", as Keras\' CSVLogger writes it.');
    ctx.report.format = 'Keras CSVLogger';
    await readEpochRows(table, { key: `file:${file.name}`, name: runNameFromPath(file.name) }, ctx);
  },
};

async function readEpochRows(
  table: TableSource,
  fileRun: { key: string; name: string },
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  const names = table.columns;
  const metrics = names.map(() => -1);
  const texts = new Map<number, TextCells>();
  const segments: Segment[] = [];
  let goesBack: { line: number; from: number; to: number } | null = null;
  let goesBackCount = 0;
  let run = -1;
  let offset = 0;
  let lastEpoch = -1;
  let lastStep = -1;

  await table.rows(ctx, (row) => {
    if (row.isEmpty(0)) return report.reject(row.line, 'no epoch');
    const epoch = row.num(0);
    if (epoch === undefined) return report.reject(row.line, 'the epoch is not a number');
    if (!Number.isSafeInteger(epoch) || epoch < 0)
      return report.reject(row.line, 'the epoch is not a whole number');
    if (segments.length === 0 || (epoch === 0 && lastEpoch >= 0)) {
      offset = lastStep + 1;
      segments.push({ line: row.line, firstStep: offset });
    } else if (epoch <= lastEpoch) {
      goesBack ??= { line: row.line, from: lastEpoch, to: epoch };
      goesBackCount++;
    }
    if (run < 0) run = sink.run(fileRun.key, fileRun.name);
    const step = offset + epoch;
    lastEpoch = epoch;
    lastStep = Math.max(lastStep, step);
    for (let col = 1; col < names.length; col++) {
      if (row.isEmpty(col)) continue;
      const value = row.num(col);
      if (value !== undefined) {
        if (metrics[col] < 0) metrics[col] = sink.metric(names[col]);
        sink.point(run, metrics[col], step, value, epoch);
        continue;
      }
      const seen = texts.get(col) ?? { count: 0, first: row.text(col) };
      seen.count++;
      texts.set(col, seen);
    }
  });

  for (const [col, seen] of texts) {
    report.warn(
      `Column "${names[col]}" holds text, not numbers, in ${seen.count.toLocaleString('en-US')} rows (e.g. ${JSON.stringify(seen.first)}): those cells were not loaded.`,
    );
  }
  if (goesBack) {
    const { from, to, line } = goesBack;
    const more = goesBackCount > 1 ? ` (and ${goesBackCount - 1} more times)` : '';
    report.warn(
      `The epoch goes back from ${from} to ${to} on line ${line}${more} without restarting at 0 (training resumed with initial_epoch?): a repeated epoch's later row replaces the earlier one.`,
    );
  }
  if (segments.length > 1 && run >= 0) {
    const restarts = segments.slice(1);
    const starts =
      restarts
        .slice(0, LINES_SHOWN)
        .map((s) => s.line)
        .join(', ') + (restarts.length > LINES_SHOWN ? ', …' : '');
    report.warn(
      `The epoch column restarts at 0 on line${segments.length > 2 ? 's' : ''} ${starts} (CSVLogger with append=True, fit() called again): ` +
        `${segments.length} segments, read as one run whose steps continue after the previous segment's last step; ` +
        `each point keeps the epoch as written. If the segments are separate trainings, split the file.`,
    );
    sink.meta(
      run,
      'keras.segments',
      JSON.stringify(segments.map((s) => ({ line: s.line, first_step: s.firstStep }))),
    );
  }
}
