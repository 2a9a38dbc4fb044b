/** Which of a W&B run folder's files a path is, and which run it belongs to. */

import { basename, dirname, folderRunKey } from '../paths';
import type { RunInfo } from '../types';
import { runFolderOf, wandbRunKey } from './run-path';

export type RunFileKind =
  'summary' | 'config' | 'metadata' | 'requirements' | 'history' | 'ignored';

/** W&B's link to the newest run folder (`wandb/latest-run`): same files, no id in its name. */
const LATEST_RUN = /(^|\/)latest-run(\/|$)/;

const ALWAYS_WANDB: Record<string, RunFileKind> = {
  'wandb-summary.json': 'summary',
  'wandb-metadata.json': 'metadata',
};

/** Names that are W&B's only inside a run folder. */
const IN_RUN_FOLDER: Record<string, RunFileKind> = {
  'config.yaml': 'config',
  'requirements.txt': 'requirements',
  // wandb < 0.10 kept the history as JSON Lines in the run folder.
  'wandb-history.jsonl': 'history',
  'output.log': 'ignored',
  'wandb-events.jsonl': 'ignored',
  'debug.log': 'ignored',
  'debug-internal.log': 'ignored',
  'debug-core.log': 'ignored',
};

export function isInRunFolder(path: string): boolean {
  return runFolderOf(path) !== null || LATEST_RUN.test(dirname(path));
}

/** The kind of W&B run file a path names, or `null`; `config.yaml` outside a run folder needs a look inside. */
export function runFileKind(path: string): RunFileKind | null {
  const name = basename(path);
  const kind = ALWAYS_WANDB[name];
  if (kind) return kind;
  return isInRunFolder(path) ? (IN_RUN_FOLDER[name] ?? null) : null;
}

export interface RunOfFile {
  key: string;
  name: string;
  info: RunInfo;
  /** Why the run is not keyed by its W&B id, for the report; `null` when it is. */
  note: string | null;
}

/** The run a file of a run folder describes: `wandb:<id>` from the folder's name, else the folder itself. */
export function runOfFile(path: string): RunOfFile {
  const folder = runFolderOf(path);
  if (folder)
    return {
      key: wandbRunKey(folder.id),
      name: folder.id,
      info: { provisionalName: true },
      note: null,
    };
  const dir = dirname(path).replace(/(^|\/)files$/, '');
  const where = dir === '' ? 'dropped on its own' : `in "${dir}"`;
  const note = LATEST_RUN.test(dir)
    ? `"${dir}" is W&B's link to the newest run folder and does not name the run's id: the run is keyed by this folder, and does not merge with the same run's run-<date>-<id> folder.`
    : `The file is not inside a W&B run folder (run-<date>-<id>), so its run id is unknown: it is keyed by its folder (${where}).`;
  return {
    key: folderRunKey(dir),
    name: dir === '' ? basename(path) : dir,
    info: { provisionalName: true },
    note,
  };
}
