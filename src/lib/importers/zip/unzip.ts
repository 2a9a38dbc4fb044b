/** Zip archives, unpacked in the worker with fflate; the files inside keep their paths. */

import { unzipSync, type UnzipFileInfo } from 'fflate';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/** Unpacked size past which an archive is refused rather than risking the tab (a zip bomb). */
export const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;

export function isZip(raw: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => raw[i] === b) || EMPTY_ZIP.every((b, i) => raw[i] === b);
}

/** Entries that are an operating system's litter, not data. */
function isLitter(path: string): boolean {
  return (
    path.endsWith('/') ||
    path.startsWith('__MACOSX/') ||
    /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/.test(path)
  );
}

export interface ZipEntry {
  path: string;
  blob: Blob;
}

export class ZipError extends Error {}

/** The archive's files in path order; throws `ZipError` with a sentence for the user. */
export function unzipEntries(bytes: Uint8Array): ZipEntry[] {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (info: UnzipFileInfo) => {
        if (isLitter(info.name)) return false;
        total += info.originalSize;
        if (total > MAX_UNPACKED_BYTES) {
          throw new ZipError(
            `The archive unpacks to more than ${MAX_UNPACKED_BYTES / 1024 ** 3} GB; unpack it and drop the folder instead.`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(`The zip archive cannot be read: ${(error as Error).message}.`);
  }
  return Object.keys(files)
    .sort()
    .map((path) => ({ path, blob: new Blob([files[path] as Uint8Array<ArrayBuffer>]) }));
}
