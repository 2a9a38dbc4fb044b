/** Sets the debug samples of a drop apart from the files the importers read, by path alone. */

import { parseSamplePath } from './sample-path';
import type { Sample } from './types';

export function splitSamples<F extends { name: string; blob: Blob }>(
  files: readonly F[],
): { samples: Sample[]; rest: F[] } {
  const samples: Sample[] = [];
  const rest: F[] = [];
  for (const f of files) {
    const p = parseSamplePath(f.name);
    if (p) samples.push({ ...p, file: f.name, blob: f.blob });
    else rest.push(f);
  }
  return { samples, rest };
}
