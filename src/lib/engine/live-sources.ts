/**
 * Files being watched while a run trains. Each is read further from where its last read stopped:
 * only the bytes appended since, up to the last whole line or record, prefixed with the file's
 * header (or first record) so that its importer reads them as a file of its format. The points go
 * into the same tables and point log, under the same source; a file that changed in another way
 * (shrunk, header or earlier bytes changed, a format rewritten whole) is said to have changed, and
 * the page reads it again whole.
 */

import { ImportReport } from '../importers/report';
import { pickImporter } from '../importers/registry';
import type { Importer, ReadContext } from '../importers/types';
import { growthOf, preambleEnd, wholeEnd, wholeRecordsEnd, type Growth } from '../live/growth';
import { mergeReports, shiftLines } from '../live/merge-report';
import { CanonicalSink, type SinkHost } from '../schema/canonical-sink';
import { writeGroup, type RepeatCounts } from '../schema/group-writer';
import { literal } from '../sql/quote';
import type { SourceReport } from './api';
import { exec, queryRows, type Db } from './db';
import { PROBE_BYTES, probeBytes } from './probe';
import { repeatedWarning, statusOf, summarize } from './source-report';

export type AppendOutcome =
  /** Nothing new (the file was touched, or is as it was). */
  | { kind: 'same' }
  /** It grew, but only by a line or record still being written: read once whole. */
  | { kind: 'waiting'; bytes: number }
  | {
      kind: 'appended';
      /** Points stored and rows (lines or records) read from the new bytes. */
      points: number;
      rows: number;
      /** Bytes after the last whole line or record, left for the next read. */
      waiting: number;
      report: SourceReport;
    }
  /** Not an append: read the file again whole. */
  | { kind: 'changed'; reason: string };

export interface LiveHost {
  db: Db;
  /** Runs and metrics by key and name, as for any file read (points are written by `write`). */
  sinkHost: Omit<SinkHost, 'insertPoints'>;
  report(sourceId: number): SourceReport | undefined;
  /** Stores what `write` returns about a source: its report after the read. */
  remember(report: SourceReport): void;
  /** Runs `write` so that only the series of `pairs` are built again afterwards. */
  appending<T>(pairs: readonly { runId: number; metricId: number }[], write: () => T): T;
}

interface Watched {
  name: string;
  importer: Importer;
  growth: Growth;
  preamble: Uint8Array;
  /** Bytes read so far: everything before is in the tables. */
  read: number;
  /** The bytes just before `read`, to notice a file rewritten rather than appended to. */
  mark: Uint8Array;
  /** Lines (or records) before `read`, counted when first needed (a rejected row's number). */
  rowsBefore: number | null;
}

const MARK_BYTES = 64;
/** How far back from its end a file is searched for its last line break at a time. */
const WINDOW = 64 * 1024;

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function importerOf(
  name: string,
  blob: Blob,
): Promise<{ importer: Importer | null; head: Uint8Array }> {
  const head = await bytesOf(blob, 0, Math.min(blob.size, PROBE_BYTES));
  return { importer: pickImporter(probeBytes(name, blob.size, head)), head };
}

/** Walks whole records from the start, a window at a time; `upTo` bounds the walk. */
async function walkRecords(
  blob: Blob,
  upTo = blob.size,
): Promise<{ end: number; records: number }> {
  let at = 0;
  let records = 0;
  let carry: Uint8Array = new Uint8Array(0);
  for (let start = 0; start < upTo; start += 4 * WINDOW * 16) {
    const chunk = await bytesOf(blob, start, Math.min(upTo, start + 4 * WINDOW * 16));
    const bytes = carry.length ? concat(carry, chunk) : chunk;
    const r = wholeRecordsEnd(bytes);
    at += r.end;
    records += r.records;
    carry = bytes.subarray(r.end);
  }
  return { end: at, records };
}

async function countLinesBefore(blob: Blob, end: number): Promise<number> {
  let n = 0;
  for (let start = 0; start < end; start += 16 * WINDOW) {
    const chunk = await bytesOf(blob, start, Math.min(end, start + 16 * WINDOW));
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class LiveSources {
  #host: LiveHost;
  #watched = new Map<number, Watched>();

  constructor(host: LiveHost) {
    this.#host = host;
  }

  /**
   * Where the whole content of a file ends now: a last line (or record) still being written is left
   * out, so that a file first read while it grows never yields a cut number.
   */
  static async wholeLength(name: string, blob: Blob): Promise<number> {
    const { importer, head } = await importerOf(name, blob);
    if (!importer) return blob.size;
    const growth = growthOf(importer.id, name, new TextDecoder().decode(head));
    if (growth.kind === 'records') return (await walkRecords(blob)).end;
    if (growth.kind === 'whole') return blob.size;
    for (let end = blob.size; end > 0; end -= WINDOW) {
      const start = Math.max(0, end - WINDOW);
      const at = (await bytesOf(blob, start, end)).lastIndexOf(10);
      if (at >= 0) return start + at + 1;
    }
    return 0;
  }

  /** Starts watching a loaded source, read up to `report.bytes` of `blob` (the file now). */
  async watch(sourceId: number, name: string, blob: Blob): Promise<void> {
    const read = this.#host.report(sourceId)?.bytes ?? blob.size;
    const { importer, head } = await importerOf(name, blob);
    if (!importer) throw new Error(`${name}: no importer reads this file.`);
    const growth = growthOf(importer.id, name, new TextDecoder().decode(head));
    const end = preambleEnd(growth, head.subarray(0, Math.min(head.length, read)));
    this.#watched.set(sourceId, {
      name,
      importer,
      growth: end === null ? { kind: 'whole' } : growth,
      preamble: head.slice(0, end ?? 0),
      read,
      mark: await bytesOf(blob, Math.max(0, read - MARK_BYTES), read),
      rowsBefore: null,
    });
  }

  forget(sourceId: number): void {
    this.#watched.delete(sourceId);
  }

  watching(sourceId: number): boolean {
    return this.#watched.has(sourceId);
  }

  /** Reads what was appended to the source's file since the last read (`blob` is the file now). */
  async append(sourceId: number, blob: Blob): Promise<AppendOutcome> {
    const w = this.#watched.get(sourceId);
    const before = this.#host.report(sourceId);
    if (!w || !before?.report) return { kind: 'changed', reason: 'it is not being watched' };
    if (w.growth.kind === 'whole')
      return { kind: 'changed', reason: 'a file of this format is rewritten as a whole' };
    if (blob.size < w.read)
      return { kind: 'changed', reason: `it shrank from ${w.read} to ${blob.size} bytes` };
    if (!equal(await bytesOf(blob, 0, w.preamble.length), w.preamble))
      return {
        kind: 'changed',
        reason: w.growth.kind === 'records' ? 'its first record changed' : 'its header changed',
      };
    if (!equal(await bytesOf(blob, w.read - w.mark.length, w.read), w.mark))
      return { kind: 'changed', reason: 'bytes read before changed (the file was rewritten)' };
    if (blob.size === w.read) return { kind: 'same' };

    const tail = await bytesOf(blob, w.read, blob.size);
    const { end, rows } = wholeEnd(w.growth, tail);
    if (end === 0) return { kind: 'waiting', bytes: tail.length };
    const file = concat(w.preamble, tail.subarray(0, end));
    const sink = new CanonicalSink(
      { ...this.#host.sinkHost, insertPoints: (ipc) => early.push(ipc.slice()) },
      sourceId,
    );
    const early: Uint8Array[] = [];
    const report = new ImportReport();
    const ctx: ReadContext = {
      probe: probeBytes(w.name, file.length, file.subarray(0, PROBE_BYTES)),
      sink,
      report,
      signal: new AbortController().signal,
      onBytes: () => {},
      onChunk: () => {},
    };
    await w.importer.read({ name: w.name, blob: new Blob([file]) }, ctx);

    const db = this.#host.db;
    const linked = new Set(
      queryRows<{ run_id: number }>(
        db,
        `SELECT run_id FROM run_sources WHERE source_id = ${literal(sourceId)}`,
      ).map((r) => r.run_id),
    );
    const pairs = sink.series.map((s) => ({ runId: s.runId, metricId: s.metricId }));
    const entry = {
      sink,
      name: w.name,
      bytes: w.read + end,
      format: before.report.format,
      sha256: before.sha256 ?? '',
    };
    let repeats: Map<number, RepeatCounts>;
    try {
      repeats = this.#host.appending(pairs, () => {
        for (const ipc of early) db.insertIPC('metrics', ipc);
        return writeGroup(db, [entry], linked);
      });
    } catch (error) {
      return {
        kind: 'changed',
        reason: `its new rows could not be stored (${(error as Error).message})`,
      };
    }
    const counts = repeats.get(sourceId) ?? { lost: 0, won: 0 };
    if (counts.won > 0) report.warn(repeatedWarning(counts.won));
    let added = report.toData({
      runs: linked.size + sink.runs.filter((r) => !linked.has(r.runId)).length,
      metrics: sink.metricIds.size,
      points: sink.points - counts.lost,
    });
    if (added.rejections.length > 0) {
      w.rowsBefore ??=
        w.growth.kind === 'records'
          ? (await walkRecords(blob, w.read)).records
          : await countLinesBefore(blob, w.read);
      const preambleRows = w.preamble.length > 0 ? 1 : 0;
      added = shiftLines(added, w.rowsBefore - preambleRows);
    }
    if (w.rowsBefore !== null) w.rowsBefore += rows;
    w.read += end;
    w.mark = tail.slice(Math.max(0, end - MARK_BYTES), end);

    const data = mergeReports(before.report, added);
    const status = statusOf(data);
    const next: SourceReport = {
      ...before,
      bytes: w.read,
      status,
      message: summarize(status, data),
      report: data,
    };
    exec(
      db,
      `UPDATE sources SET bytes = ${w.read}, status = ${literal(status)}, message = ${literal(next.message)}
       WHERE source_id = ${literal(sourceId)}`,
    );
    this.#host.remember(next);
    return {
      kind: 'appended',
      points: added.points,
      rows,
      waiting: tail.length - end,
      report: next,
    };
  }
}
