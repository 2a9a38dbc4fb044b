/**
 * Times the TensorBoard event importer in Node; not part of `npm run bench`.
 *
 *   node bench/node/time-tfevents.mjs [--engine] [--no-verify] [runs tags steps filesPerRun style]
 *
 * Generates (or reuses) the logdir of bench/generate-tfevents.mjs, then reads every file:
 *   default    parse only: the importer into a sink that counts, reporting MB/s and scalars/s
 *   --engine   the whole ingest into DuckDB-WASM (Engine over the Node blocking bundle), then a
 *              query over the result, as "parsed and queryable"
 */

import { openAsBlob } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { tfeventsLogdir } from '../generate-tfevents.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '.data', 'node-tfevents');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [runs, tags, steps, filesPerRun, style] = args.filter((a) => !a.startsWith('--'));

await build({
  input: {
    importer: join(here, '..', '..', 'src/lib/importers/tensorboard-events.ts'),
    ingest: join(here, 'ingest-entry.mjs'),
  },
  platform: 'node',
  external: [/^apache-arrow/, /^@duckdb/, /^node:/, /^rolldown/],
  output: {
    dir: outDir,
    format: 'cjs',
    sourcemap: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
  logLevel: 'warn',
});
const require = createRequire(import.meta.url);
const { tensorboardEventsImporter } = require(join(outDir, 'importer.cjs'));

const data = await tfeventsLogdir({
  runs: runs ? Number(runs) : undefined,
  tags: tags ? Number(tags) : undefined,
  steps: steps ? Number(steps) : undefined,
  filesPerRun: filesPerRun ? Number(filesPerRun) : undefined,
  style,
});
const root = dirname(data.dir);
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const mb = data.bytes / 1e6;

/** A sink that only counts, so the time is the parser's own. */
function countingSink() {
  const runs = new Map();
  let metrics = 0;
  return {
    points: 0,
    run(key) {
      if (!runs.has(key)) runs.set(key, runs.size);
      return runs.get(key);
    },
    metric() {
      return metrics++;
    },
    point() {
      this.points++;
    },
    param() {},
    summary() {},
    meta() {},
    async flush() {},
  };
}

async function parseOnly() {
  const sink = countingSink();
  const warnings = new Set();
  const t0 = performance.now();
  const c0 = cpuSeconds();
  for (const path of data.files) {
    const blob = await openAsBlob(path);
    const raw = new Uint8Array(await blob.slice(0, 65536).arrayBuffer());
    const name = relative(root, path);
    const probe = {
      name,
      size: blob.size,
      raw,
      head: raw,
      headText: '',
      binary: 'a TensorBoard event file',
    };
    const report = {
      warn: (w) => warnings.add(w),
      reject() {},
      rejectMany() {},
      rowsRead: 0,
      format: '',
      rowUnit: 'line',
    };
    const ctx = {
      probe,
      sink,
      report,
      signal: new AbortController().signal,
      onBytes() {},
      onChunk() {},
    };
    await tensorboardEventsImporter.read({ name, blob }, ctx);
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  if (sink.points !== data.scalars)
    throw new Error(`read ${sink.points} scalars, expected ${data.scalars}`);
  console.log(
    `parse only: ${data.files.length} files, ${mb.toFixed(0)} MB, ${sink.points.toLocaleString('en-US')} scalars in ${s.toFixed(2)} s ` +
      `= ${(mb / s).toFixed(0)} MB/s, ${(sink.points / s / 1e6).toFixed(1)} M scalars/s (CPU ${cpu.toFixed(2)} s: ` +
      `${(mb / cpu).toFixed(0)} MB/s, ${(sink.points / cpu / 1e6).toFixed(1)} M scalars/s)`,
  );
  for (const w of warnings) console.log(`  warning: ${w}`);
}

async function withEngine() {
  const { makeEngine } = require(join(outDir, 'ingest.cjs'));
  const engine = await makeEngine();
  const t0 = performance.now();
  const c0 = cpuSeconds();
  let points = 0;
  for (const path of data.files) {
    const r = await engine.ingest({ name: relative(root, path), blob: await openAsBlob(path) });
    if (r.status !== 'loaded') console.log(`  ${r.status}: ${r.message}`);
    points += r.report?.points ?? 0;
  }
  const ingested = (performance.now() - t0) / 1000;
  const rows = engine.rows('SELECT count(DISTINCT run_id) AS runs, sum(n) AS n FROM series');
  const last = engine.rows(
    "SELECT arg_max(value, step) AS v FROM metrics JOIN metric_names USING (metric_id) WHERE name = 'train/loss'",
  );
  const s = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  console.log(
    `engine (CPU ${cpu.toFixed(2)} s): ${points.toLocaleString('en-US')} points ingested in ${ingested.toFixed(2)} s, queryable in ${s.toFixed(2)} s ` +
      `(${JSON.stringify(rows[0])}, last train/loss ${last[0].v}); rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
  );
}

if (flags.has('--engine')) await withEngine();
else await parseOnly();
