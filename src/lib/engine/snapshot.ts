/**
 * The engine's loaded state written out and read back without re-reading any file: every canonical
 * table as Arrow IPC parts (the points in slices, so no single buffer holds them all), and the
 * engine's own bookkeeping (ids, file reports) as JSON. A snapshot of another schema or version is
 * refused, and the caller reads the original files again instead.
 */

import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { SCHEMA_DDL } from '../schema/tables';
import type { SourceReport } from './api';
import type { StoredPrCurve } from './kept-curves';
import type { StoredSample } from './kept-samples';
import type { PointLog } from './point-log';
import { exec, queryRows, type Db } from './db';

export const SNAPSHOT_VERSION = 1;

/** Rows per part: ~90 MB of points, so writing one never holds the whole table twice. */
export const ROWS_PER_PART = 2_000_000;

/** The canonical tables, in the order they are created. */
export const SNAPSHOT_TABLES = [...SCHEMA_DDL.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]);

export interface EngineBookkeeping {
  nextSource: number;
  nextRun: number;
  runIds: [string, number][];
  reports: SourceReport[];
  /** Tracker curves by source (absent in snapshots written before they were kept). */
  prCurves?: [number, StoredPrCurve[]][];
  /** Samples inside files, by source, back once their file is given again (see kept-samples.ts). */
  samples?: [number, StoredSample[]][];
}

export interface SnapshotManifest extends EngineBookkeeping {
  version: number;
  /** The worker's copy of the points (see point-log.ts), packed: read back as is. */
  pointLog: { file: string; index: [number, number, number][] };
  /** Which schema wrote it: a snapshot of another one is not read. */
  schema: string;
  parts: { table: string; file: string; rows: number }[];
}

/** Where snapshot files go: OPFS in the browser, a Map in tests. */
export interface SnapshotFiles {
  write(name: string, bytes: Uint8Array): void | Promise<void>;
  read(name: string): Uint8Array | null | Promise<Uint8Array | null>;
}

export const MANIFEST_FILE = 'snapshot.json';

export const POINT_LOG_FILE = 'points.bin';

export async function writeSnapshot(
  db: Db,
  bookkeeping: EngineBookkeeping,
  log: PointLog,
  files: SnapshotFiles,
  rowsPerPart = ROWS_PER_PART,
): Promise<SnapshotManifest> {
  const parts: SnapshotManifest['parts'] = [];
  for (const table of SNAPSHOT_TABLES) {
    const [{ n, last }] = queryRows<{ n: number; last: number | null }>(
      db,
      `SELECT count(*) AS n, max(rowid) AS last FROM ${table}`,
    );
    if (n === 0) continue;
    for (let from = 0, i = 0; from <= (last ?? 0); from += rowsPerPart, i++) {
      const where = `rowid >= ${from} AND rowid < ${from + rowsPerPart}`;
      const result = tableFromIPC(
        db.queryIPC(`SELECT * FROM ${table} WHERE ${where} ORDER BY rowid`),
      );
      const rows = result.numRows;
      if (rows === 0) continue;
      const file = `${table}.${i}.arrow`;
      // Written again by Arrow: duckdb-wasm reads back none of the rows of its own result bytes.
      await files.write(file, tableToIPC(result, 'stream'));
      parts.push({ table, file, rows });
    }
  }
  const packed = log.pack();
  await files.write(POINT_LOG_FILE, packed.bytes);
  const manifest: SnapshotManifest = {
    version: SNAPSHOT_VERSION,
    schema: schemaSignature(),
    pointLog: { file: POINT_LOG_FILE, index: packed.index },
    parts,
    ...bookkeeping,
  };
  await files.write(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
  return manifest;
}

export class SnapshotError extends Error {}

/** The points' table, read last: what answers only from the point log does not wait for it. */
const DEFERRED = 'metrics';

export interface SnapshotRead {
  manifest: SnapshotManifest;
  /** Reads the points into DuckDB; until it resolves, only the other tables and the log are in. */
  rest: Promise<void>;
}

/**
 * Reads a snapshot into an empty database and point log: every table but the points and the log
 * before it returns, the points in `rest`, a part per task so the worker answers in between. On
 * any failure every table is emptied again, so nothing half-read stays.
 */
export async function readSnapshot(
  db: Db,
  log: PointLog,
  files: SnapshotFiles,
): Promise<SnapshotRead | null> {
  const bytes = await files.read(MANIFEST_FILE);
  if (!bytes) return null;
  const manifest = parseManifest(bytes);
  const [{ n }] = queryRows<{ n: number }>(db, 'SELECT count(*) AS n FROM sources');
  if (n > 0) throw new SnapshotError('a snapshot is read only into an empty engine');
  const now = manifest.parts.filter((p) => p.table !== DEFERRED);
  const later = manifest.parts.filter((p) => p.table === DEFERRED);
  try {
    await insertParts(db, files, now);
    const points = await files.read(manifest.pointLog.file);
    if (!points) throw new SnapshotError(`the snapshot's ${manifest.pointLog.file} is missing`);
    log.unpack(manifest.pointLog.index, points);
  } catch (error) {
    emptyAll(db);
    throw error;
  }
  const rest = (async () => {
    try {
      for (const part of later) {
        await nextTask();
        await insertParts(db, files, [part]);
      }
      checkCounts(db, later);
    } catch (error) {
      emptyAll(db);
      throw error;
    }
  })();
  // Whoever waits on it hears of a failure; an unobserved one is not an unhandled rejection.
  rest.catch(() => undefined);
  return { manifest, rest };
}

async function insertParts(db: Db, files: SnapshotFiles, parts: SnapshotManifest['parts']) {
  for (const part of parts) {
    const ipc = await files.read(part.file);
    if (!ipc) throw new SnapshotError(`the snapshot's ${part.file} is missing`);
    db.insertIPC(part.table, ipc);
  }
  checkCounts(db, parts);
}

function checkCounts(db: Db, parts: SnapshotManifest['parts']) {
  for (const table of new Set(parts.map((p) => p.table))) {
    const expected = parts.filter((p) => p.table === table).reduce((s, p) => s + p.rows, 0);
    const [{ rows }] = queryRows<{ rows: number }>(db, `SELECT count(*) AS rows FROM ${table}`);
    if (rows < expected)
      throw new SnapshotError(`the snapshot's ${table} has ${rows} rows, ${expected} were written`);
  }
}

function emptyAll(db: Db) {
  for (const table of SNAPSHOT_TABLES) exec(db, `DELETE FROM ${table}`);
}

/**
 * The files a restore reads before it returns (manifest, point log, every table but the points),
 * read now into memory: while the engine is still starting, reading them costs the reopen nothing.
 */
export async function readAhead(files: SnapshotFiles): Promise<SnapshotFiles> {
  const cache = new Map<string, Uint8Array>();
  const bytes = await files.read(MANIFEST_FILE);
  if (!bytes) return files;
  cache.set(MANIFEST_FILE, bytes);
  try {
    const manifest = parseManifest(bytes);
    const early = [
      manifest.pointLog.file,
      ...manifest.parts.filter((p) => p.table !== DEFERRED).map((p) => p.file),
    ];
    for (const name of early) {
      const data = await files.read(name);
      if (data) cache.set(name, data);
    }
  } catch {
    // The restore itself says what is wrong with the snapshot.
  }
  return {
    write: (name, data) => files.write(name, data),
    read: (name) => {
      const data = cache.get(name);
      cache.delete(name);
      return data ?? files.read(name);
    },
  };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function parseManifest(bytes: Uint8Array): SnapshotManifest {
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as SnapshotManifest;
  } catch {
    throw new SnapshotError('the snapshot manifest is not valid JSON');
  }
  if (manifest.version !== SNAPSHOT_VERSION || manifest.schema !== schemaSignature())
    throw new SnapshotError('the snapshot was written by another version of Lockstep');
  const known = new Set(SNAPSHOT_TABLES);
  if (
    !Array.isArray(manifest.parts) ||
    manifest.parts.some((p) => !known.has(p.table)) ||
    !Array.isArray(manifest.pointLog?.index)
  )
    throw new SnapshotError('the snapshot names a table this version does not have');
  return manifest;
}

/** A short hash of the schema's text (FNV-1a): any change to a table makes old snapshots stale. */
export function schemaSignature(): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < SCHEMA_DDL.length; i++) {
    h ^= SCHEMA_DDL.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
