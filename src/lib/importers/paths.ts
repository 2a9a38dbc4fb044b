/** Paths of dropped files, and the run identities that folder-shaped exports derive from them. */

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder part of a relative path, '' for a file dropped on its own. */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The run key of a run that is a folder (a TensorBoard run directory, a Lightning `version_N`, a
 * Sacred run, an HF output dir): every file in the folder that describes the run uses this key, so
 * they merge into one run whichever is dropped first.
 */
export function folderRunKey(dir: string): string {
  return `dir:${dir}`;
}
