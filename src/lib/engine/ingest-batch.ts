/**
 * Reads a list of files (a drop, a folder, a zip's contents) one by one, and commits what they
 * hold in groups: one transaction per group instead of one per file. Each file still gets its own
 * report, and a file that fails or is cancelled leaves nothing behind.
 */

import { ImportReport } from '../importers/report';
import { isZip, unzipEntries, ZipError } from '../importers/zip/unzip';
import type { CanonicalSink, SinkHost } from '../schema/canonical-sink';
import { writeGroup, type GroupEntry } from '../schema/group-writer';
import { insertSources, type SourceRow } from '../schema/source-rows';
import type { Probe } from '../importers/types';
import type { IngestEvent, SourceReport } from './api';
import { exec, type Db } from './db';
import { makeProbe } from './probe';
import { readSource, startParsing } from './read-source';
import type { ParseJob } from '../importers/csv/parser-pool';
import { repeatedWarning, statusOf, summarize, unloadedReport } from './source-report';

/**
 * A group is committed when it holds this many buffered points, files, or has waited this long.
 * Each commit costs ~30 ms in duckdb-wasm whatever it holds: at 250 ms, the commits of the 50-file
 * TensorBoard bench logdir took 0.8 s of the engine's 5 s (traced in Chromium); files read in the
 * parser worker hold no buffered points, so only the time bounds their group. A second between
 * final statuses is still prompt for someone watching a folder load.
 */
const GROUP_POINTS = 1 << 18;
const GROUP_FILES = 400;
const GROUP_MS = 1000;

const STATUS_ORDER = ['loaded', 'partial', 'duplicate', 'empty', 'failed', 'cancelled'] as const;

export interface BatchHost extends SinkHost {
  db: Db;
  /** Writes the metric names given ids since the last call, before the points that use them. */
  writeMetricNames(): void;
  nextSourceId(): number;
  /** The loaded source with this content hash, if any. */
  loadedHash(sha256: string): number | null;
  sourceName(sourceId: number): string;
  /** Called for each finished source (top-level or inside an archive). */
  remember(report: SourceReport): void;
  /** Undo `rememberRun` for runs a discarded file created, unless something else holds them. */
  forgetRunsOf(sink: CanonicalSink, stillPending: readonly CanonicalSink[]): void;
  abortSignal(key: number): AbortSignal;
  /** Keeps the debug samples a loaded file held (see `EngineApi.samples`). */
  keepSamples?(sourceId: number, file: string, samples: CanonicalSink['samples']): void;
  /** Keeps the tracker PR curves a loaded file held (see `EngineApi.trackerCurves`). */
  keepPrCurves?(sourceId: number, curves: CanonicalSink['prCurves']): void;
}

export interface BatchFile {
  /** The caller's id for the file, used in events and to cancel it. */
  key: number;
  name: string;
  blob: Blob;
}

interface Pending {
  sink: CanonicalSink;
  report: ImportReport;
  sha256: Promise<string>;
  key: number;
  parent: SourceReport | null;
  name: string;
  bytes: number;
}

export class IngestBatch {
  #host: BatchHost;
  #onEvent: (event: IngestEvent) => void;
  #onWritten: () => void;
  #pending: Pending[] = [];
  #pendingPoints = 0;
  #groupStarted = 0;
  #hashes = new Map<string, { sourceId: number; name: string }>();
  #sourceRows: SourceRow[] = [];

  /** `onWritten` hears when the sources rows of the files finished so far have been written. */
  constructor(
    host: BatchHost,
    onEvent: (event: IngestEvent) => void = () => {},
    onWritten: () => void = () => {},
  ) {
    this.#host = host;
    this.#onEvent = onEvent;
    this.#onWritten = onWritten;
  }

  /**
   * Reads a file the caller handed over; its report comes as a `done` event, now or with its group.
   * `job`: its parser job when started ahead (see `startParsing`).
   */
  read(file: BatchFile, probe: Promise<Probe>, job?: Promise<ParseJob | null>): Promise<void> {
    return this.#one(file, null, probe, job);
  }

  /** Starts a file in a parser worker ahead of its turn, when it is worth it (null otherwise). */
  async startParsing(file: BatchFile, probe: Promise<Probe>): Promise<ParseJob | null> {
    try {
      return startParsing(file, await probe, this.#host.abortSignal(file.key));
    } catch {
      return null;
    }
  }

  /** Commits what is pending and writes the sources rows: every file read so far is final. */
  async finish(): Promise<void> {
    await this.#commit();
    this.#writeSourceRows();
  }

  /** Reads one file; its report is final when it is written (`#finished`), now or with its group. */
  async #one(
    file: BatchFile,
    parent: SourceReport | null,
    probed?: Promise<Probe>,
    started?: Promise<ParseJob | null>,
  ): Promise<void> {
    const job = await started?.catch(() => null);
    const host = this.#host;
    const sourceId = host.nextSourceId();
    const base = { sourceId, name: file.name, bytes: file.blob.size };
    const signal = host.abortSignal(file.key);
    this.#onEvent({ kind: 'start', key: file.key, sourceId, name: file.name });
    if (signal.aborted) {
      job?.cancel();
      this.#finished(
        file.key,
        unloadedReport(base, 'cancelled', 'Cancelled before it was read.', null),
        parent,
      );
      return;
    }

    let probe: Probe;
    try {
      probe = await (probed ?? makeProbe(file.name, file.blob));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#finished(
        file.key,
        unloadedReport(base, 'failed', `The file could not be read: ${reason}`, null),
        parent,
      );
      return;
    }
    if (isZip(probe.raw)) {
      job?.cancel();
      return this.#archive(file, base, parent);
    }

    const outcome = await readSource(
      host,
      { ...base, blob: file.blob },
      probe,
      signal,
      (p) => this.#onEvent({ kind: 'progress', key: file.key, ...p }),
      job,
    );
    if (outcome.kind === 'unloaded') {
      if (outcome.sink) this.#discard(outcome.sink);
      this.#finished(file.key, outcome.source, parent);
      return;
    }
    const { sink, report, sha256 } = outcome;
    if (this.#pending.length === 0) this.#groupStarted = performance.now();
    this.#pending.push({
      sink,
      report,
      sha256,
      key: file.key,
      parent,
      name: file.name,
      bytes: file.blob.size,
    });
    this.#pendingPoints += sink.points - sink.flushedPoints;
    if (
      this.#pendingPoints >= GROUP_POINTS ||
      this.#pending.length >= GROUP_FILES ||
      performance.now() - this.#groupStarted >= GROUP_MS
    ) {
      await this.#commit();
    }
  }

  /** An archive is a source of its own whose files are read as its children. */
  async #archive(
    file: BatchFile,
    base: { sourceId: number; name: string; bytes: number },
    parent: SourceReport | null,
  ): Promise<void> {
    const self = unloadedReport(base, 'loaded', '', null);
    let entries;
    try {
      // The archive itself is engine business, not an importer's: it is read whole, then unpacked.
      entries = unzipEntries(new Uint8Array(await file.blob.arrayBuffer()));
    } catch (error) {
      const message =
        error instanceof ZipError
          ? error.message
          : `The zip archive cannot be read: ${(error as Error).message}`;
      this.#finished(file.key, { ...self, status: 'failed', message }, parent);
      return;
    }
    this.#onEvent({
      kind: 'progress',
      key: file.key,
      sourceId: base.sourceId,
      bytesRead: file.blob.size,
      bytes: file.blob.size,
      points: 0,
    });
    for (const entry of entries) {
      await this.#one(
        { key: file.key, name: `${file.name}/${entry.path}`, blob: entry.blob },
        self,
      );
    }
    await this.#commit();
    const counts = new Map<string, number>();
    for (const child of self.children)
      counts.set(child.status, (counts.get(child.status) ?? 0) + 1);
    const loaded = (counts.get('loaded') ?? 0) + (counts.get('partial') ?? 0);
    self.status =
      entries.length === 0
        ? 'empty'
        : loaded > 0
          ? (counts.get('loaded') ?? 0) === entries.length
            ? 'loaded'
            : 'partial'
          : 'failed';
    self.message =
      entries.length === 0
        ? 'The zip archive holds no files.'
        : `Zip archive: ${entries.length} file${entries.length === 1 ? '' : 's'}, ${STATUS_ORDER.filter(
            (s) => counts.has(s),
          )
            .map((s) => `${counts.get(s)} ${s}`)
            .join(', ')}.`;
    this.#finished(file.key, self, parent);
  }

  #finished(key: number, report: SourceReport, parent: SourceReport | null): SourceReport {
    this.#sourceRows.push({
      sourceId: report.sourceId,
      name: report.name,
      format: report.children.length ? 'zip archive' : (report.report?.format ?? null),
      bytes: report.bytes,
      sha256: report.sha256,
      status: report.status,
      message: report.message,
    });
    this.#host.remember(report);
    if (parent) parent.children.push(report);
    else this.#onEvent({ kind: 'done', key, report });
    return report;
  }

  /** One insert for the `sources` rows of every file finished since the last call. */
  #writeSourceRows(): void {
    insertSources(this.#host.db, this.#sourceRows);
    this.#sourceRows = [];
    this.#onWritten();
  }

  #discard(
    sink: CanonicalSink,
    others: readonly CanonicalSink[] = this.#pending.map((p) => p.sink),
  ): void {
    if (sink.flushedPoints > 0)
      exec(this.#host.db, `DELETE FROM metrics WHERE source_id = ${sink.sourceId}`);
    this.#host.forgetRunsOf(
      sink,
      others.filter((o) => o !== sink),
    );
  }

  /** Files whose content is already loaded (or earlier in this batch) are set aside as duplicates. */
  async #withoutDuplicates(group: Pending[]): Promise<{ pending: Pending; entry: GroupEntry }[]> {
    const hashes = await Promise.all(group.map((p) => p.sha256));
    const kept: { pending: Pending; entry: GroupEntry }[] = [];
    group.forEach((p, i) => {
      const sha256 = hashes[i];
      const earlier = this.#hashes.get(sha256);
      const twin = this.#host.loadedHash(sha256) ?? earlier?.sourceId ?? null;
      if (twin === null) {
        this.#hashes.set(sha256, { sourceId: p.sink.sourceId, name: p.name });
        kept.push({
          pending: p,
          entry: { sink: p.sink, name: p.name, bytes: p.bytes, format: p.report.format, sha256 },
        });
        return;
      }
      this.#discard(
        p.sink,
        group.map((q) => q.sink),
      );
      const message = `Same content as ${earlier?.name ?? this.#host.sourceName(twin)}, which is already loaded; skipped.`;
      const base = { sourceId: p.sink.sourceId, name: p.name, bytes: p.bytes };
      this.#finished(
        p.key,
        unloadedReport(base, 'duplicate', message, p.report, { sha256, duplicateOf: twin }),
        p.parent,
      );
    });
    return kept;
  }

  /** Writes the pending group and finishes each of its files' reports. */
  async #commit(): Promise<void> {
    const group = this.#pending;
    if (group.length === 0) return;
    this.#pending = [];
    this.#pendingPoints = 0;
    const kept = await this.#withoutDuplicates(group);
    this.#host.writeMetricNames();
    let repeats;
    try {
      repeats = writeGroup(
        this.#host.db,
        kept.map((k) => k.entry),
      );
    } catch (error) {
      for (const { pending: p, entry } of kept) {
        this.#discard(p.sink);
        const base = { sourceId: p.sink.sourceId, name: p.name, bytes: p.bytes };
        const message = `The file was read but could not be stored: ${(error as Error).message}`;
        this.#finished(
          p.key,
          unloadedReport(base, 'failed', message, p.report, { sha256: entry.sha256 }),
          p.parent,
        );
      }
      this.#writeSourceRows();
      return;
    }
    for (const { pending: p, entry } of kept) {
      const { sink } = p;
      const counts = repeats.get(sink.sourceId) ?? { lost: 0, won: 0 };
      if (counts.won > 0) p.report.warn(repeatedWarning(counts.won));
      const data = p.report.toData({
        runs: sink.runs.length,
        metrics: sink.metricIds.size,
        points: sink.points - counts.lost,
        examples: sink.examples,
        predictionRuns: [...new Set(sink.predictionBatches.flatMap((b) => b.runRefs))],
      });
      const status = statusOf(data);
      const report: SourceReport = {
        sourceId: sink.sourceId,
        name: p.name,
        bytes: p.bytes,
        sha256: entry.sha256,
        duplicateOf: null,
        status,
        message: summarize(status, data),
        report: data,
        children: [],
      };
      if (sink.samples.length > 0) this.#host.keepSamples?.(sink.sourceId, p.name, sink.samples);
      if (sink.prCurves.length > 0) this.#host.keepPrCurves?.(sink.sourceId, sink.prCurves);
      this.#finished(p.key, report, p.parent);
    }
    this.#writeSourceRows();
  }
}
