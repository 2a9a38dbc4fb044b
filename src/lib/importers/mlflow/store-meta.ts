/**
 * The two `meta.yaml` files of an MLflow FileStore: a run's (`<exp>/<run>/meta.yaml`: id, name,
 * status, times, lifecycle, source…) and an experiment's (`<exp>/meta.yaml`: id, name, artifact
 * location). Told apart by their keys.
 */

import { parse } from 'yaml';
import { flatYamlScalars } from './flat-yaml';
import { isoTime, mlflowTime, runState } from './run-fields';

const RUN_KEYS = /^(run_uuid|run_id):/m;
const EXPERIMENT_KEYS = /^experiment_id:/m;
const EXPERIMENT_ONLY_KEYS = /^(artifact_location|name):/m;

export function looksLikeRunMeta(text: string): boolean {
  return RUN_KEYS.test(text) && EXPERIMENT_KEYS.test(text);
}

export function looksLikeExperimentMeta(text: string): boolean {
  return !RUN_KEYS.test(text) && EXPERIMENT_KEYS.test(text) && EXPERIMENT_ONLY_KEYS.test(text);
}

export interface RunMeta {
  runId: string;
  /** `run_name` (MLflow 2) or the old `name`; `null` when empty. */
  name: string | null;
  experimentId: string | null;
  state: string | undefined;
  /** Unix seconds. */
  createdAt: number | undefined;
  deleted: boolean;
  /** Lineage kept in `meta`: times as ISO text, the other fields as written. */
  meta: [string, string][];
}

export interface ExperimentMeta {
  experimentId: string;
  name: string;
}

/** Fields that go to the run itself rather than to `meta`. */
const RUN_FIELDS = new Set([
  'run_id',
  'run_uuid',
  'run_name',
  'name',
  'experiment_id',
  'status',
  'start_time',
  'end_time',
  'tags',
]);

/** YAML → key/text pairs, integers kept exact (an id or a time in ms may pass 2^53). */
function scalars(text: string): Map<string, string> | string {
  const flat = flatYamlScalars(text);
  if (flat) return flat;
  let doc: unknown;
  try {
    doc = parse(text, { intAsBigInt: true });
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return 'it is not a YAML mapping';
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(doc)) {
    if (value === null || value === undefined || typeof value === 'object') continue;
    out.set(key, String(value));
  }
  return out;
}

/** A run's meta.yaml, or the reason it cannot be read. */
export function readRunMeta(text: string): RunMeta | string {
  const fields = scalars(text);
  if (typeof fields === 'string') return fields;
  const runId = fields.get('run_id') || fields.get('run_uuid');
  if (!runId) return 'it has no run_id';
  const name = fields.get('run_name') || fields.get('name') || null;
  const start = mlflowTime(fields.get('start_time') ?? '');
  const end = mlflowTime(fields.get('end_time') ?? '');
  const meta: [string, string][] = [];
  if (start !== undefined) meta.push(['start_time', isoTime(start)]);
  if (end !== undefined) meta.push(['end_time', isoTime(end)]);
  for (const [key, value] of fields)
    if (!RUN_FIELDS.has(key) && value !== '') meta.push([key, value]);
  return {
    runId,
    name,
    experimentId: fields.get('experiment_id') || null,
    state: runState(fields.get('status') ?? ''),
    createdAt: start,
    deleted: fields.get('lifecycle_stage') === 'deleted',
    meta,
  };
}

/** An experiment's meta.yaml, or the reason it cannot be read. */
export function readExperimentMeta(text: string): ExperimentMeta | string {
  const fields = scalars(text);
  if (typeof fields === 'string') return fields;
  const experimentId = fields.get('experiment_id');
  if (!experimentId) return 'it has no experiment_id';
  return { experimentId, name: fields.get('name') ?? '' };
}
