/// <reference lib="webworker" />
/**
 * The parser worker: runs an importer on each file it is given, one after another, as the engine
 * worker would, and hands what it read to the engine through a `RecordingSink` (see
 * parse-protocol.ts). It lives as long as the engine and never touches DuckDB.
 */

import { HashOffload, type HashWorker } from '../../engine/hash-offload';
import { delimitedImporter } from '../delimited';
import { tensorboardEventsImporter } from '../tensorboard-events';
import { ImportReport } from '../report';
import { UnreadableError } from '../shapes/read-shape';
import { CancelledError } from '../text/chunks';
import type { Importer, ReadContext } from '../types';
import { RecordingSink } from './recording-sink';
import {
  InFlight,
  type FromParser,
  type JobMessage,
  type ParserError,
  type ToParser,
} from './parse-protocol';

/** The importers this worker runs (see PARSER_IMPORTERS in parse-remote.ts); only they are bundled here. */
const PARSER_IMPORTERS: readonly Importer[] = [delimitedImporter, tensorboardEventsImporter];

type Read = Extract<ToParser, { type: 'read' }>;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const inFlight = new InFlight();
const queue: Read[] = [];
const cancels = new Map<number, AbortController>();
let reading = false;
const hashing = new HashOffload(
  () =>
    new Worker(new URL('../../engine/hash.worker.ts', import.meta.url), {
      type: 'module',
      name: 'lockstep-hash',
    }) as HashWorker,
);

scope.onmessage = (event: MessageEvent<ToParser>) => {
  const message = event.data;
  if (message.type === 'ack') inFlight.acknowledged(message.batch);
  else if (message.type === 'cancel') cancels.get(message.job)?.abort();
  else {
    cancels.set(message.job, new AbortController());
    queue.push(message);
    if (!reading) void readQueued();
  }
};

async function readQueued(): Promise<void> {
  reading = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    await read(next, (cancels.get(next.job) as AbortController).signal);
    cancels.delete(next.job);
  }
  reading = false;
}

/**
 * Reads one file. It returns once the file is parsed: its hash settles in the hash worker while the
 * next file is parsed, and `done` is sent then.
 */
async function read(message: Read, signal: AbortSignal): Promise<void> {
  const post = (m: JobMessage, transfer: Transferable[] = []) =>
    scope.postMessage({ ...m, job: message.job } as FromParser, transfer);
  const report = new ImportReport();
  const hash = hashing.start();
  const recording = new RecordingSink(post, inFlight);
  const ctx: ReadContext = {
    probe: message.probe,
    sink: recording,
    report,
    signal,
    onChunk: (chunk, owned) => hash.update(chunk, owned),
    onBytes: (bytesRead) => post({ type: 'progress', bytesRead }),
  };
  const failed = (error: unknown, ops = recording.takeOps()) => {
    const described: ParserError =
      error instanceof UnreadableError
        ? { kind: 'unreadable', message: error.message }
        : error instanceof CancelledError
          ? { kind: 'cancelled', message: error.message }
          : { kind: 'other', message: error instanceof Error ? error.message : String(error) };
    post({
      type: 'error',
      ops,
      report: report.toData({ runs: 0, metrics: 0, points: 0 }),
      error: described,
    });
  };
  try {
    if (signal.aborted) throw new CancelledError();
    const importer = PARSER_IMPORTERS.find((i) => i.id === message.importerId);
    if (!importer) throw new Error(`no importer "${message.importerId}"`);
    await importer.read({ name: message.name, blob: message.blob }, ctx);
    recording.finish();
  } catch (error) {
    hash.drop();
    failed(error);
    return;
  }
  const ops = recording.takeOps();
  const data = report.toData({ runs: 0, metrics: 0, points: 0 });
  hash.digest().then(
    (sha256) => post({ type: 'done', ops, report: data, sha256 }),
    (error: unknown) => failed(error, ops),
  );
}
