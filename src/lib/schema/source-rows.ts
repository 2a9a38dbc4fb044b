/**
 * Rows of `sources`, written as Arrow: a folder finishes hundreds of files per group, and DuckDB
 * spends ~0.2 ms a row parsing a VALUES list of them.
 */

import { Table, tableToIPC } from 'apache-arrow';
import type { Db } from '../engine/db';
import { int32Vector, int64Vector, utf8Vector } from './arrow-columns';

export interface SourceRow {
  sourceId: number;
  name: string;
  format: string | null;
  bytes: number;
  sha256: string | null;
  status: string;
  message: string;
}

/** Arrow IPC for rows of `sources`, columns in the table's order. */
export function sourcesIPC(rows: readonly SourceRow[]): Uint8Array {
  return tableToIPC(
    new Table({
      source_id: int32Vector(Int32Array.from(rows, (r) => r.sourceId)),
      name: utf8Vector(rows.map((r) => r.name)),
      format: utf8Vector(rows.map((r) => r.format)),
      bytes: int64Vector(
        Float64Array.from(rows, (r) => r.bytes),
        rows.length,
      ),
      sha256: utf8Vector(rows.map((r) => r.sha256)),
      status: utf8Vector(rows.map((r) => r.status)),
      message: utf8Vector(rows.map((r) => r.message)),
    }),
    'stream',
  );
}

export function insertSources(db: Db, rows: readonly SourceRow[]): void {
  if (rows.length > 0) db.insertIPC('sources', sourcesIPC(rows));
}
