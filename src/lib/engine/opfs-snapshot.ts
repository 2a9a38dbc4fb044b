/// <reference lib="webworker" />
/**
 * Snapshot files in the origin private file system, written from the engine worker with sync
 * access handles (no copy through the page). Each snapshot goes into a folder of its own; a small
 * `current` file names the finished one, so a reload in the middle of writing finds the previous
 * snapshot whole, never half of a new one.
 */

import type { SnapshotFiles } from './snapshot';

const ROOT = 'lockstep-engine';
const CURRENT = 'current';

async function root(): Promise<FileSystemDirectoryHandle> {
  const top = await navigator.storage.getDirectory();
  return top.getDirectoryHandle(ROOT, { create: true });
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, bytes: Uint8Array) {
  const file = await dir.getFileHandle(name, { create: true });
  const handle = await file.createSyncAccessHandle();
  try {
    handle.truncate(0);
    let at = 0;
    while (at < bytes.length) at += handle.write(bytes.subarray(at), { at });
    handle.flush();
  } finally {
    handle.close();
  }
}

async function readFile(dir: FileSystemDirectoryHandle, name: string): Promise<Uint8Array | null> {
  let file: FileSystemFileHandle;
  try {
    file = await dir.getFileHandle(name);
  } catch {
    return null;
  }
  const handle = await file.createSyncAccessHandle();
  try {
    const bytes = new Uint8Array(handle.getSize());
    let at = 0;
    while (at < bytes.length) {
      const read = handle.read(bytes.subarray(at), { at });
      if (read === 0) break;
      at += read;
    }
    return bytes;
  } finally {
    handle.close();
  }
}

/** A new snapshot's files; `commit` makes it the current one and removes older ones. */
export async function newSnapshotFolder(): Promise<{
  files: SnapshotFiles;
  bytes: () => number;
  commit: () => Promise<void>;
}> {
  const top = await root();
  const name = `snapshot-${Date.now()}`;
  const dir = await top.getDirectoryHandle(name, { create: true });
  let bytes = 0;
  return {
    files: {
      write: async (file, data) => {
        bytes += data.length;
        await writeFile(dir, file, data);
      },
      read: (file) => readFile(dir, file),
    },
    bytes: () => bytes,
    commit: async () => {
      await writeFile(top, CURRENT, new TextEncoder().encode(name));
      await removeAllBut(top, name);
    },
  };
}

/** The current snapshot's files (and the bytes read from them so far), or null when none was finished. */
export async function currentSnapshot(): Promise<
  (SnapshotFiles & { bytesRead: () => number }) | null
> {
  const top = await root();
  const current = await readFile(top, CURRENT);
  if (!current) return null;
  const name = new TextDecoder().decode(current);
  let dir: FileSystemDirectoryHandle;
  try {
    dir = await top.getDirectoryHandle(name);
  } catch {
    return null;
  }
  let bytes = 0;
  return {
    write: () => {
      throw new Error('a finished snapshot is not written to');
    },
    read: async (file) => {
      const data = await readFile(dir, file);
      bytes += data?.length ?? 0;
      return data;
    },
    bytesRead: () => bytes,
  };
}

export async function clearSnapshots(): Promise<void> {
  const top = await navigator.storage.getDirectory();
  await top.removeEntry(ROOT, { recursive: true }).catch(() => undefined);
}

async function removeAllBut(top: FileSystemDirectoryHandle, keep: string) {
  const names: string[] = [];
  for await (const name of (top as unknown as { keys(): AsyncIterable<string> }).keys())
    if (name.startsWith('snapshot-') && name !== keep) names.push(name);
  for (const name of names) await top.removeEntry(name, { recursive: true });
}
