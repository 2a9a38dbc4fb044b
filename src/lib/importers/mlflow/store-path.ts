/**
 * Where a file sits in an MLflow FileStore (`mlruns/`), told from its path alone. The store's root
 * may be named anything or be missing (the user dropped `mlruns/` itself, its parent, or one
 * experiment folder): the shape `<experiment id>/<run id>/(metrics|params|tags)/<key>` is what counts.
 */

export type StoreFileKind = 'metric' | 'param' | 'tag' | 'run-meta' | 'experiment-meta';

export interface StoreFile {
  kind: StoreFileKind;
  /** 32 hex digits; `null` for an experiment's meta.yaml. */
  runId: string | null;
  /** The experiment folder's name (digits) when the path has it. */
  experimentId: string | null;
  /** Metric, param or tag key; a key with `/` is stored as nested folders (`metrics/val/loss` → `val/loss`). */
  key: string;
  /** The path from the experiment (or run) folder on: the same file in any copy of the store. */
  storePath: string;
  /** Under the store's `.trash/`, where MLflow moves deleted experiments. */
  trashed: boolean;
}

const RUN_ID = /^[0-9a-f]{32}$/;
const EXPERIMENT_ID = /^[0-9]+$/;
const KIND_BY_FOLDER: Record<string, StoreFileKind> = {
  metrics: 'metric',
  params: 'param',
  tags: 'tag',
};

/** The file's place in a run store, or `null` when the path does not have the store's shape. */
export function parseStorePath(name: string): StoreFile | null {
  const parts = name.split('/');
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    if (!RUN_ID.test(parts[i])) continue;
    const hasExperiment = i > 0 && EXPERIMENT_ID.test(parts[i - 1]);
    const experimentId = hasExperiment ? parts[i - 1] : null;
    const storePath = parts.slice(hasExperiment ? i - 1 : i).join('/');
    const trashed = parts.slice(0, i).includes('.trash');
    const next = parts[i + 1];
    if (next === 'meta.yaml' && i + 1 === last)
      return { kind: 'run-meta', runId: parts[i], experimentId, key: '', storePath, trashed };
    const kind = KIND_BY_FOLDER[next];
    const keyParts = parts.slice(i + 2);
    if (kind && keyParts.length > 0 && keyParts.every((p) => p !== '')) {
      return { kind, runId: parts[i], experimentId, key: keyParts.join('/'), storePath, trashed };
    }
  }
  if (parts[last] === 'meta.yaml' && last >= 1 && EXPERIMENT_ID.test(parts[last - 1])) {
    return {
      kind: 'experiment-meta',
      runId: null,
      experimentId: parts[last - 1],
      key: '',
      storePath: parts.slice(last - 1).join('/'),
      trashed: parts.slice(0, last - 1).includes('.trash'),
    };
  }
  return null;
}
