/// <reference lib="webworker" />
/**
 * The parser worker: runs an importer on each file it is given, one after another, as the engine
 * worker would, and hands what it read to the engine through a `RecordingSink` (see
 * parse-protocol.ts). It lives as long as the engine and never touches DuckDB.
 */

import { ContentHash } from '../../engine/content-hash';
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

async function read(message: Read, signal: AbortSignal): Promise<void> {
  const post = (m: JobMessage, transfer: Transferable[] = []) =>
    scope.postMessage({ ...m, job: message.job } as FromParser, transfer);
  const report = new ImportReport();
  const hash = new ContentHash();
  const recording = new RecordingSink(post, inFlight);
  const ctx: ReadContext = {
    probe: message.probe,
    sink: recording,
    report,
    signal,
    onChunk: (chunk) => hash.update(chunk),
    onBytes: (bytesRead) => post({ type: 'progress', bytesRead }),
  };
  try {
    if (signal.aborted) throw new CancelledError();
    const importer = PARSER_IMPORTERS.find((i) => i.id === message.importerId);
    if (!importer) throw new Error(`no importer "${message.importerId}"`);
    await importer.read({ name: message.name, blob: message.blob }, ctx);
    recording.finish();
    const sha256 = await hash.digest();
    post({
      type: 'done',
      ops: recording.takeOps(),
      report: report.toData({ runs: 0, metrics: 0, points: 0 }),
      sha256,
    });
  } catch (error) {
    const described: ParserError =
      error instanceof UnreadableError
        ? { kind: 'unreadable', message: error.message }
        : error instanceof CancelledError
          ? { kind: 'cancelled', message: error.message }
          : { kind: 'other', message: error instanceof Error ? error.message : String(error) };
    post({
      type: 'error',
      ops: recording.takeOps(),
      report: report.toData({ runs: 0, metrics: 0, points: 0 }),
      error: described,
    });
  }
}
