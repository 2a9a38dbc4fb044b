/** Files grouped by the folder they were dropped in, so a dropped `mlruns/` is one line, not a thousand. */

import type { FileStatus } from './workspace.svelte';

export interface GroupableFile {
  id: number;
  name: string;
  status: FileStatus;
  /** `null` until known (see WorkspaceFile.bytes). */
  bytes: number | null;
  bytesRead: number;
  points: number;
}

export interface FileGroup<F extends GroupableFile> {
  /** The top folder, or the file's own name for a file dropped alone. */
  key: string;
  folder: boolean;
  files: F[];
  bytes: number;
  bytesRead: number;
  points: number;
  counts: Partial<Record<FileStatus, number>>;
}

export function groupFiles<F extends GroupableFile>(files: readonly F[]): FileGroup<F>[] {
  const groups = new Map<string, FileGroup<F>>();
  for (const file of files) {
    const slash = file.name.indexOf('/');
    const folder = slash > 0;
    const key = folder ? file.name.slice(0, slash) : file.name;
    const mapKey = `${folder ? 'd' : 'f'}:${key}:${folder ? '' : file.id}`;
    let group = groups.get(mapKey);
    if (!group) {
      group = { key, folder, files: [], bytes: 0, bytesRead: 0, points: 0, counts: {} };
      groups.set(mapKey, group);
    }
    group.files.push(file);
    group.bytes += file.bytes ?? 0;
    group.bytesRead += file.bytesRead;
    group.points += file.points;
    group.counts[file.status] = (group.counts[file.status] ?? 0) + 1;
  }
  return [...groups.values()];
}

const ORDER: FileStatus[] = [
  'reading',
  'queued',
  'loaded',
  'partial',
  'duplicate',
  'empty',
  'failed',
  'cancelled',
];

/** `12 loaded, 1 failed`: the group's statuses, most telling first. */
export function describeCounts(
  counts: Partial<Record<FileStatus, number>>,
  labels: Record<FileStatus, string>,
): string {
  return ORDER.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${labels[s]}`)
    .join(', ');
}

/** The status a group shows as a whole: busy while any file is, failed only when every file failed. */
export function groupStatus(counts: Partial<Record<FileStatus, number>>): FileStatus {
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  if (counts.reading) return 'reading';
  if (counts.queued) return 'queued';
  if (
    (counts.failed ?? 0) +
      (counts.empty ?? 0) +
      (counts.cancelled ?? 0) +
      (counts.duplicate ?? 0) ===
    total
  ) {
    return counts.failed
      ? 'failed'
      : counts.cancelled
        ? 'cancelled'
        : counts.duplicate
          ? 'duplicate'
          : 'empty';
  }
  return counts.partial || counts.failed ? 'partial' : 'loaded';
}
