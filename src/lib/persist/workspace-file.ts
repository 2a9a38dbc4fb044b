/**
 * A workspace as one file, to move it to another machine: a zip of the record (see
 * workspace-record.ts) and every file as it was given, stored, not compressed. Written and read in
 * slices of the files' own streams, so no step holds the page for long or the whole archive twice.
 */

import { Unzip, UnzipInflate, UnzipPassThrough, Zip, ZipPassThrough } from 'fflate';
import type { PickedFile } from '../files/collect';
import { formatBytes } from '../format';
import { parseRecord, type WorkspaceRecord } from './workspace-record';

export const RECORD_ENTRY = 'lockstep-workspace.json';
const FILE_PREFIX = 'files/';

export class WorkspaceFileError extends Error {}

/** A plain zip (no ZIP64) holds no entry, and no archive, past 4 GiB. */
export const ZIP_LIMIT_BYTES = 0xffff_ffff;

/**
 * Whether a dropped file is a workspace file this page wrote: a zip whose first entry is the
 * record. Reads 30 bytes and the name, so a large archive of run files costs nothing to ask.
 */
export async function isWorkspaceFile(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 30 + RECORD_ENTRY.length).arrayBuffer());
  if (head.length < 30 + RECORD_ENTRY.length) return false;
  const view = new DataView(head.buffer);
  if (view.getUint32(0, true) !== 0x04034b50) return false;
  if (view.getUint16(26, true) !== RECORD_ENTRY.length) return false;
  return new TextDecoder().decode(head.subarray(30)) === RECORD_ENTRY;
}

/** The archive of a record and its files (each under its record key). */
export async function writeWorkspaceFile(
  record: WorkspaceRecord,
  blobs: ReadonlyMap<string, Blob>,
): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else parts.push(chunk as Uint8Array<ArrayBuffer>);
  });
  const add = async (name: string, blob: Blob) => {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    const reader = blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      entry.push(value);
    }
    entry.push(new Uint8Array(0), true);
  };
  const recordBlob = new Blob([JSON.stringify(record)]);
  const entries: [string, Blob][] = [[RECORD_ENTRY, recordBlob]];
  for (const f of [...record.files, ...record.samples]) {
    const blob = blobs.get(f.key);
    if (!blob) throw new WorkspaceFileError(`${f.name}: the file is no longer at hand`);
    if (blob.size > ZIP_LIMIT_BYTES)
      throw new WorkspaceFileError(
        `${f.name} is ${formatBytes(blob.size)}: a workspace file holds files of up to 4 GB; keep it in this browser, or move the file itself`,
      );
    entries.push([`${FILE_PREFIX}${f.key}`, blob]);
  }
  const total = entries.reduce((sum, [name, blob]) => sum + blob.size + 76 + 2 * name.length, 22);
  if (total > ZIP_LIMIT_BYTES)
    throw new WorkspaceFileError(
      `the workspace's files add up to ${formatBytes(total)}: a workspace file holds up to 4 GB; remove some files, or move the largest ones themselves`,
    );
  for (const [name, blob] of entries) await add(name, blob);
  zip.end();
  if (failure) throw failure;
  return new Blob(parts, { type: 'application/zip' });
}

/** The record and files of an archive, or a message saying why it is not a workspace file. */
export async function readWorkspaceFile(
  archive: Blob,
  name: string,
): Promise<{ record: WorkspaceRecord; files: PickedFile[] }> {
  const entries = new Map<string, Uint8Array<ArrayBuffer>[]>();
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    entries.set(file.name, chunks);
    file.ondata = (error, chunk) => {
      if (error) failure = error;
      else chunks.push(chunk as Uint8Array<ArrayBuffer>);
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(UnzipInflate);
  const reader = archive.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    unzip.push(value);
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw new WorkspaceFileError(`${name}: not a readable zip (${String(failure)})`);
  const recordChunks = entries.get(RECORD_ENTRY);
  if (!recordChunks)
    throw new WorkspaceFileError(
      `${name}: no ${RECORD_ENTRY} inside; it is not a Lockstep workspace file (drop it on the page to read it as an archive of run files)`,
    );
  const record = parseRecord(await new Blob(recordChunks).text());
  if (!record)
    throw new WorkspaceFileError(`${name}: its ${RECORD_ENTRY} is of another version, or damaged`);
  const files: PickedFile[] = [];
  const missing: string[] = [];
  // Sample files go with the others: the page sets them apart by their paths, as in a drop.
  for (const f of [...record.files, ...record.samples]) {
    const chunks = entries.get(`${FILE_PREFIX}${f.key}`);
    if (chunks) files.push({ name: f.name, blob: new Blob(chunks) });
    else missing.push(f.name);
  }
  if (missing.length > 0)
    throw new WorkspaceFileError(`${name}: ${missing.join(', ')} listed but not inside`);
  return { record, files };
}

/** Dropped files parted into workspace files (opened as such) and the rest (read as run files). */
export async function partWorkspaceFiles(
  picked: readonly PickedFile[],
): Promise<{ workspaces: PickedFile[]; files: PickedFile[] }> {
  const workspaces: PickedFile[] = [];
  const files: PickedFile[] = [];
  for (const f of picked)
    if (/\.zip$/i.test(f.name) && (await isWorkspaceFile(f.blob))) workspaces.push(f);
    else files.push(f);
  return { workspaces, files };
}
