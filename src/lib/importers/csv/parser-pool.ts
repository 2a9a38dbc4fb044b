/**
 * Long-lived parser workers shared by every file the engine reads (see parse-protocol.ts). A file
 * is a job: it starts as soon as it is known, in the worker with the fewest jobs, and what the
 * worker sends about it waits in the job until the engine gets to that file. Starting a worker
 * once instead of once per file saves its start-up and keeps its code warm, and a job started
 * ahead lets the worker parse the next file while the engine stores this one.
 */

import type { PointBatch } from '../../schema/canonical-sink';
import { batchBuffers, type FromParser, type ReadRequest, type ToParser } from './parse-protocol';

/** What the pool needs of a `Worker`; tests hand in a stand-in. */
export interface ParserWorker {
  onmessage: ((event: MessageEvent<FromParser>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ToParser, transfer?: Transferable[]): void;
  terminate(): void;
}

/** What a job's reader is told: the worker's messages, or that the worker died. */
export type JobEvent =
  | FromParser
  /** `started`: the worker had said something about the job, so it may be half-read. */
  | { type: 'crashed'; started: boolean; message: string };

interface Slot {
  worker: ParserWorker;
  jobs: Map<number, ParseJob>;
}

export class ParseJob {
  readonly id: number;
  #post: (message: ToParser, transfer?: Transferable[]) => void;
  #held: JobEvent[] = [];
  #listener: ((event: JobEvent) => void) | null = null;
  #over = false;
  #heard = false;

  constructor(id: number, post: (message: ToParser, transfer?: Transferable[]) => void) {
    this.id = id;
    this.#post = post;
  }

  /** Receives the job's events, first those that arrived before. */
  listen(listener: (event: JobEvent) => void): void {
    const held = this.#held;
    this.#held = [];
    this.#listener = listener;
    for (const event of held) {
      if (this.#listener !== listener) break; // cancelled while catching up
      listener(event);
    }
  }

  /**
   * The engine stored a batch of this job: the worker may send another. `stored`, whose arrays the
   * engine no longer needs, goes back to be filled again.
   */
  acknowledge(stored: PointBatch | null = null): void {
    this.#post({ type: 'ack', batch: stored }, stored ? batchBuffers(stored) : []);
  }

  /** Stops the job; batches already sent are let go unread. Does nothing once the job is over. */
  cancel(): void {
    if (this.#over) return;
    this.#over = true;
    this.#listener = null;
    for (const event of this.#held) if (event.type === 'batch') this.acknowledge();
    this.#held = [];
    this.#post({ type: 'cancel', job: this.id });
  }

  /** @internal The worker died. */
  crash(message: string): void {
    this.deliver({ type: 'crashed', started: this.#heard, message });
  }

  /** @internal The pool hands over an event. */
  deliver(event: JobEvent): void {
    if (event.type !== 'crashed') this.#heard = true;
    if (event.type === 'done' || event.type === 'error' || event.type === 'crashed') {
      if (this.#over) return;
      this.#over = true;
    } else if (this.#over && this.#listener === null) {
      if (event.type === 'batch') this.acknowledge();
      return;
    }
    if (this.#listener) this.#listener(event);
    else this.#held.push(event);
  }
}

export class ParserPool {
  #make: () => ParserWorker;
  #size: number;
  #slots: Slot[] = [];
  #nextJob = 1;
  /** Workers started so far, for tests. */
  started = 0;

  /** `size`: how many workers at most. */
  constructor(make: () => ParserWorker, size: number) {
    this.#make = make;
    this.#size = Math.max(1, size);
  }

  /**
   * Starts reading a file; `null` when no worker could start (the caller reads it itself). The job
   * is cancelled when `signal` aborts.
   */
  start(request: ReadRequest, signal?: AbortSignal): ParseJob | null {
    const slot = this.#slot();
    if (!slot) return null;
    const job = new ParseJob(this.#nextJob++, (m, t) => slot.worker.postMessage(m, t));
    slot.jobs.set(job.id, job);
    slot.worker.postMessage({ type: 'read', job: job.id, ...request });
    if (signal?.aborted) job.cancel();
    else signal?.addEventListener('abort', () => job.cancel(), { once: true });
    return job;
  }

  /** The idle worker, else a new one while there is room, else the one with the fewest jobs. */
  #slot(): Slot | null {
    let best: Slot | null = null;
    for (const s of this.#slots) if (!best || s.jobs.size < best.jobs.size) best = s;
    if (best && (best.jobs.size === 0 || this.#slots.length >= this.#size)) return best;
    let worker: ParserWorker;
    try {
      worker = this.#make();
    } catch {
      return best;
    }
    this.started++;
    const slot: Slot = { worker, jobs: new Map() };
    worker.onmessage = (event) => {
      const message = event.data;
      const job = slot.jobs.get(message.job);
      if (!job) {
        // A job this side forgot (cancelled): its batches still count against the worker's limit.
        if (message.type === 'batch') worker.postMessage({ type: 'ack', batch: null });
        return;
      }
      if (message.type === 'done' || message.type === 'error') slot.jobs.delete(message.job);
      job.deliver(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      this.#slots = this.#slots.filter((s) => s !== slot);
      const message = event.message || 'the parser worker failed';
      for (const job of slot.jobs.values()) job.crash(message);
      slot.jobs.clear();
    };
    this.#slots.push(slot);
    return slot;
  }
}
