/** Wide tables: a step column and one column per metric; an empty cell means "not logged". */

import { toUnixSeconds, type WideColumns } from '../columns';
import type { RowView, TableSource } from '../table';
import type { ReadContext } from '../types';
import { readOptional, readStep } from './steps';

const LINES_KEPT = 20;

/** What a column turned out to hold, learnt while streaming. */
interface ColumnFacts {
  metric: number;
  numbers: number;
  texts: number;
  textLines: number[];
  firstText: string;
  /** Per run: its one text value, or `null` once it varies. */
  textByRun: Map<number, string | null>;
}

export async function readWideTable(
  table: TableSource,
  cols: WideColumns,
  fileRun: { key: string; name: string },
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  const reserved = new Set([cols.run, cols.step, cols.epoch, cols.wall]);
  const names = table.columns;
  const valueCols = names.map((_, i) => i).filter((i) => !reserved.has(i));
  const facts: ColumnFacts[] = names.map(() => ({
    metric: -1,
    numbers: 0,
    texts: 0,
    textLines: [],
    firstText: '',
    textByRun: new Map(),
  }));
  const runs = new Map<string, number>();
  let fileRunHandle = -1;

  const runOf = (row: RowView): number | string => {
    if (cols.run < 0) {
      if (fileRunHandle < 0) fileRunHandle = sink.run(fileRun.key, fileRun.name);
      return fileRunHandle;
    }
    if (row.isEmpty(cols.run)) return 'no run name';
    const name = row.intern(cols.run);
    let handle = runs.get(name);
    if (handle === undefined) {
      handle = sink.run(`run:${name}`, name);
      runs.set(name, handle);
    }
    return handle;
  };

  await table.rows(ctx, (row) => {
    const run = runOf(row);
    if (typeof run === 'string') return report.reject(row.line, run);
    const step = readStep(row, cols.step, cols.epoch);
    if (typeof step === 'string') return report.reject(row.line, step);
    const epoch = readOptional(row, cols.epoch);
    const wall =
      cols.wall >= 0 && !row.isEmpty(cols.wall)
        ? toUnixSeconds(row.num(cols.wall), () => row.text(cols.wall))
        : undefined;
    for (const col of valueCols) {
      if (row.isEmpty(col)) continue;
      const f = facts[col];
      const value = row.num(col);
      if (value !== undefined) {
        if (f.metric < 0) f.metric = sink.metric(names[col]);
        f.numbers++;
        sink.point(run, f.metric, step, value, epoch, wall);
        continue;
      }
      const text = row.text(col);
      if (f.texts === 0) f.firstText = text;
      f.texts++;
      if (f.textLines.length < LINES_KEPT) f.textLines.push(row.line);
      const seen = f.textByRun.get(run);
      if (seen === undefined) f.textByRun.set(run, text);
      else if (seen !== null && seen !== text) f.textByRun.set(run, null);
    }
  });

  for (const col of valueCols) {
    const f = facts[col];
    if (f.texts === 0) continue;
    const name = names[col];
    if (f.numbers > 0) {
      report.rejectMany(
        `column "${name}": not a number (e.g. ${JSON.stringify(f.firstText)})`,
        f.textLines,
        f.texts,
      );
      continue;
    }
    const constant = [...f.textByRun.values()].every((v) => v !== null);
    if (constant) {
      for (const [run, value] of f.textByRun) sink.param(run, name, value);
      report.warn(
        `Column "${name}" holds text that is constant within each run: kept as a hyperparameter.`,
      );
    } else {
      report.warn(
        `Column "${name}" holds text that changes within a run (${f.texts.toLocaleString('en-US')} cells): it is not a metric and was not loaded.`,
      );
    }
  }
}
