/**
 * Reads one file into a sink: probe, pick an importer, stream the file through it (in a parser
 * worker when it is big enough to be worth a second core). Nothing is committed here; the batch
 * writes what was read together with other files' (ingest-batch.ts).
 */

import {
  canReadInParser,
  readInParser,
  startInParser,
  worthParsing,
} from '../importers/csv/parse-remote';
import type { ParseJob } from '../importers/csv/parser-pool';
import { ImportReport } from '../importers/report';
import { pickImporter } from '../importers/registry';
import { UnreadableError } from '../importers/shapes/read-shape';
import { CancelledError, TooLargeError } from '../importers/text/chunks';
import { MemoryBlob } from '../importers/text/memory-blob';
import type { Probe, ReadContext } from '../importers/types';
import { CanonicalSink, type SinkHost } from '../schema/canonical-sink';
import type { IngestProgress, SourceReport } from './api';
import { ContentHash } from './content-hash';
import { unloadedReport, type SourceBase } from './source-report';

export interface ReadFile extends SourceBase {
  blob: Blob;
}

export type ReadOutcome =
  /** `sha256` settles later: hashes of many small files are computed side by side. */
  | { kind: 'read'; sink: CanonicalSink; report: ImportReport; sha256: Promise<string> }
  /** Nothing to keep: the file failed, was empty or was cancelled; `sink` may hold points already written. */
  | { kind: 'unloaded'; source: SourceReport; sink: CanonicalSink | null };

/**
 * Starts reading the file in a parser worker when it is big enough and its importer runs there,
 * so that it is parsed while earlier files are stored; `null` when it will be read in this thread.
 */
export function startParsing(
  file: { name: string; blob: Blob },
  probe: Probe,
  signal: AbortSignal,
): ParseJob | null {
  if (!worthParsing(file.blob.size)) return null;
  const importer = pickImporter(probe);
  if (!importer || !canReadInParser(importer.id, file.blob.size)) return null;
  return startInParser(
    { importerId: importer.id, name: file.name, blob: file.blob, probe },
    signal,
  );
}

/**
 * `started`: the file's parser job, when `startParsing` was called ahead; it is read or cancelled
 * here. Without it, the file is started in a parser worker here when it is worth it.
 */
export async function readSource(
  host: SinkHost,
  file: ReadFile,
  probe: Probe,
  signal: AbortSignal,
  onProgress?: (p: IngestProgress) => void,
  started?: ParseJob | null,
): Promise<ReadOutcome> {
  const base: SourceBase = { sourceId: file.sourceId, name: file.name, bytes: file.bytes };
  const unloaded = (
    status: SourceReport['status'],
    message: string,
    report: ImportReport | null,
    sink: CanonicalSink | null = null,
  ): ReadOutcome => {
    started?.cancel();
    return { kind: 'unloaded', source: unloadedReport(base, status, message, report), sink };
  };

  const importer = pickImporter(probe);
  if (file.blob.size === 0 && !importer?.acceptsEmpty)
    return unloaded('empty', 'The file is empty.', null);
  if (probe.binary && !importer?.binary)
    return unloaded(
      'failed',
      `This looks like ${probe.binary}, which Lockstep does not read.`,
      null,
    );
  if (!probe.binary && file.blob.size > 0 && holdsOnlyBlankSpace(probe))
    return unloaded('empty', 'The file holds only blank space.', null);
  if (!importer)
    return unloaded(
      'failed',
      'Lockstep does not recognize this file as a table of runs or metrics.',
      null,
    );

  const report = new ImportReport();
  const hash = new ContentHash();
  const sink = new CanonicalSink(host, file.sourceId);
  let lastProgress = 0;
  const ctx: ReadContext = {
    probe,
    sink,
    report,
    signal,
    onChunk: (chunk) => hash.update(chunk),
    onBytes: (bytesRead) => {
      const now = Date.now();
      if (onProgress && (now - lastProgress > 100 || bytesRead === file.blob.size)) {
        lastProgress = now;
        onProgress({
          sourceId: file.sourceId,
          bytesRead,
          bytes: file.blob.size,
          points: sink.points,
        });
      }
    },
  };
  let parsedHash: string | null = null;
  try {
    if (signal.aborted) throw new CancelledError();
    const job = started !== undefined ? started : startParsing(file, probe, signal);
    if (job) {
      parsedHash = await readInParser(job, {
        sink,
        report,
        signal,
        onBytes: (bytesRead) => ctx.onBytes(bytesRead),
      });
    }
    // A file the probe read whole is read again from memory: thousands of small files, one disk read each.
    const blob =
      probe.raw.length === file.blob.size ? new MemoryBlob(probe.raw).asBlob() : file.blob;
    if (parsedHash === null) await importer.read({ name: file.name, blob }, ctx);
  } catch (error) {
    if (error instanceof CancelledError || signal.aborted)
      return unloaded('cancelled', 'Cancelled; nothing from this file was kept.', report, sink);
    if (error instanceof UnreadableError || error instanceof TooLargeError)
      return unloaded('failed', error.message, report, sink);
    return unloaded(
      'failed',
      `The file could not be read: ${error instanceof Error ? error.message : String(error)}`,
      report,
      sink,
    );
  }
  return {
    kind: 'read',
    sink,
    report,
    sha256: parsedHash !== null ? Promise.resolve(parsedHash) : hash.digest(),
  };
}

/** `headText.trim() === ''`, settled from the bytes when a visible ASCII character comes first. */
function holdsOnlyBlankSpace(probe: Probe): boolean {
  for (const b of probe.head) {
    if (b === 32 || (b >= 9 && b <= 13)) continue;
    if (b < 128) return false;
    break;
  }
  return probe.headText.trim() === '';
}
