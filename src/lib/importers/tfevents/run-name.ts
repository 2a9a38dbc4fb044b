/** Which run an event file belongs to, from its path as dropped. */

import { basename, dirname, folderRunKey } from '../paths';

const MARK = 'events.out.tfevents';

export interface EventFileRun {
  key: string;
  name: string;
  /** The host the writer named in the file name (`events.out.tfevents.<time>.<host>.<pid>.<n>[.v2]`). */
  host: string | null;
}

/** The name mentions `events.out.tfevents`, as TensorBoard writers name their files. */
export function isEventFileName(path: string): boolean {
  return basename(path).includes(MARK);
}

/**
 * A TensorBoard run is the folder its event files are in, so every file of the folder joins one
 * run. A file dropped on its own is its own run, named by what precedes `events.out.tfevents` in
 * its name, if anything, else by the file name.
 */
export function eventFileRun(path: string): EventFileRun {
  const dir = dirname(path);
  const file = basename(path);
  const at = file.indexOf(MARK);
  const host =
    at < 0
      ? null
      : (/^\.\d+\.(.+)\.\d+\.\d+(\.v2)?$/.exec(file.slice(at + MARK.length))?.[1] ?? null);
  if (dir !== '') return { key: folderRunKey(dir), name: dir, host };
  const prefix = at < 0 ? '' : file.slice(0, at).replace(/[._-]+$/, '');
  return { key: `file:${path}`, name: prefix || file, host };
}
