/**
 * The engine's side of reading a file in a parser worker (see parse-protocol.ts): it starts the
 * worker, replays what the importer did into the engine's sink as it arrives, and returns the
 * content hash. Only where `Worker` exists (browsers); Node tests read in the engine's thread.
 */

import type { CanonicalSink } from '../../schema/canonical-sink';
import { ImportReport } from '../report';
import { UnreadableError } from '../shapes/read-shape';
import { CancelledError } from '../text/chunks';
import type { Probe } from '../types';
import { reportFromData, type FromParser, type SinkOp, type ToParser } from './parse-protocol';

/** Importers that read one file on their own, and so can run in the parser worker (which bundles them). */
const PARSER_IMPORTERS = new Set(['delimited', 'tensorboard-events']);

/**
 * `minBytes`: below this size a second worker costs more than it saves. A test may set it to 0 to
 * send every file through the parser worker.
 */
export const parserOptions = { minBytes: 4 * 1024 * 1024 };

export function canReadInParser(importerId: string, size: number): boolean {
  return (
    typeof Worker !== 'undefined' &&
    PARSER_IMPORTERS.has(importerId) &&
    size >= parserOptions.minBytes
  );
}

export interface ParserRead {
  importerId: string;
  name: string;
  blob: Blob;
  probe: Probe;
  sink: CanonicalSink;
  report: ImportReport;
  signal: AbortSignal;
  onBytes(bytesRead: number): void;
}

/**
 * Reads the file in a parser worker. Resolves with the content hash, or `null` when the worker
 * could not start (the caller then reads in its own thread; nothing was written yet). Rejects as
 * the importer would have thrown: `UnreadableError`, `CancelledError` or a plain `Error`.
 */
export function readInParser(read: ParserRead): Promise<string | null> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
      type: 'module',
      name: 'lockstep-parser',
    });
  } catch {
    return Promise.resolve(null);
  }
  const { sink, report, signal } = read;
  /** Parser metric number → engine metric id. */
  const metricIds: number[] = [];
  let heard = false;

  const apply = (ops: SinkOp[]) => {
    for (const o of ops) {
      if (o.op === 'run') sink.run(o.key, o.name, o.info);
      else if (o.op === 'metric') metricIds.push(sink.metric(o.name));
      else if (o.op === 'param') sink.param(o.run, o.key, o.value);
      else if (o.op === 'summary') sink.summary(o.run, o.key, o.value);
      else sink.meta(o.run, o.key, o.value);
    }
  };

  return new Promise<string | null>((resolve, reject) => {
    const end = () => {
      signal.removeEventListener('abort', onAbort);
      worker.terminate();
    };
    const onAbort = () => {
      end();
      reject(new CancelledError());
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      // A worker that never spoke could not load: read in this thread instead.
      if (!heard) resolve(null);
      else reject(new Error(event.message || 'the parser worker failed'));
    };
    worker.onmessage = (event: MessageEvent<FromParser>) => {
      heard = true;
      const message = event.data;
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
          worker.postMessage({ type: 'ack' } satisfies ToParser);
        } else {
          apply(message.ops);
          reportFromData(message.report, report);
          end();
          if (message.type === 'done') resolve(message.sha256);
          else if (message.error.kind === 'unreadable')
            reject(new UnreadableError(message.error.message));
          else if (message.error.kind === 'cancelled') reject(new CancelledError());
          else reject(new Error(message.error.message));
        }
      } catch (error) {
        end();
        reject(error);
      }
    };
    const start: ToParser = {
      type: 'read',
      importerId: read.importerId,
      name: read.name,
      blob: read.blob,
      probe: read.probe,
    };
    worker.postMessage(start);
  });
}
