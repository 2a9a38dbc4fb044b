/**
 * Where a file sits in a W&B run folder (`wandb/run-20231211_140152-5milpyx4/files/config.yaml`),
 * and the run id that folder names. The id is the run's identity across files: `wandb:<id>`.
 */

/** `run-<YYYYMMDD_HHMMSS>-<id>` as `wandb init` names it; `offline-run-…` for runs not yet synced. */
const RUN_FOLDER = /^(offline-)?run-(\d{8}_\d{6})-(.+)$/;

/**
 * W&B generates run ids as 8 characters of `[a-z0-9]` (wandb/sdk/lib/runid.py, `generate_id`).
 * Letters and digits alternating at least twice tells an id from a word such as `resnet50`.
 */
const GENERATED_ID = /^[a-z0-9]{8}$/;

export interface RunFolder {
  /** The folder's path as dropped, e.g. `wandb/run-20231211_140152-5milpyx4`. */
  path: string;
  /** The folder's own name, e.g. `run-20231211_140152-5milpyx4`. */
  name: string;
  id: string;
  offline: boolean;
}

/** The W&B run folder a path lies in, or `null`. */
export function runFolderOf(path: string): RunFolder | null {
  const parts = path.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const match = RUN_FOLDER.exec(parts[i]);
    if (match) {
      return {
        path: parts.slice(0, i + 1).join('/'),
        name: parts[i],
        id: match[3],
        offline: match[1] !== undefined,
      };
    }
  }
  return null;
}

/** The path inside the run folder (`files/config.yaml`), or `null` outside one. */
export function pathInRunFolder(path: string): string | null {
  const folder = runFolderOf(path);
  return folder ? path.slice(folder.path.length + 1) : null;
}

/** The run key every file of a W&B run uses, so they merge. */
export function wandbRunKey(id: string): string {
  return `wandb:${id}`;
}

/** True for text shaped like an id W&B generated (not a custom id set with `wandb.init(id=…)`). */
export function looksLikeGeneratedId(text: string): boolean {
  if (!GENERATED_ID.test(text)) return false;
  let alternations = 0;
  for (let i = 1; i < text.length; i++) {
    if (isDigit(text[i]) !== isDigit(text[i - 1])) alternations++;
  }
  return alternations >= 2;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
