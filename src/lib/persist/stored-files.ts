/**
 * The workspace kept in this browser's origin private file system: each file the user gave, as
 * given (streamed in, never held twice in memory), under a key of its own, and one record of
 * what the workspace was (see workspace-record.ts). Nothing here ever leaves the browser.
 */

const FILES = 'lockstep-files';
const RECORD = 'lockstep-workspace.json';

async function top(): Promise<FileSystemDirectoryHandle> {
  return navigator.storage.getDirectory();
}

async function filesDir(): Promise<FileSystemDirectoryHandle> {
  return (await top()).getDirectoryHandle(FILES, { create: true });
}

export async function storeFile(key: string, blob: Blob): Promise<void> {
  const handle = await (await filesDir()).getFileHandle(key, { create: true });
  const writable = await handle.createWritable();
  await blob.stream().pipeTo(writable);
}

/** The stored file as a File (read lazily from disk), or null when it is not there. */
export async function storedFile(key: string): Promise<File | null> {
  try {
    return await (await (await filesDir()).getFileHandle(key)).getFile();
  } catch {
    return null;
  }
}

export async function removeStoredFile(key: string): Promise<void> {
  await (await filesDir()).removeEntry(key).catch(() => undefined);
}

export async function writeRecord(text: string): Promise<void> {
  const handle = await (await top()).getFileHandle(RECORD, { create: true });
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
}

export async function readRecord(): Promise<string | null> {
  try {
    return await (await (await (await top()).getFileHandle(RECORD)).getFile()).text();
  } catch {
    return null;
  }
}

/** Removes every stored file and the record (the engine's snapshots are the worker's to clear). */
export async function clearStored(): Promise<void> {
  const root = await top();
  await root.removeEntry(FILES, { recursive: true }).catch(() => undefined);
  await root.removeEntry(RECORD).catch(() => undefined);
}
