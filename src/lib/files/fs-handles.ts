/**
 * Files from the File System Access API (a picked folder, dropped files' handles), kept as handles
 * so that they can be looked at again while a run trains. Chromium has it; others do not.
 */

export interface WatchedHandle {
  /** Relative path, as a dropped folder's files are named: `run-1/metrics.csv`. */
  name: string;
  handle: FileSystemFileHandle;
}

/** True where folders can be watched: the page can pick a folder and keep its handle. */
export function canWatchFolders(scope: object = globalThis): boolean {
  return 'showDirectoryPicker' in scope && 'FileSystemFileHandle' in scope;
}

/** Every file under a folder, named from the folder down (`folder/sub/file.csv`), in path order. */
export async function filesUnder(
  dir: FileSystemDirectoryHandle,
  prefix = `${dir.name}/`,
): Promise<WatchedHandle[]> {
  const out: WatchedHandle[] = [];
  for await (const entry of (dir as DirectoryWithEntries).values()) {
    if (entry.kind === 'file') out.push({ name: prefix + entry.name, handle: entry });
    else out.push(...(await filesUnder(entry, `${prefix}${entry.name}/`)));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The handles of dropped items; must be called during the drop event (the items are emptied
 * after it). Null where the browser gives none.
 */
export function droppedHandles(
  data: DataTransfer,
): Promise<(FileSystemFileHandle | FileSystemDirectoryHandle | null)[]> | null {
  const items = [...data.items].filter((i) => i.kind === 'file');
  const withHandles = items as (DataTransferItem & {
    getAsFileSystemHandle?: () => Promise<FileSystemHandle | null>;
  })[];
  if (
    items.length === 0 ||
    !withHandles.every((i) => typeof i.getAsFileSystemHandle === 'function')
  )
    return null;
  return Promise.all(
    withHandles.map(
      (i) =>
        i.getAsFileSystemHandle?.() as Promise<
          FileSystemFileHandle | FileSystemDirectoryHandle | null
        >,
    ),
  );
}

type DirectoryWithEntries = FileSystemDirectoryHandle & {
  values(): AsyncIterable<FileSystemFileHandle | FileSystemDirectoryHandle>;
};
