/** The little of DuckDB-WASM the engine needs, the same in the browser worker and in Node tests. */

import { tableFromIPC, type Table } from 'apache-arrow';

export interface Db {
  /** Runs SQL (one or more statements) and returns the last result as Arrow IPC stream bytes. */
  queryIPC(sql: string): Uint8Array;
  /** Appends Arrow IPC stream bytes to an existing table, matching columns by position (duckdb-wasm ignores names). */
  insertIPC(table: string, ipc: Uint8Array): void;
}

/** The structural part of duckdb-wasm's blocking connection that `connectionDb` uses. */
export interface BlockingConnection {
  useUnsafe<R>(
    callback: (
      bindings: {
        runQuery(conn: number, text: string): Uint8Array;
        insertArrowFromIPCStream(
          conn: number,
          buffer: Uint8Array,
          options?: { name: string; create?: boolean },
        ): void;
      },
      conn: number,
    ) => R,
  ): R;
}

export function connectionDb(connection: BlockingConnection): Db {
  return {
    queryIPC: (sql) => connection.useUnsafe((b, id) => b.runQuery(id, sql)),
    insertIPC: (table, ipc) =>
      connection.useUnsafe((b, id) =>
        b.insertArrowFromIPCStream(id, ipc, { name: table, create: false }),
      ),
  };
}

export function query(db: Db, sql: string): Table {
  return tableFromIPC(db.queryIPC(sql));
}

/** Rows as plain objects, with BIGINT turned into numbers (safe below 2^53, as steps and counts are). */
export function queryRows<T = Record<string, unknown>>(db: Db, sql: string): T[] {
  const table = query(db, sql);
  const rows: T[] = [];
  for (const row of table) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row.toJSON()))
      out[k] = typeof v === 'bigint' ? Number(v) : v;
    rows.push(out as T);
  }
  return rows;
}

export function exec(db: Db, sql: string): void {
  db.queryIPC(sql);
}
