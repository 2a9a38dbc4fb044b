/**
 * One file's journey into the canonical tables: probe, pick an importer, stream it through the
 * sink, then write runs, key-value rows and series in one transaction. A file that fails or is
 * cancelled leaves nothing behind; the files loaded before it are untouched.
 */

import { describeLines, ImportReport } from '../importers/report';
import { canReadInParser, readInParser } from '../importers/csv/parse-remote';
import { pickImporter } from '../importers/registry';
import { UnreadableError } from '../importers/shapes/read-shape';
import { describeBinary } from '../importers/text/binary';
import { CancelledError } from '../importers/text/chunks';
import { detectEncoding, needsTranscoding, transcodeToUtf8 } from '../importers/text/decode';
import type { Probe, ReadContext } from '../importers/types';
import { CanonicalSink, keyValueIPC } from '../schema/canonical-sink';
import { writeSinkRows } from '../schema/write-sink';
import type { IngestProgress, SourceReport, SourceStatus } from './api';
import { exec, type Db } from './db';
import { ContentHash } from './content-hash';
import { literal } from '../sql/quote';

const PROBE_BYTES = 64 * 1024;

export interface IngestHost {
  db: Db;
  existingRun(key: string): number | undefined;
  newRunId(): number;
  metricId(name: string): number;
  rememberRun(key: string, runId: number): void;
  forgetRun(key: string): void;
  loadedHash(sha256: string): number | null;
  sourceName(sourceId: number): string;
}

export interface IngestFile {
  sourceId: number;
  name: string;
  blob: Blob;
}

async function makeProbe(file: IngestFile): Promise<{ probe: Probe; binary: string | null }> {
  const raw = new Uint8Array(await file.blob.slice(0, PROBE_BYTES).arrayBuffer());
  const { encoding, skip } = detectEncoding(raw);
  let head: Uint8Array = raw.subarray(skip);
  if (needsTranscoding(encoding)) head = transcodeToUtf8(head, encoding);
  const binary = describeBinary(raw, file.name, head);
  head = head.includes(0) ? head.filter((b) => b !== 0) : head;
  const headText = new TextDecoder().decode(head);
  return { probe: { name: file.name, size: file.blob.size, raw, head, headText, binary }, binary };
}

export async function ingestFile(
  host: IngestHost,
  file: IngestFile,
  signal: AbortSignal,
  onProgress?: (p: IngestProgress) => void,
): Promise<SourceReport> {
  const { db } = host;
  const base = { sourceId: file.sourceId, name: file.name, bytes: file.blob.size, duplicateOf: null };
  exec(
    db,
    `INSERT INTO sources VALUES (${file.sourceId}, ${literal(file.name)}, NULL, ${file.blob.size}, NULL, 'reading', NULL)`,
  );
  const finishSource = (r: SourceReport): SourceReport => {
    exec(
      db,
      `UPDATE sources SET format = ${literal(r.report?.format ?? null)}, sha256 = ${literal(r.sha256)},
         status = ${literal(r.status)}, message = ${literal(r.message)} WHERE source_id = ${file.sourceId}`,
    );
    return r;
  };
  const fail = (status: SourceStatus, message: string, report: ImportReport | null, sha256: string | null = null) =>
    finishSource({ ...base, sha256, status, message, report: report?.toData({ runs: 0, metrics: 0, points: 0 }) ?? null });

  if (file.blob.size === 0) return fail('empty', 'The file is empty.', null);
  const { probe, binary } = await makeProbe(file);
  const importer = pickImporter(probe);
  if (binary && !importer?.binary) return fail('failed', `This looks like ${binary}, which Lockstep does not read.`, null);
  if (!binary && probe.headText.trim() === '') return fail('empty', 'The file holds only blank space.', null);
  if (!importer) return fail('failed', 'Lockstep does not recognize this file as a table of runs or metrics.', null);

  const report = new ImportReport();
  const hash = new ContentHash();
  const sink = new CanonicalSink(
    { ...host, insertPoints: (ipc) => db.insertIPC('metrics', ipc) },
    file.sourceId,
  );
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
        onProgress({ sourceId: file.sourceId, bytesRead, bytes: file.blob.size, points: sink.points });
      }
    },
  };
  const rollback = () => {
    exec(db, `DELETE FROM metrics WHERE source_id = ${file.sourceId}`);
  };
  // A big file is parsed in a second worker while this one stores what it read (two cores busy).
  let parsedHash: string | null = null;
  try {
    if (canReadInParser(importer.id, file.blob.size)) {
      parsedHash = await readInParser({
        importerId: importer.id,
        name: file.name,
        blob: file.blob,
        probe,
        sink,
        report,
        signal,
        onBytes: (bytesRead) => ctx.onBytes(bytesRead),
      });
    }
    if (parsedHash === null) await importer.read({ name: file.name, blob: file.blob }, ctx);
    sink.finish();
  } catch (error) {
    rollback();
    if (error instanceof CancelledError || signal.aborted) return fail('cancelled', 'Cancelled; nothing from this file was kept.', report);
    if (error instanceof UnreadableError) return fail('failed', error.message, report);
    return fail('failed', `The file could not be read: ${error instanceof Error ? error.message : String(error)}`, report);
  }
  const sha256 = parsedHash ?? (await hash.digest());
  const twin = host.loadedHash(sha256);
  if (twin !== null) {
    rollback();
    return finishSource({
      ...base,
      sha256,
      status: 'duplicate',
      message: `Same content as ${host.sourceName(twin)}, which is already loaded; skipped.`,
      report: report.toData({ runs: 0, metrics: 0, points: 0 }),
      duplicateOf: twin,
    });
  }
  let repeated: number;
  try {
    repeated = writeSinkRows(db, sink, file.sourceId, keyValueIPC);
  } catch (error) {
    rollback();
    return fail('failed', `The file was read but could not be stored: ${(error as Error).message}`, report, sha256);
  }
  for (const run of sink.runs) host.rememberRun(run.key, run.runId);
  if (repeated > 0) {
    report.warn(`${repeated.toLocaleString('en-US')} points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.`);
  }
  const counts = { runs: sink.runs.length, metrics: sink.metricIds.size, points: sink.points - repeated };
  const data = report.toData(counts);
  const status: SourceStatus =
    counts.runs > 0 ? (data.rowsRejected > 0 ? 'partial' : 'loaded') : data.rowsRejected > 0 ? 'failed' : 'empty';
  return finishSource({ ...base, sha256, status, message: summarize(status, data, counts), report: data });
}

function summarize(
  status: SourceStatus,
  data: ReturnType<ImportReport['toData']>,
  counts: { runs: number; metrics: number; points: number },
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (status === 'empty') {
    return data.rowsRead === 0 ? 'No data rows: the file has a header only.' : 'No run could be read from this file.';
  }
  const first = data.rejections[0];
  const rejected = first
    ? `${n(data.rowsRejected)} rejected (${first.reason}: ${describeLines(first, data.rowUnit)}${data.rejections.length > 1 ? '; more below' : ''}).`
    : '';
  if (status === 'failed') return `Nothing could be read: ${rejected}`;
  const main = `${data.format}: ${n(counts.runs)} run${counts.runs === 1 ? '' : 's'}, ${n(counts.metrics)} metric${counts.metrics === 1 ? '' : 's'}, ${n(counts.points)} point${counts.points === 1 ? '' : 's'}.`;
  return status === 'partial' ? `${main} ${rejected}` : main;
}
