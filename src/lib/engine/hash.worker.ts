/// <reference lib="webworker" />
/**
 * The hash worker: computes content hashes beside the parser worker, which sends it a copy of
 * every chunk it reads (see hash-offload.ts). WebCrypto's digest runs in the calling thread, so
 * hashing here keeps it off the parser's; the result is the same `ContentHash`.
 */

import { ContentHash } from './content-hash';
import type { FromHasher, ToHasher } from './hash-offload';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const hashes = new Map<number, ContentHash>();

scope.onmessage = (event: MessageEvent<ToHasher>) => {
  const message = event.data;
  let hash = hashes.get(message.job);
  if (!hash) hashes.set(message.job, (hash = new ContentHash()));
  if (message.type === 'chunk') {
    hash.update(message.chunk);
    return;
  }
  hashes.delete(message.job);
  if (message.type === 'digest')
    void hash.digest().then((sha256) => {
      scope.postMessage({ job: message.job, sha256 } satisfies FromHasher);
    });
};
