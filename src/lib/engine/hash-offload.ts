/**
 * Content hashes computed in a worker of their own (hash.worker.ts): the parser worker hands each
 * chunk over as it reads it and asks for the digest at the end. In headless Chromium on 2 cores,
 * SHA-256 took ~1 s of the parser's thread for 538 MB of event files; moved here it runs while
 * the parser and the engine wait for each other. Where no worker can start, the hash is computed
 * in the caller's thread as before.
 */

import { ContentHash } from './content-hash';

export type ToHasher =
  | { type: 'chunk'; job: number; chunk: Uint8Array }
  | { type: 'digest'; job: number }
  | { type: 'drop'; job: number };

export interface FromHasher {
  job: number;
  sha256: string;
}

/** What the hash worker needs of a `Worker`; tests hand in a stand-in. */
export interface HashWorker {
  onmessage: ((event: MessageEvent<FromHasher>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ToHasher, transfer?: Transferable[]): void;
}

export interface StreamHash {
  /** `owned`: the caller is done with the chunk, which may be taken (see `ReadContext.onChunk`). */
  update(chunk: Uint8Array, owned?: boolean): void;
  digest(): Promise<string>;
  /** The hash is not wanted any more. */
  drop(): void;
}

export class HashOffload {
  #make: () => HashWorker;
  #worker: HashWorker | null | undefined;
  #nextJob = 1;
  #waiting = new Map<number, { resolve(sha256: string): void; reject(error: Error): void }>();

  constructor(make: () => HashWorker) {
    this.#make = make;
  }

  /** A hash for one file's chunks. */
  start(): StreamHash {
    const worker = this.#started();
    if (!worker) {
      const hash = new ContentHash();
      return { update: (c) => hash.update(c), digest: () => hash.digest(), drop() {} };
    }
    const job = this.#nextJob++;
    return {
      // A chunk the reader still uses goes as a copy, transferred. (Posting it to be cloned copied
      // it twice, once on each side: 1.2 s of the parser's and the hash worker's threads for
      // 538 MB.)
      update: (chunk, owned) => {
        const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
        const bytes = owned && whole ? chunk : chunk.slice();
        worker.postMessage({ type: 'chunk', job, chunk: bytes }, [bytes.buffer]);
      },
      digest: () =>
        new Promise<string>((resolve, reject) => {
          this.#waiting.set(job, { resolve, reject });
          worker.postMessage({ type: 'digest', job });
        }),
      drop: () => worker.postMessage({ type: 'drop', job }),
    };
  }

  #started(): HashWorker | null {
    if (this.#worker !== undefined) return this.#worker;
    try {
      const worker = this.#make();
      worker.onmessage = (event) => {
        const { job, sha256 } = event.data;
        this.#waiting.get(job)?.resolve(sha256);
        this.#waiting.delete(job);
      };
      // Files hashed there are lost (they fail); later ones are hashed in the caller's thread.
      worker.onerror = (event) => {
        event.preventDefault();
        this.#worker = null;
        for (const w of this.#waiting.values()) w.reject(new Error('the hash worker failed'));
        this.#waiting.clear();
      };
      this.#worker = worker;
    } catch {
      this.#worker = null;
    }
    return this.#worker;
  }
}
