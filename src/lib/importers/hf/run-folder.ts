/** The run a Hugging Face Trainer file belongs to: its output dir, also for files in `checkpoint-N/`. */

import { basename, dirname, folderRunKey } from '../paths';

const CHECKPOINT_DIR = /^checkpoint-\d+$/;

export interface HfRunFolder {
  key: string;
  name: string;
  /** `checkpoint-500` when the file sits in a checkpoint folder of the output dir, else `null`. */
  checkpoint: string | null;
}

export function hfRunFolder(path: string): HfRunFolder {
  const dir = dirname(path);
  const folder = basename(dir);
  const checkpoint = CHECKPOINT_DIR.test(folder) ? folder : null;
  const out = checkpoint ? dirname(dir) : dir;
  return { key: folderRunKey(out), name: out || dir || path, checkpoint };
}
