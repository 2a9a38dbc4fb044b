/**
 * The probes of a list of files, read ahead of the one being worked on. In a browser each read of
 * a dropped file is a round trip to the browser process that costs this thread ~0.2 ms (a `slice`
 * more): small files are read many at once, as one `Blob` made of them, and split here.
 */

import type { Probe, SourceFile } from '../importers/types';
import { makeProbe, PROBE_BYTES, probeBytes } from './probe';

/** How many files ahead of the current one are being read. */
export const AHEAD_FILES = 64;
/** The most bytes one combined read holds. */
export const BUNDLE_BYTES = 4 << 20;

export class ReadAhead {
  readonly #files: readonly SourceFile[];
  readonly #probes = new Map<number, Promise<Probe>>();
  #next = 0;

  constructor(files: readonly SourceFile[]) {
    this.#files = files;
  }

  /** The probe of file `i`, each asked for once, in order. */
  take(i: number): Promise<Probe> {
    const until = Math.min(this.#files.length, i + AHEAD_FILES);
    while (this.#next < until) this.#next = this.#readFrom(this.#next);
    const probe = this.#probes.get(i) ?? makeProbe(this.#files[i].name, this.#files[i].blob);
    this.#probes.delete(i);
    return probe;
  }

  /** Starts reading the file at `start`, with the small files after it; returns the next unread. */
  #readFrom(start: number): number {
    const files = this.#files;
    let end = start;
    let bytes = 0;
    while (end < files.length && end - start < AHEAD_FILES && isSmallBlob(files[end].blob)) {
      bytes += files[end].blob.size;
      if (bytes > BUNDLE_BYTES && end > start) break;
      end++;
    }
    if (end - start < 2) {
      this.#keep(start, makeProbe(files[start].name, files[start].blob));
      return start + 1;
    }
    const bundle = files.slice(start, end);
    const parts = readTogether(bundle.map((f) => f.blob));
    bundle.forEach((f, k) => {
      this.#keep(
        start + k,
        // One unreadable file fails the combined read: then each is read on its own and says why.
        parts.then(
          (p) => probeBytes(f.name, p[k].length, p[k]),
          () => makeProbe(f.name, f.blob),
        ),
      );
    });
    return end;
  }

  #keep(i: number, probe: Promise<Probe>): void {
    // A read that fails before its file is taken is not an unhandled rejection: `take` hands it on.
    probe.catch(() => {});
    this.#probes.set(i, probe);
  }
}

/** A real `Blob` small enough to be probed whole (a `MemoryBlob` is not one: it is in memory already). */
function isSmallBlob(blob: Blob): boolean {
  return blob instanceof Blob && blob.size <= PROBE_BYTES;
}

/** The bytes of each blob, from one read of them all. */
export async function readTogether(blobs: readonly Blob[]): Promise<Uint8Array[]> {
  const all = new Uint8Array(await new Blob(blobs as Blob[]).arrayBuffer());
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const blob of blobs) {
    parts.push(all.subarray(at, at + blob.size));
    at += blob.size;
  }
  if (at !== all.length) throw new Error('the files changed while they were read');
  return parts;
}
