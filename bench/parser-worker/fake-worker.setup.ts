/**
 * Runs the unit tests with every delimited or event file read through the parser worker protocol:
 *
 *   TZ=UTC npx vitest run --config bench/parser-worker/vitest.config.mjs
 *
 * The browser reads big files in a parser worker (importers/csv/parse-remote.ts) and Node, with
 * no Web Worker, never does; this proves the two paths store the same thing. A stand-in Worker
 * runs parse.worker.ts in this thread (test/unit/helpers/stand-in-worker.ts), and
 * `parserOptions.minBytes` is 0.
 */

import { afterAll } from 'vitest';
import { parserOptions } from '../../src/lib/importers/csv/parse-remote';
import { StandInWorker } from '../../test/unit/helpers/stand-in-worker';

parserOptions.minBytes = 0;
(globalThis as Record<string, unknown>).Worker = StandInWorker;

// Each test file says how many parser workers it started, so a silent fallback would show.
afterAll(() => {
  console.log(`[parser worker] ${StandInWorker.made} stand-in worker(s) started (parser and hash)`);
});
