/** Sets the debug samples of a drop apart from the files the importers read, by path alone. */

import { parseSamplePath, type FolderInfo } from './sample-path';
import type { Sample } from './types';

export function splitSamples<F extends { name: string; blob: Blob }>(
  files: readonly F[],
): { samples: Sample[]; rest: F[] } {
  const samples: Sample[] = [];
  const rest: F[] = [];
  const folders = new Map<string, FolderInfo>();
  for (const f of files) {
    const p = parseSamplePath(f.name, folders);
    if (p) samples.push({ ...p, file: f.name, blob: f.blob });
    else rest.push(f);
  }
  return { samples, rest };
}
