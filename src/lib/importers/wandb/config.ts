/**
 * A W&B run's `config.yaml`: its hyperparameters, and W&B's own `_wandb` block.
 * Three layouts are met: wandb ≤ 0.16 writes `wandb_version: 1` and wraps each key as
 * `{desc, value}`; wandb 0.25 drops both and wraps each key as `{value}`; a config written by hand
 * or by another tool holds plain values. `_wandb` is telemetry, not a hyperparameter: the python,
 * wandb and framework versions and the start time go to meta, and its `e` block (newer wandb) holds
 * the same machine metadata as `wandb-metadata.json`.
 */

import {
  flattenObject,
  isObject,
  metaText,
  type JsonObject,
  type JsonValue,
  type KeyValue,
} from './json-values';
import { metadataRows } from './metadata';

export type ConfigLayout = 'desc-value' | 'value' | 'plain';

/** `_wandb` keys that say something about the run's environment, and their meta names. */
const TELEMETRY_META: Record<string, string> = {
  python_version: 'python_version',
  cli_version: 'wandb_version',
  framework: 'framework',
  huggingface_version: 'huggingface_version',
  is_jupyter_run: 'jupyter',
  is_kaggle_kernel: 'kaggle',
  code_path: 'code_path',
};

export interface ConfigRows {
  layout: ConfigLayout;
  params: KeyValue[];
  meta: { key: string; value: string }[];
  /** Unix seconds the run started, from `_wandb.start_time` or `_wandb.e.*.startedAt`. */
  startedAt: number | undefined;
}

export function configLayout(config: JsonObject): ConfigLayout {
  if ('wandb_version' in config) return 'desc-value';
  const entries = Object.entries(config);
  const wrapped = entries.every(
    ([, v]) =>
      isObject(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'desc'),
  );
  return entries.length > 0 && wrapped ? 'value' : 'plain';
}

export function configRows(config: JsonObject): ConfigRows {
  const layout = configLayout(config);
  const unwrapped: JsonObject = {};
  for (const [key, entry] of Object.entries(config)) {
    if (layout === 'desc-value' && key === 'wandb_version') continue;
    unwrapped[key] = layout !== 'plain' && isObject(entry) ? (entry.value ?? null) : entry;
  }
  const { _wandb: telemetry, ...hyperparameters } = unwrapped;
  const params = flattenObject(hyperparameters);
  const { meta, startedAt } = isObject(telemetry)
    ? telemetryRows(telemetry)
    : { meta: [], startedAt: undefined };
  return { layout, params, meta, startedAt };
}

function telemetryRows(telemetry: JsonObject): Pick<ConfigRows, 'meta' | 'startedAt'> {
  const meta: ConfigRows['meta'] = [];
  let startedAt: number | undefined;
  for (const [key, value] of Object.entries(telemetry)) {
    const name = TELEMETRY_META[key];
    const text = isObject(value) || Array.isArray(value) ? null : metaText(value);
    if (name && text !== null) meta.push({ key: name, value: text });
    if (key === 'start_time') startedAt = toNumber(value);
  }
  // `e` maps each writer (one per process that wrote the run) to the machine metadata.
  const writers = telemetry.e;
  if (isObject(writers)) {
    for (const block of Object.values(writers)) {
      if (!isObject(block)) continue;
      const rows = metadataRows(block);
      meta.push(...rows.meta);
      startedAt ??= rows.startedAt;
    }
  }
  return { meta, startedAt };
}

function toNumber(value: JsonValue | undefined): number | undefined {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) ? n : undefined;
}
