/// <reference lib="webworker" />
/**
 * The parser worker: runs an importer on a file, as the engine worker would, and hands what it read
 * to the engine through a `RecordingSink` (see parse-protocol.ts). It never touches DuckDB.
 */

import { ContentHash } from '../../engine/content-hash';
import { delimitedImporter } from '../delimited';
import { tensorboardEventsImporter } from '../tensorboard-events';
import { ImportReport } from '../report';
import { UnreadableError } from '../shapes/read-shape';
import { CancelledError } from '../text/chunks';
import type { Importer, ReadContext } from '../types';
import { RecordingSink, type FromParser, type ParserError, type ToParser } from './parse-protocol';

/** The importers this worker runs (see PARSER_IMPORTERS in parse-remote.ts); only they are bundled here. */
const PARSER_IMPORTERS: readonly Importer[] = [delimitedImporter, tensorboardEventsImporter];

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromParser, transfer: Transferable[] = []) =>
  scope.postMessage(message, transfer);
let sink: RecordingSink | null = null;

scope.onmessage = (event: MessageEvent<ToParser>) => {
  const message = event.data;
  if (message.type === 'ack') sink?.acknowledged();
  else void read(message);
};

async function read(message: Extract<ToParser, { type: 'read' }>): Promise<void> {
  const report = new ImportReport();
  const hash = new ContentHash();
  const recording = new RecordingSink(post);
  sink = recording;
  const ctx: ReadContext = {
    probe: message.probe,
    sink: recording,
    report,
    signal: new AbortController().signal, // the engine cancels by ending this worker
    onChunk: (chunk) => hash.update(chunk),
    onBytes: (bytesRead) => post({ type: 'progress', bytesRead }),
  };
  try {
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
