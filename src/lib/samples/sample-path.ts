/**
 * Which files of a dropped folder are debug samples, from their path alone: the kind (by
 * extension), the iteration, the key and the run. Shapes read:
 * - W&B: `<run-folder>/files/media/images/<key>_<step>_<hash>.png` (also `media/audio`);
 * - a step folder: `<run>/samples/step_<n>/<key>.png` (also `iter_<n>`, `iteration-<n>`);
 * - ClearML-style or plain names: `<run>/debug_samples/<title>_<series>_<iter>.jpg`, `<name>_<step>.png`.
 * A file with no iteration in its path is not a sample.
 */

import { folderRunKey } from '../importers/paths';
import { runFolderOf, wandbRunKey } from '../importers/wandb/run-path';
import type { SampleKind, SampleRunRef } from './types';

export interface SamplePath {
  kind: SampleKind;
  mime: string;
  key: string;
  step: number;
  run: SampleRunRef;
}

const TYPES: Record<string, { kind: SampleKind; mime: string }> = {
  png: { kind: 'image', mime: 'image/png' },
  jpg: { kind: 'image', mime: 'image/jpeg' },
  jpeg: { kind: 'image', mime: 'image/jpeg' },
  webp: { kind: 'image', mime: 'image/webp' },
  wav: { kind: 'audio', mime: 'audio/wav' },
  mp3: { kind: 'audio', mime: 'audio/mpeg' },
  ogg: { kind: 'audio', mime: 'audio/ogg' },
  flac: { kind: 'audio', mime: 'audio/flac' },
  txt: { kind: 'text', mime: 'text/plain' },
};

/** Folders that hold samples rather than name a run or a key. */
const SAMPLE_FOLDER = /^(samples|debug[_-]?samples|media|images|audio|text|generations|outputs)$/i;
const STEP_FOLDER = /^(?:step|iter|iteration|it|global[_-]step)[_-]?(\d+)$/i;
const WANDB_MEDIA = /^(.+)_(\d+)_([0-9a-f]{6,})$/;
const STEP_FIRST = /^(?:step|iter|iteration)[_-]?(\d+)(?:[_-](.+))?$/i;
const STEP_LAST =
  /^(.*?)(?:[_\-.](?:step|iter|iteration)?[_-]?|(?:step|iter|iteration)[_-]?)(\d+)$/i;

function stepOf(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** What a file's folder says, the same for every file in it: worked out once per folder. */
export interface FolderInfo {
  /** W&B media folder: the run and the key folders under `media/<type>/`. */
  media: { run: SampleRunRef; keyDirs: string[] } | null;
  /** The iteration a `step_<n>` folder gives, with the run and key folders around it. */
  stepFolder: { step: number; run: SampleRunRef; keyDirs: string[] } | null;
  plain: { run: SampleRunRef; keyDirs: string[] };
  inSampleFolder: boolean;
}

/**
 * The sample a path names, or `null` when it is not one. `folders` caches what each folder says
 * (pass one map for a whole drop: thousands of files share a few folders).
 */
export function parseSamplePath(
  path: string,
  folders: Map<string, FolderInfo> = new Map(),
): SamplePath | null {
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const type = TYPES[file.slice(dot + 1).toLowerCase()];
  if (!type) return null;
  const stem = file.slice(0, dot);
  const dir = slash < 0 ? '' : path.slice(0, slash);
  let info = folders.get(dir);
  if (!info) folders.set(dir, (info = folderInfo(dir)));
  if (info.media) {
    const m = WANDB_MEDIA.exec(stem);
    const step = m ? stepOf(m[2]) : null;
    if (m && step !== null)
      return { ...type, key: joinKey(info.media.keyDirs, m[1]), step, run: info.media.run };
  }
  if (info.stepFolder) {
    const { step, run, keyDirs } = info.stepFolder;
    return { ...type, key: joinKey(keyDirs, stem), step, run };
  }
  return named(info, stem, type);
}

function folderInfo(dir: string): FolderInfo {
  const dirs = dir === '' ? [] : dir.split('/');
  return {
    media: wandbMedia(dirs, dir),
    stepFolder: stepFolder(dirs),
    plain: split(dirs),
    inSampleFolder: dirs.some((d) => SAMPLE_FOLDER.test(d)),
  };
}

function runOf(dirs: string[]): SampleRunRef {
  const folder = dirs.join('/');
  return { runKey: folderRunKey(folder), folder };
}

/** The run folder and the key folders of a sample in `dirs`: sample folders split them. */
function split(dirs: string[]): { run: SampleRunRef; keyDirs: string[] } {
  const root = dirs.findIndex((d) => SAMPLE_FOLDER.test(d));
  if (root < 0) return { run: runOf(dirs), keyDirs: [] };
  const keyDirs = dirs.slice(root + 1).filter((d) => !SAMPLE_FOLDER.test(d));
  return { run: runOf(dirs.slice(0, root)), keyDirs };
}

function joinKey(dirs: string[], name: string): string {
  return [...dirs, name].filter((p) => p !== '').join('/');
}

function wandbMedia(dirs: string[], dir: string): FolderInfo['media'] {
  const media = dirs.lastIndexOf('media');
  if (media < 0) return null;
  const folder = runFolderOf(`${dir}/x`);
  const runDirs = dirs.slice(0, media);
  if (runDirs[runDirs.length - 1] === 'files') runDirs.pop();
  const run = folder ? { runKey: wandbRunKey(folder.id), folder: folder.path } : runOf(runDirs);
  // `media/images/val/examples_…`: the folders under the media type are part of W&B's key.
  return { run, keyDirs: dirs.slice(media + 2) };
}

function stepFolder(dirs: string[]): FolderInfo['stepFolder'] {
  for (let i = dirs.length - 1; i >= 0; i--) {
    const m = STEP_FOLDER.exec(dirs[i]);
    if (!m) continue;
    const step = stepOf(m[1]);
    if (step === null) return null;
    const { run, keyDirs } = split(dirs.slice(0, i));
    return { step, run, keyDirs: [...keyDirs, ...dirs.slice(i + 1)] };
  }
  return null;
}

function named(info: FolderInfo, stem: string, type: (typeof TYPES)[string]): SamplePath | null {
  // A text file is a sample only in a samples folder: elsewhere it may be a log or a table.
  if (type.kind === 'text' && !info.inSampleFolder) return null;
  let key: string;
  let digits: string;
  const first = STEP_FIRST.exec(stem);
  const last = first ? null : STEP_LAST.exec(stem);
  if (first) [key, digits] = [first[2] ?? '', first[1]];
  else if (last) [key, digits] = [last[1], last[2]];
  else return null;
  const step = stepOf(digits);
  if (step === null) return null;
  const name = joinKey(info.plain.keyDirs, key);
  return { ...type, key: name === '' ? type.kind : name, step, run: info.plain.run };
}
