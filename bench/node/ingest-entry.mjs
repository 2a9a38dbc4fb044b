/**
 * The engine's ingest in Node, for quick profiling: the same Engine over duckdb-wasm's Node blocking
 * bundle, fed a file-backed Blob. Bundled by bench/node/ingest.mjs (CJS, so Arrow is duckdb's copy).
 */

import { openAsBlob } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { connectionDb } from '../../src/lib/engine/db';
import { Engine } from '../../src/lib/engine/engine';

const require = createRequire(join(process.cwd(), 'package.json'));

export async function makeEngine() {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm'));
  const duckdb = require(join(dist, 'duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: join(dist, 'duckdb-eh.wasm'),
        mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({});
  const inner = connectionDb(db.connect());
  const wrapped = {
    queryIPC(sql) {
      const t = performance.now();
      try {
        return inner.queryIPC(sql);
      } finally {
        timings.query += performance.now() - t;
        if (performance.now() - t > 50)
          console.log(
            `  query ${(performance.now() - t).toFixed(0)} ms: ${sql.replace(/\s+/g, ' ').slice(0, 100)}`,
          );
      }
    },
    insertIPC(table, ipc) {
      const t = performance.now();
      try {
        return inner.insertIPC(table, ipc);
      } finally {
        timings.insert += performance.now() - t;
        timings.inserts++;
      }
    },
  };
  return new Engine(wrapped);
}

export const timings = { query: 0, insert: 0, inserts: 0 };

export async function ingestPath(path, repeat = 1) {
  const engine = await makeEngine();
  const out = [];
  for (let i = 0; i < repeat; i++) {
    const blob = await openAsBlob(path);
    const t0 = performance.now();
    const report = await engine.ingest({ name: `${i}-${path.split('/').pop()}`, blob });
    const ms = performance.now() - t0;
    out.push({ ms, message: report.message, status: report.status });
    console.log(
      `  insert ${timings.insert.toFixed(0)} ms in ${timings.inserts}, queries ${timings.query.toFixed(0)} ms`,
    );
    Object.assign(timings, { query: 0, insert: 0, inserts: 0 });
    console.log(
      `${(ms / 1000).toFixed(2)} s  rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB  ${report.status}: ${report.message}`,
    );
    if (i < repeat - 1) engine.remove(report.sourceId);
  }
  return { engine, out };
}

// The pieces of the ingest path, for timing them one by one (see bench/node/ingest.mjs BENCH_SCRIPT).
export { CsvTokenizer } from '../../src/lib/importers/csv/tokenizer';
export { parseNumberBytes } from '../../src/lib/importers/csv/numbers';
export { csvTable } from '../../src/lib/importers/csv/csv-table';
export { readLongTable } from '../../src/lib/importers/shapes/long';
export { classifyColumns } from '../../src/lib/importers/columns';
export { ImportReport } from '../../src/lib/importers/report';
export { CanonicalSink } from '../../src/lib/schema/canonical-sink';
export { RecordingSink } from '../../src/lib/importers/csv/recording-sink';
export { hasNul } from '../../src/lib/importers/text/chunks';
export { IMPORTERS } from '../../src/lib/importers/registry';
