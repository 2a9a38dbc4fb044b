/**
 * Reads a list of files (a drop, a folder, a zip's contents) one by one, and commits what they
 * hold in groups: one transaction per group instead of one per file. Each file still gets its own
 * report, and a file that fails or is cancelled leaves nothing behind.
 */

import { ImportReport } from '../importers/report';
import { isZip, unzipEntries, ZipError } from '../importers/zip/unzip';
import type { CanonicalSink, SinkHost } from '../schema/canonical-sink';
import { writeGroup, type GroupEntry } from '../schema/group-writer';
import type { Probe } from '../importers/types';
import type { IngestEvent, SourceReport } from './api';
import { exec, type Db } from './db';
import { makeProbe } from './probe';
import { readSource, startParsing } from './read-source';
import type { ParseJob } from '../importers/csv/parser-pool';
import { repeatedWarning, statusOf, summarize, unloadedReport } from './source-report';
import { literal } from '../sql/quote';

/**
 * A group is committed when it holds this many buffered points, files, or has waited this long.
 * Each commit costs ~30 ms in duckdb-wasm whatever it holds: at 250 ms, the commits of the 50-file
 * TensorBoard bench logdir took 0.8 s of the engine's 5 s (traced in Chromium); files read in the
 * parser worker hold no buffered points, so only the time bounds their group.
 */
const GROUP_POINTS = 1 << 18;
const GROUP_FILES = 400;
const GROUP_MS = 1000;

/** How many files ahead their first bytes are read. */
const READ_AHEAD = 16;

/** How many files ahead a parser worker starts on (those it reads): it parses while this thread stores. */
const PARSE_AHEAD = 2;

const STATUS_ORDER = ['loaded', 'partial', 'duplicate', 'empty', 'failed', 'cancelled'] as const;

export interface BatchHost extends SinkHost {
  db: Db;
  nextSourceId(): number;
  /** The loaded source with this content hash, if any. */
  loadedHash(sha256: string): number | null;
  sourceName(sourceId: number): string;
  /** Called for each finished source (top-level or inside an archive). */
  remember(report: SourceReport): void;
  /** Undo `rememberRun` for runs a discarded file created, unless something else holds them. */
  forgetRunsOf(sink: CanonicalSink, stillPending: readonly CanonicalSink[]): void;
  abortSignal(key: number): AbortSignal;
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
  #pending: Pending[] = [];
  #pendingPoints = 0;
  #groupStarted = 0;
  #hashes = new Map<string, { sourceId: number; name: string }>();
  #done = new Map<number, SourceReport>();
  #sourceRows: string[] = [];

  constructor(host: BatchHost, onEvent: (event: IngestEvent) => void = () => {}) {
    this.#host = host;
    this.#onEvent = onEvent;
  }

  /** Reads every file; resolves with their final reports, in order. */
  async run(files: BatchFile[]): Promise<SourceReport[]> {
    // The heads of the next files are read while this one is worked on: in a browser each read of a
    // dropped file is a round trip to the disk, which for thousands of small files is most of the time.
    const probes = new Map<number, Promise<Probe>>();
    const jobs = new Map<number, Promise<ParseJob | null>>();
    try {
      await this.#readAll(files, probes, jobs);
    } finally {
      // Jobs started ahead of a file never reached would hold the parser worker: let them go.
      for (const job of jobs.values()) void job.then((j) => j?.cancel());
    }
    await this.#commit();
    this.#writeSourceRows();
    return files.map((f) => this.#done.get(f.key) as SourceReport);
  }

  async #readAll(
    files: BatchFile[],
    probes: Map<number, Promise<Probe>>,
    jobs: Map<number, Promise<ParseJob | null>>,
  ): Promise<void> {
    for (let i = 0; i < files.length; i++) {
      for (let j = i; j < Math.min(files.length, i + READ_AHEAD); j++) {
        if (!probes.has(j)) probes.set(j, makeProbe(files[j].name, files[j].blob));
      }
      for (let j = i; j < Math.min(files.length, i + 1 + PARSE_AHEAD); j++) {
        if (!jobs.has(j))
          jobs.set(j, this.#startParsing(files[j], probes.get(j) as Promise<Probe>));
      }
      const probe = probes.get(i) as Promise<Probe>;
      const job = jobs.get(i) as Promise<ParseJob | null>;
      probes.delete(i);
      jobs.delete(i);
      await this.#one(files[i], null, await probe, await job);
    }
  }

  async #startParsing(file: BatchFile, probe: Promise<Probe>): Promise<ParseJob | null> {
    try {
      return startParsing(file, await probe, this.#host.abortSignal(file.key));
    } catch {
      return null;
    }
  }

  /**
   * Reads one file; its report is final when it is written (`#finished`), now or with its group.
   * `job`: its parser job, started ahead; read or cancelled here.
   */
  async #one(
    file: BatchFile,
    parent: SourceReport | null,
    probed?: Probe,
    job?: ParseJob | null,
  ): Promise<void> {
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

    const probe = probed ?? (await makeProbe(file.name, file.blob));
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
    this.#sourceRows.push(
      `(${report.sourceId}, ${literal(report.name)}, ${literal(report.children.length ? 'zip archive' : (report.report?.format ?? null))},
        ${report.bytes}, ${literal(report.sha256)}, ${literal(report.status)}, ${literal(report.message)})`,
    );
    this.#host.remember(report);
    if (parent) parent.children.push(report);
    else {
      this.#done.set(key, report);
      this.#onEvent({ kind: 'done', key, report });
    }
    return report;
  }

  /** One statement for the `sources` rows of every file finished since the last call. */
  #writeSourceRows(): void {
    for (let i = 0; i < this.#sourceRows.length; i += 1000) {
      exec(
        this.#host.db,
        `INSERT INTO sources VALUES ${this.#sourceRows.slice(i, i + 1000).join(',\n')}`,
      );
    }
    this.#sourceRows = [];
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
      this.#finished(p.key, report, p.parent);
    }
    this.#writeSourceRows();
  }
}
