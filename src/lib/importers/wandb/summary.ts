/**
 * `wandb-summary.json`: the run's final value of every logged key (by default the last one logged),
 * plus W&B's own `_step` (the last step), `_runtime` (seconds run, summed over resumes) and
 * `_timestamp` (unix time of the last log). All of them are summary values.
 */

import {
  flattenObject,
  isObject,
  type JsonObject,
  type JsonValue,
  type KeyValue,
} from './json-values';

export interface SummaryRows {
  rows: KeyValue[];
  /** Media and W&B objects (images, tables, histograms) by their `_type`: not values, not loaded. */
  objects: Map<string, number>;
}

export function summaryRows(summary: JsonObject): SummaryRows {
  const rows: KeyValue[] = [];
  const objects = new Map<string, number>();
  const visit = (value: JsonObject, prefix: string) => {
    for (const [k, v] of Object.entries(value)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (isObject(v) && typeof v._type === 'string') {
        objects.set(v._type, (objects.get(v._type) ?? 0) + 1);
      } else if (isObject(v)) {
        visit(v, key);
      } else {
        rows.push({ key, value: scalar(v) });
      }
    }
  };
  const { _wandb: internal, ...rest } = summary;
  visit(rest, '');
  if (isObject(internal)) {
    // `_wandb.runtime` is `_runtime` in whole seconds: kept only when `_runtime` is missing.
    const { runtime, ...others } = internal;
    if (runtime !== undefined && !isObject(runtime) && !('_runtime' in summary))
      rows.push({ key: '_runtime', value: scalar(runtime) });
    rows.push(...flattenObject(others, '_wandb'));
  }
  return { rows, objects };
}

/** Arrays (rare in a summary: a logged list) are kept as their JSON text. */
function scalar(value: Exclude<JsonValue, JsonObject>): KeyValue['value'] {
  return Array.isArray(value) ? JSON.stringify(value) : value;
}
