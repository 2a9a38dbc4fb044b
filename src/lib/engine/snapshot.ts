/**
 * The engine's loaded state written out and read back without re-reading any file: every canonical
 * table as Arrow IPC parts (the points in slices, so no single buffer holds them all), and the
 * engine's own bookkeeping (ids, file reports) as JSON. A snapshot of another schema or version is
 * refused, and the caller reads the original files again instead.
 */

import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { SCHEMA_DDL } from '../schema/tables';
import type { SourceReport } from './api';
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
}

export interface SnapshotManifest extends EngineBookkeeping {
  version: number;
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

export async function writeSnapshot(
  db: Db,
  bookkeeping: EngineBookkeeping,
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
  const manifest: SnapshotManifest = {
    version: SNAPSHOT_VERSION,
    schema: schemaSignature(),
    parts,
    ...bookkeeping,
  };
  await files.write(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
  return manifest;
}

export class SnapshotError extends Error {}

/** Reads a snapshot into an empty database; `insert` writes one part (the engine logs points). */
export async function readSnapshot(
  db: Db,
  files: SnapshotFiles,
  insert: (table: string, ipc: Uint8Array) => void,
): Promise<SnapshotManifest | null> {
  const bytes = await files.read(MANIFEST_FILE);
  if (!bytes) return null;
  const manifest = parseManifest(bytes);
  const [{ n }] = queryRows<{ n: number }>(db, 'SELECT count(*) AS n FROM sources');
  if (n > 0) throw new SnapshotError('a snapshot is read only into an empty engine');
  exec(db, 'BEGIN TRANSACTION');
  try {
    for (const part of manifest.parts) {
      const ipc = await files.read(part.file);
      if (!ipc) throw new SnapshotError(`the snapshot's ${part.file} is missing`);
      insert(part.table, ipc);
    }
    for (const table of new Set(manifest.parts.map((p) => p.table))) {
      const expected = manifest.parts
        .filter((p) => p.table === table)
        .reduce((s, p) => s + p.rows, 0);
      const [{ rows }] = queryRows<{ rows: number }>(db, `SELECT count(*) AS rows FROM ${table}`);
      if (rows !== expected)
        throw new SnapshotError(
          `the snapshot's ${table} has ${rows} rows, ${expected} were written`,
        );
    }
    exec(db, 'COMMIT');
  } catch (error) {
    exec(db, 'ROLLBACK');
    throw error;
  }
  return manifest;
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
  if (!Array.isArray(manifest.parts) || manifest.parts.some((p) => !known.has(p.table)))
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
