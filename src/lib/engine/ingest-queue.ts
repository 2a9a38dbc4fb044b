/**
 * Files handed to the engine in several calls, read as one batch while more keep coming. The page
 * sends a dropped folder over in slices (cloning a File costs its main thread); a batch per slice
 * would commit a group every few dozen files. Each call resolves when its own files' reports are
 * final and their sources rows written; when no file is left to read, the queue commits what is
 * pending and closes, and the next call starts a new one.
 */

import type { ParseJob } from '../importers/csv/parser-pool';
import type { Probe } from '../importers/types';
import type { IngestEvent, SourceReport } from './api';
import { IngestBatch, type BatchFile, type BatchHost } from './ingest-batch';
import { ReadAhead } from './read-ahead';

/** How many files ahead a parser worker starts on (those it reads): it parses while this thread stores. */
const PARSE_AHEAD = 2;

interface Caller {
  keys: number[];
  left: number;
  resolve(reports: SourceReport[]): void;
  reject(error: unknown): void;
}

export class IngestQueue {
  readonly #files: BatchFile[] = [];
  readonly #ahead = new ReadAhead(this.#files);
  readonly #batch: IngestBatch;
  readonly #reports = new Map<number, SourceReport>();
  readonly #callerOf = new Map<number, Caller>();
  /** Callers whose files are all final, answered once the sources rows are written. */
  #ready: Caller[] = [];
  #next = 0;
  #running = false;
  #closed = false;

  constructor(host: BatchHost, onEvent: (event: IngestEvent) => void) {
    this.#batch = new IngestBatch(
      host,
      (event) => {
        if (event.kind === 'done') this.#done(event.key, event.report);
        onEvent(event);
      },
      () => this.#answerReady(),
    );
  }

  /** True once the queue has run dry: it takes no more files. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Reads the files after those queued before; resolves with their final reports, in order. */
  add(files: readonly BatchFile[]): Promise<SourceReport[]> {
    if (this.#closed) throw new Error('This ingest queue is closed; start a new one.');
    if (files.length === 0) return Promise.resolve([]);
    const answer = new Promise<SourceReport[]>((resolve, reject) => {
      const caller = { keys: files.map((f) => f.key), left: files.length, resolve, reject };
      for (const f of files) this.#callerOf.set(f.key, caller);
    });
    this.#files.push(...files);
    if (!this.#running) void this.#drain();
    return answer;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    const probes = new Map<number, Promise<Probe>>();
    const jobs = new Map<number, Promise<ParseJob | null>>();
    try {
      // Files may be added while the last group commits: read them before closing.
      while (this.#next < this.#files.length) {
        while (this.#next < this.#files.length) {
          const i = this.#next++;
          for (let j = i; j < Math.min(this.#files.length, i + 1 + PARSE_AHEAD); j++) {
            if (probes.has(j)) continue;
            const probe = this.#ahead.take(j);
            probes.set(j, probe);
            jobs.set(j, this.#batch.startParsing(this.#files[j], probe));
          }
          const probe = probes.get(i) as Promise<Probe>;
          const job = jobs.get(i);
          probes.delete(i);
          jobs.delete(i);
          await this.#batch.read(this.#files[i], probe, job);
        }
        await this.#batch.finish();
      }
    } catch (error) {
      // Jobs started ahead of files never reached would hold the parser worker: let them go.
      for (const job of jobs.values()) void job.then((j) => j?.cancel());
      for (const caller of new Set(this.#callerOf.values())) caller.reject(error);
      this.#callerOf.clear();
    } finally {
      this.#closed = true;
      this.#running = false;
    }
  }

  #done(key: number, report: SourceReport): void {
    const caller = this.#callerOf.get(key);
    if (!caller) return;
    this.#reports.set(key, report);
    this.#callerOf.delete(key);
    if (--caller.left === 0) this.#ready.push(caller);
  }

  #answerReady(): void {
    const ready = this.#ready;
    this.#ready = [];
    for (const caller of ready) {
      caller.resolve(caller.keys.map((k) => this.#reports.get(k) as SourceReport));
      for (const k of caller.keys) this.#reports.delete(k);
    }
  }
}
