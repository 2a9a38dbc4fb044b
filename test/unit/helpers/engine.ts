/** A real DuckDB-WASM (the Node blocking bundle) behind a real Engine, for unit tests. */

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionDb, type BlockingConnection } from '../../../src/lib/engine/db';
import { Engine } from '../../../src/lib/engine/engine';

const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve('@duckdb/duckdb-wasm')), '.');

interface NodeDuckDB {
  createDuckDB(
    bundles: unknown,
    logger: unknown,
    runtime: unknown,
  ): Promise<{
    instantiate(progress: () => void): Promise<unknown>;
    open(config: object): void;
    connect(): BlockingConnection;
  }>;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}

type Bindings = Awaited<ReturnType<NodeDuckDB['createDuckDB']>> & { reset(): void };
let instance: Promise<Bindings> | null = null;

/** A fresh, empty database for each engine; the wasm module is instantiated once per test file. */
export async function makeEngine(): Promise<Engine> {
  instance ??= instantiate();
  const db = await instance;
  db.reset();
  db.open({});
  return new Engine(connectionDb(db.connect()));
}

async function instantiate(): Promise<Bindings> {
  const duckdb = require(join(dist, 'duckdb-node-blocking.cjs')) as NodeDuckDB;
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
  return db as Bindings;
}

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A fixture as the page would hand it over: a Blob with its relative path. */
export function fixture(path: string, name = path): { name: string; blob: Blob } {
  return { name, blob: new Blob([readFileSync(join(FIXTURES, path))]) };
}

export function text(name: string, content: string | Uint8Array): { name: string; blob: Blob } {
  return { name, blob: new Blob([content as BlobPart]) };
}

export function fixturePath(path: string): string {
  return relative(process.cwd(), join(FIXTURES, path));
}
