/** Turns what the user dropped or picked (files, folders) into files with their relative paths. */

export interface PickedFile {
  /** Relative path: `lightning_logs/version_3/metrics.csv` for a file inside a dropped folder. */
  name: string;
  blob: Blob;
}

/** From an `<input type=file>`: folder pickers give `webkitRelativePath`. */
export function fromFileList(list: FileList | File[]): PickedFile[] {
  return [...list].map((file) => ({ name: file.webkitRelativePath || file.name, blob: file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await entryFile(entry as FileSystemFileEntry);
    out.push({ name: entry.fullPath.replace(/^\//, ''), blob: file });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: keep reading until it returns none.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}

/** Files and whole folders from a drop, in a stable order (by path). */
export async function fromDataTransfer(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return fromFileList(data.files);
  const out: PickedFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, out);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * W&B keeps `wandb/latest-run/`, a copy of the newest `run-*` folder with no run id in its name:
 * dropped beside its `run-*` siblings it would load that run twice. Such copies are left out.
 */
export function skipMirrorFolders(files: PickedFile[]): { kept: PickedFile[]; skipped: string[] } {
  const parentOf = (name: string, folder: RegExp) => folder.exec(name)?.[1] ?? null;
  const runFolder = /^(.*?)(?:offline-)?run-\d{8}_\d{6}-[^/]+\//;
  const latestRun = /^(.*?)latest-run\//;
  const withRuns = new Set(files.map((f) => parentOf(f.name, runFolder)).filter((p) => p !== null));
  const skipped = new Set<string>();
  const kept = files.filter((f) => {
    const parent = parentOf(f.name, latestRun);
    if (parent === null || !withRuns.has(parent)) return true;
    skipped.add(`${parent}latest-run/`);
    return false;
  });
  return { kept, skipped: [...skipped] };
}
