/**
 * The engine behind the worker boundary: it owns the DuckDB connection, runs importers into the
 * canonical tables and answers the page's questions. It runs the same in a browser worker and in
 * Node tests; only the `Db` it is given differs.
 */

import { SCHEMA_DDL } from '../schema/tables';
import { runParams, runsOverview } from '../sql/runs';
import type { EngineApi, IngestProgress, RunsTableIPC, SourceReport } from './api';
import { exec, queryRows, type Db } from './db';
import { ingestFile } from './ingest';
import { guessMetricRole } from '../schema/metric-roles';
import { literal } from '../sql/quote';
import { removeSource } from './remove-source';

export class Engine implements EngineApi {
  #db: Db;
  #nextSource = 1;
  #nextRun = 1;
  #runIds = new Map<string, number>();
  #metricIds = new Map<string, number>();
  #reports = new Map<number, SourceReport>();
  #aborts = new Map<number, AbortController>();

  constructor(db: Db) {
    this.#db = db;
    exec(db, 'SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;');
    exec(db, SCHEMA_DDL);
  }

  get db(): Db {
    return this.#db;
  }

  async ingest(file: { name: string; blob: Blob }, onProgress?: (p: IngestProgress) => void): Promise<SourceReport> {
    const sourceId = this.#nextSource++;
    const abort = new AbortController();
    this.#aborts.set(sourceId, abort);
    try {
      const report = await ingestFile(
        {
          db: this.#db,
          existingRun: (key) => this.#runIds.get(key),
          newRunId: () => this.#nextRun++,
          metricId: (name) => this.#metricId(name),
          rememberRun: (key, runId) => this.#runIds.set(key, runId),
          forgetRun: (key) => this.#runIds.delete(key),
          loadedHash: (sha) => [...this.#reports.values()].find((r) => r.sha256 === sha && isLoaded(r))?.sourceId ?? null,
          sourceName: (id) => this.#reports.get(id)?.name ?? `#${id}`,
        },
        { sourceId, name: file.name, blob: file.blob },
        abort.signal,
        onProgress,
      );
      this.#reports.set(sourceId, report);
      return report;
    } finally {
      this.#aborts.delete(sourceId);
    }
  }

  #metricId(name: string): number {
    let id = this.#metricIds.get(name);
    if (id === undefined) {
      id = this.#metricIds.size + 1;
      this.#metricIds.set(name, id);
      const { role, direction } = guessMetricRole(name);
      exec(
        this.#db,
        `INSERT INTO metric_names VALUES (${id}, ${literal(name)}, ${literal(role)}, ${literal(direction)})`,
      );
    }
    return id;
  }

  cancel(sourceId: number): void {
    this.#aborts.get(sourceId)?.abort();
  }

  remove(sourceId: number): void {
    const report = this.#reports.get(sourceId);
    if (!report) return;
    const dropped = removeSource(this.#db, sourceId);
    for (const key of dropped) this.#runIds.delete(key);
    this.#reports.delete(sourceId);
  }

  sources(): SourceReport[] {
    return [...this.#reports.values()];
  }

  runsTable(): RunsTableIPC {
    return { runs: this.#db.queryIPC(runsOverview()), params: this.#db.queryIPC(runParams()) };
  }

  /** Rows of any canonical table, for tests and diagnostics; not part of the worker API. */
  rows<T = Record<string, unknown>>(sql: string): T[] {
    return queryRows<T>(this.#db, sql);
  }

  ping(): string {
    return 'pong';
  }
}

function isLoaded(r: SourceReport): boolean {
  return r.status === 'loaded' || r.status === 'partial';
}
