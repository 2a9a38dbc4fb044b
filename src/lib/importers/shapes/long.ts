/** Long tables: one logged value per row, with the metric's name in a column. */

import { toUnixSeconds, type LongColumns } from '../columns';
import type { RowView, TableSource } from '../table';
import type { ReadContext } from '../types';
import { readOptional, readStep } from './steps';

/**
 * Rows that number the distinct values of a column (CSV rows do): a run or metric is then found
 * by its number instead of by its name.
 */
interface NumberedRow extends RowView {
  internId?(col: number): number;
  internText?(col: number, id: number): string;
}

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
    report.warn(
      'There is no step column: steps are the order of the rows, per run and metric, from 0.',
    );
  }
  // Handles by the row's number for the value (see NumberedRow); -1 when not yet known.
  const runById: number[] = [];
  const metricById: number[] = [];
  await table.rows(ctx, (row: NumberedRow) => {
    let run: number;
    if (cols.run >= 0) {
      if (row.isEmpty(cols.run)) return report.reject(row.line, 'no run name');
      const id = row.internId ? row.internId(cols.run) : -1;
      let handle = id >= 0 && id < runById.length ? runById[id] : -1;
      if (handle < 0) {
        const name =
          id >= 0 && row.internText ? row.internText(cols.run, id) : row.intern(cols.run);
        handle = runs.get(name) ?? -1;
        if (handle < 0) {
          handle = sink.run(`run:${name}`, name);
          runs.set(name, handle);
        }
        if (id >= 0) setAt(runById, id, handle);
      }
      run = handle;
    } else {
      if (fileRunHandle < 0) fileRunHandle = sink.run(fileRun.key, fileRun.name);
      run = fileRunHandle;
    }
    if (row.isEmpty(cols.metric)) return report.reject(row.line, 'no metric name');
    const metricId = row.internId ? row.internId(cols.metric) : -1;
    let metric = metricId >= 0 && metricId < metricById.length ? metricById[metricId] : -1;
    if (metric < 0) {
      const name =
        metricId >= 0 && row.internText
          ? row.internText(cols.metric, metricId)
          : row.intern(cols.metric);
      metric = metrics.get(name) ?? -1;
      if (metric < 0) {
        metric = sink.metric(name);
        metrics.set(name, metric);
      }
      if (metricId >= 0) setAt(metricById, metricId, metric);
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
    const wall =
      cols.wall >= 0 && !row.isEmpty(cols.wall)
        ? toUnixSeconds(row.num(cols.wall), () => row.text(cols.wall))
        : undefined;
    sink.point(run, metric, step, value, epoch, wall);
  });
  if (emptyValues > 0) {
    report.warn(
      `${emptyValues.toLocaleString('en-US')} rows have an empty value and hold no point.`,
    );
  }
}

/** `list[i] = value`, filling any gap with -1 so the array stays packed. */
function setAt(list: number[], i: number, value: number): void {
  while (list.length < i) list.push(-1);
  list[i] = value;
}
