/** Sets the debug samples of a drop apart from the files the importers read, by path alone. */

import { nextMacrotask } from '../next-task';
import { parseSamplePath, type FolderInfo } from './sample-path';
import type { Sample } from './types';

/** Paths read per task when a drop is large: ~10 ms (reading a path costs a few microseconds). */
const PATHS_PER_TASK = 2000;

interface Split<F> {
  samples: Sample[];
  rest: F[];
}

export function splitSamples<F extends { name: string; blob: Blob }>(
  files: readonly F[],
): Split<F> {
  const out: Split<F> = { samples: [], rest: [] };
  splitInto(out, files, 0, files.length, new Map());
  return out;
}

/** The same split, a slice of paths per task, so that a drop of 40,000 files blocks nothing. */
export async function splitSamplesInTasks<F extends { name: string; blob: Blob }>(
  files: readonly F[],
  perTask = PATHS_PER_TASK,
): Promise<Split<F>> {
  const out: Split<F> = { samples: [], rest: [] };
  const folders = new Map<string, FolderInfo>();
  for (let from = 0; from < files.length; from += perTask) {
    if (from > 0) await new Promise<void>((resolve) => nextMacrotask(resolve));
    splitInto(out, files, from, Math.min(files.length, from + perTask), folders);
  }
  return out;
}

function splitInto<F extends { name: string; blob: Blob }>(
  out: Split<F>,
  files: readonly F[],
  from: number,
  to: number,
  folders: Map<string, FolderInfo>,
): void {
  for (let i = from; i < to; i++) {
    const f = files[i];
    const p = parseSamplePath(f.name, folders);
    if (p) out.samples.push({ ...p, file: f.name, blob: f.blob });
    else out.rest.push(f);
  }
}
