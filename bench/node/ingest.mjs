/**
 * Profiling aid, not part of `npm run bench`: runs the ingest of a file in Node, through the same
 * Engine as the page (duckdb-wasm's Node blocking bundle), in this thread (Node has no Web Worker,
 * so the parser-worker path is not taken). Node's V8 is close to Chromium's for this code.
 *
 *   node bench/node/ingest.mjs <file> [repeat]          (add --cpu-prof to node for a profile)
 *   BENCH_SCRIPT=/abs/script.mjs node bench/node/ingest.mjs <file>
 *       runs `default(module, file)` of the script with the bundled module (ingest-entry.mjs)
 */

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '.data', 'node');
mkdirSync(outDir, { recursive: true });
await build({
  input: join(here, 'ingest-entry.mjs'),
  platform: 'node',
  external: [/^apache-arrow/, /^@duckdb/, /^node:/],
  output: { file: join(outDir, 'ingest.cjs'), format: 'cjs', sourcemap: true },
  logLevel: 'warn',
});
const require = createRequire(import.meta.url);
const { ingestPath } = require(join(outDir, 'ingest.cjs'));
const [path, repeat] = process.argv.slice(2);
if (process.env.BENCH_SCRIPT)
  await (await import(process.env.BENCH_SCRIPT)).default(require(join(outDir, 'ingest.cjs')), path);
else await ingestPath(path, Number(repeat ?? 1));
