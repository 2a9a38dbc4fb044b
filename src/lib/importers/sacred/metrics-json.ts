/**
 * Sacred's `metrics.json`: `{name: {steps: [...], timestamps: [ISO...], values: [...]}}`, one
 * entry per `log_scalar` name. Each position of the lists is one point; the timestamp is its wall
 * time. Record numbers in the report count positions within a metric's lists, from 1.
 */

import { isJsonObject, jsonNumber, type Json, type JsonObject } from '../hf/json-object';
import type { ReadContext } from '../types';
import { NAIVE_TIME_NOTE, parseSacredTime } from './time';

function list(value: Json | undefined): Json[] | null {
  return Array.isArray(value) ? value : null;
}

export function readMetricsJson(metrics: JsonObject, run: number, ctx: ReadContext): void {
  const { sink, report } = ctx;
  report.rowUnit = 'record';
  for (const [name, series] of Object.entries(metrics)) {
    const steps = isJsonObject(series) ? list(series.steps) : null;
    const values = isJsonObject(series) ? list(series.values) : null;
    if (!isJsonObject(series) || !steps || !values) {
      report.warn(
        `"${name}" is not a metric as Sacred writes it ({steps: […], values: […]}): not loaded.`,
      );
      continue;
    }
    const timestamps = list(series.timestamps);
    const n = Math.min(steps.length, values.length);
    if (steps.length !== values.length) {
      report.warn(
        `"${name}" has ${steps.length} steps but ${values.length} values: the ${Math.abs(steps.length - values.length)} unmatched at the end were not loaded.`,
      );
    }
    if (timestamps && timestamps.length < n) {
      report.warn(
        `"${name}" has fewer timestamps (${timestamps.length}) than values (${n}): the later points have no wall time.`,
      );
    }
    let metric = -1;
    let empty = 0;
    let badTimes = 0;
    for (let i = 0; i < n; i++) {
      report.rowsRead++;
      const step = jsonNumber(steps[i]);
      if (step === undefined || !Number.isSafeInteger(step)) {
        report.reject(i + 1, `"${name}": the step is not a whole number`);
        continue;
      }
      if (values[i] === null) {
        empty++;
        continue;
      }
      const value = typeof values[i] === 'boolean' ? undefined : jsonNumber(values[i]);
      if (value === undefined) {
        report.reject(i + 1, `"${name}": the value is not a number`);
        continue;
      }
      const stamp = timestamps?.[i];
      const time = typeof stamp === 'string' ? parseSacredTime(stamp) : undefined;
      if (time?.naive) report.warn(NAIVE_TIME_NOTE);
      if (stamp !== undefined && stamp !== null && time === undefined) badTimes++;
      if (metric < 0) metric = sink.metric(name);
      sink.point(run, metric, step, value, undefined, time?.seconds);
    }
    if (badTimes > 0)
      report.warn(
        `"${name}" has ${badTimes} timestamps that are not ISO 8601 times: those points have no wall time.`,
      );
    if (empty > 0)
      report.warn(
        `"${name}" has ${empty} null value${empty === 1 ? '' : 's'} (nothing logged): no point${empty === 1 ? '' : 's'} for ${empty === 1 ? 'it' : 'them'}.`,
      );
  }
}
