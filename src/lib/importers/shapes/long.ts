/** Long tables: one logged value per row, with the metric's name in a column. */

import { toUnixSeconds, type LongColumns } from '../columns';
import type { TableSource } from '../table';
import type { ReadContext } from '../types';
import { readOptional, readStep } from './steps';

export async function readLongTable(
  table: TableSource,
  cols: LongColumns,
  fileRun: { key: string; name: string },
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  const runs = new Map<string, number>();
  const metrics = new Map<string, number>();
  const counters = new Map<string, number>();
  let emptyValues = 0;
  let fileRunHandle = -1;
  if (cols.step < 0 && cols.epoch < 0) {
    report.warn('There is no step column: steps are the order of the rows, per run and metric, from 0.');
  }
  await table.rows(ctx, (row) => {
    let run: number;
    if (cols.run >= 0) {
      if (row.isEmpty(cols.run)) return report.reject(row.line, 'no run name');
      const name = row.intern(cols.run);
      let handle = runs.get(name);
      if (handle === undefined) {
        handle = sink.run(`run:${name}`, name);
        runs.set(name, handle);
      }
      run = handle;
    } else {
      if (fileRunHandle < 0) fileRunHandle = sink.run(fileRun.key, fileRun.name);
      run = fileRunHandle;
    }
    if (row.isEmpty(cols.metric)) return report.reject(row.line, 'no metric name');
    const name = row.intern(cols.metric);
    let metric = metrics.get(name);
    if (metric === undefined) {
      metric = sink.metric(name);
      metrics.set(name, metric);
    }
    if (row.isEmpty(cols.value)) {
      emptyValues++;
      return;
    }
    const value = row.num(cols.value);
    if (value === undefined) return report.reject(row.line, 'the value is not a number');
    let step: number | string;
    if (cols.step < 0 && cols.epoch < 0) {
      const counterKey = `${run}\u0000${metric}`;
      step = counters.get(counterKey) ?? 0;
      counters.set(counterKey, step + 1);
    } else {
      step = readStep(row, cols.step, cols.epoch);
      if (typeof step === 'string') return report.reject(row.line, step);
    }
    const epoch = readOptional(row, cols.epoch);
    const wall = cols.wall >= 0 && !row.isEmpty(cols.wall) ? toUnixSeconds(row.num(cols.wall), () => row.text(cols.wall)) : undefined;
    sink.point(run, metric, step, value, epoch, wall);
  });
  if (emptyValues > 0) {
    report.warn(`${emptyValues.toLocaleString('en-US')} rows have an empty value and hold no point.`);
  }
}
