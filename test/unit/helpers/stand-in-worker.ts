/**
 * A stand-in for the browser's `Worker` that runs a worker module (parse.worker.ts, hash.worker.ts)
 * in this thread: a fresh module instance per worker, messages delivered asynchronously and copied
 * as a browser would (transfer lists are ignored: a copy is as good here).
 */

import { fileURLToPath } from 'node:url';

/** The parser worker's module, for tests that start one themselves. */
export const PARSER_WORKER = new URL(
  '../../../src/lib/importers/csv/parse.worker.ts',
  import.meta.url,
);

type Listener = ((event: { data: unknown }) => void) | null;

export class StandInWorker {
  /** Workers made so far, over all tests of a file. */
  static made = 0;
  onmessage: Listener = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  #scope: { onmessage: Listener; postMessage(m: unknown, t?: Transferable[]): void };
  #loaded: Promise<unknown>;
  #ended = false;

  constructor(url: URL | string) {
    const scope = {
      onmessage: null as Listener,
      postMessage: (message: unknown) => {
        const copy = clone(message);
        setTimeout(() => {
          if (!this.#ended) this.onmessage?.({ data: copy });
        }, 0);
      },
    };
    this.#scope = scope;
    (globalThis as Record<string, unknown>).self = scope;
    const path = fileURLToPath(url);
    this.#loaded = import(/* @vite-ignore */ `${path}?instance=${++StandInWorker.made}`);
  }

  postMessage(message: unknown): void {
    const copy = clone(message);
    void this.#loaded.then(() =>
      setTimeout(() => {
        if (!this.#ended) this.#scope.onmessage?.({ data: copy });
      }, 0),
    );
  }

  terminate(): void {
    this.#ended = true;
  }
}

/** structuredClone, except for Blobs (kept as they are; Node 20 cannot clone them). */
function clone(value: unknown): unknown {
  if (value instanceof Blob) return value;
  if (ArrayBuffer.isView(value)) return structuredClone(value);
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  }
  return value;
}
