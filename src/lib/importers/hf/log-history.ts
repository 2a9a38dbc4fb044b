/**
 * `log_history` of a `trainer_state.json`: train rows (`loss`, `learning_rate`, `grad_norm`…),
 * eval rows (`eval_*`) and test rows become points at their `step`, with their float `epoch`; the
 * row `train()` logs when it ends (`train_runtime`, `train_loss`, `total_flos`…) is a summary.
 */

import type { ReadContext } from '../types';
import { isJsonObject, jsonNumber, jsonScalar, type Json, type JsonObject } from './json-object';

/** The row `Trainer.train()` logs once at its end carries the run's totals, not a point. */
export function isTrainSummaryRow(row: JsonObject): boolean {
  return 'train_runtime' in row;
}

const POSITION_KEYS = new Set(['step', 'epoch']);

interface Skipped {
  count: number;
  first: string;
}

/**
 * Writes the points of the history to `run` and returns the end-of-training rows' values (the
 * later row wins when `train()` ran twice), without their `step` and `epoch`.
 */
export function readLogHistory(history: Json, run: number, ctx: ReadContext): Map<string, Json> {
  const { sink, report } = ctx;
  const totals = new Map<string, Json>();
  if (!Array.isArray(history)) {
    report.warn('"log_history" is not a list: no points were read from it.');
    return totals;
  }
  report.rowUnit = 'record';
  const metrics = new Map<string, number>();
  const skipped = new Map<string, Skipped>();
  history.forEach((row, i) => {
    const record = i + 1;
    report.rowsRead++;
    if (!isJsonObject(row)) return report.reject(record, 'not a record ({…})');
    if (isTrainSummaryRow(row)) {
      for (const [key, value] of Object.entries(row))
        if (!POSITION_KEYS.has(key)) totals.set(key, value);
      return;
    }
    const step = jsonNumber(row.step);
    if (step === undefined) return report.reject(record, 'no step');
    if (!Number.isSafeInteger(step)) return report.reject(record, 'the step is not a whole number');
    const epoch = jsonNumber(row.epoch);
    for (const [key, value] of Object.entries(row)) {
      if (POSITION_KEYS.has(key) || value === null) continue;
      const num = typeof value === 'boolean' ? undefined : jsonNumber(value);
      if (num === undefined) {
        const s = skipped.get(key) ?? { count: 0, first: String(jsonScalar(value)) };
        s.count++;
        skipped.set(key, s);
        continue;
      }
      let metric = metrics.get(key);
      if (metric === undefined) {
        metric = sink.metric(key);
        metrics.set(key, metric);
      }
      sink.point(run, metric, step, num, epoch);
    }
  });
  for (const [key, s] of skipped) {
    const shown = s.first.length > 60 ? `${s.first.slice(0, 60)}…` : s.first;
    report.warn(
      `"${key}" in log_history is not a number in ${s.count} record${s.count === 1 ? '' : 's'} (e.g. ${shown}): not loaded.`,
    );
  }
  return totals;
}
