/**
 * The engine's side of reading a file in a parser worker (see parse-protocol.ts): it starts the
 * file as a job of the shared parser pool, replays what the importer did into the engine's sink as
 * it arrives, and returns the content hash. Only where `Worker` exists (browsers); Node tests read
 * in the engine's thread.
 */

import type { CanonicalSink } from '../../schema/canonical-sink';
import { ImportReport } from '../report';
import { UnreadableError } from '../shapes/read-shape';
import { CancelledError } from '../text/chunks';
import { reportFromData, type ReadRequest, type SinkOp } from './parse-protocol';
import { ParserPool, type ParseJob, type ParserWorker } from './parser-pool';

/** Importers that read one file on their own, and so can run in the parser worker (which bundles them). */
const PARSER_IMPORTERS = new Set(['delimited', 'tensorboard-events']);

/**
 * `minBytes`: below this size a second worker costs more than it saves. A test may set it to 0 to
 * send every file through the parser worker.
 */
export const parserOptions = { minBytes: 4 * 1024 * 1024 };

export function canReadInParser(importerId: string, size: number): boolean {
  return worthParsing(size) && PARSER_IMPORTERS.has(importerId);
}

/** Whether a file of this size goes to a parser worker, if its importer runs there. */
export function worthParsing(size: number): boolean {
  return typeof Worker !== 'undefined' && size >= parserOptions.minBytes;
}

let shared: ParserPool | null = null;

/** The engine's parser workers: one per core beside the engine's own, at least one. */
function parserPool(): ParserPool {
  shared ??= new ParserPool(
    () =>
      new Worker(new URL('./parse.worker.ts', import.meta.url), {
        type: 'module',
        name: 'lockstep-parser',
      }) as ParserWorker,
    (globalThis.navigator?.hardwareConcurrency || 2) - 1,
  );
  return shared;
}

/** Starts reading a file in a parser worker; `null` when none could start. */
export function startInParser(request: ReadRequest, signal: AbortSignal): ParseJob | null {
  return parserPool().start(request, signal);
}

export interface ParserRead {
  sink: CanonicalSink;
  report: ImportReport;
  signal: AbortSignal;
  onBytes(bytesRead: number): void;
}

/**
 * Stores what the job reads. Resolves with the content hash, or `null` when the worker could not
 * start (the caller then reads in its own thread; nothing was written yet). Rejects as the importer
 * would have thrown: `UnreadableError`, `CancelledError` or a plain `Error`.
 */
export function readInParser(job: ParseJob, read: ParserRead): Promise<string | null> {
  const { sink, report, signal } = read;
  /** Parser metric number → engine metric id. */
  const metricIds: number[] = [];

  const apply = (ops: SinkOp[]) => {
    for (const o of ops) {
      if (o.op === 'run') sink.run(o.key, o.name, o.info);
      else if (o.op === 'metric') metricIds.push(sink.metric(o.name));
      else if (o.op === 'param') sink.param(o.run, o.key, o.value);
      else if (o.op === 'summary') sink.summary(o.run, o.key, o.value);
      else if (o.op === 'meta') sink.meta(o.run, o.key, o.value);
      else if (o.op === 'segments') sink.predictionSegments(o.rows);
      else if (o.op === 'class-scores') sink.predictionClassScores(o.rows);
      else if (o.op === 'sample') sink.sample?.(o.run, o.sample);
      else sink.predictions(o.batch);
    }
  };

  return new Promise<string | null>((resolve, reject) => {
    const end = () => signal.removeEventListener('abort', onAbort);
    const fail = (error: unknown) => {
      end();
      job.cancel();
      reject(error);
    };
    const onAbort = () => fail(new CancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    job.listen((message) => {
      try {
        if (message.type === 'progress') {
          read.onBytes(message.bytesRead);
        } else if (message.type === 'batch') {
          apply(message.ops);
          const batch = message.batch;
          if (batch) {
            const metric = batch.metric;
            for (let i = 0; i < batch.length; i++) metric[i] = metricIds[metric[i]];
            sink.pointBatch(batch);
          }
          job.acknowledge(batch);
        } else if (message.type === 'crashed') {
          end();
          // A worker that never spoke of this file could not load: read in this thread instead.
          if (!message.started) resolve(null);
          else reject(new Error(message.message));
        } else {
          end();
          apply(message.ops);
          reportFromData(message.report, report);
          if (message.type === 'done') resolve(message.sha256);
          else if (message.error.kind === 'unreadable')
            reject(new UnreadableError(message.error.message));
          else if (message.error.kind === 'cancelled') reject(new CancelledError());
          else reject(new Error(message.error.message));
        }
      } catch (error) {
        fail(error);
      }
    });
  });
}
