/**
 * Runs the unit tests with every delimited file read through the parser worker protocol:
 *
 *   TZ=UTC npx vitest run --config bench/parser-worker/vitest.config.mjs
 *
 * The browser reads big CSV files in a parser worker (importers/csv/parse-remote.ts) and Node, with
 * no Web Worker, never does; this proves the two paths store the same thing. A stand-in Worker
 * runs parse.worker.ts in this thread — a fresh module instance per worker, messages delivered
 * asynchronously and copied as a browser would — and `parserOptions.minBytes` is 0.
 */

import { afterAll } from 'vitest';
import { parserOptions } from '../../src/lib/importers/csv/parse-remote';

parserOptions.minBytes = 0;
let made = 0;

type Listener = ((event: { data: unknown }) => void) | null;

class StandInWorker {
  onmessage: Listener = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  #scope: { onmessage: Listener; postMessage(m: unknown, t?: Transferable[]): void };
  #loaded: Promise<unknown>;
  #ended = false;

  constructor() {
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
    this.#loaded = import(
      /* @vite-ignore */ `../../src/lib/importers/csv/parse.worker.ts?instance=${++made}`
    );
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

(globalThis as Record<string, unknown>).Worker = StandInWorker;

// Each test file says how many files went through the stand-in, so a silent fallback would show.
afterAll(() => {
  console.log(`[parser worker] ${made} file(s) read through the parser worker protocol`);
});
