/** The one contract between the page and the engine worker: domain questions in, Arrow IPC out. */

import type { ImportReportData } from '../importers/report';

export type SourceStatus = 'reading' | 'loaded' | 'partial' | 'empty' | 'failed' | 'duplicate' | 'cancelled';

export interface SourceReport {
  sourceId: number;
  name: string;
  bytes: number;
  sha256: string | null;
  status: SourceStatus;
  /** One sentence for the user: what happened, or why it failed. */
  message: string;
  report: ImportReportData | null;
  /** The source this one repeats, for `duplicate`. */
  duplicateOf: number | null;
}

export interface IngestProgress {
  sourceId: number;
  bytesRead: number;
  bytes: number;
  points: number;
}

export interface RunsTableIPC {
  /** One row per run: run_id, run_key, name, state, sources, formats, metrics, points, last_step, metric_names… */
  runs: Uint8Array;
  /** Long rows: run_id, key, value, num. */
  params: Uint8Array;
}

export interface EngineApi {
  /** Reads one file into the canonical tables; never throws for a bad file, it reports it. */
  ingest(
    file: { name: string; blob: Blob },
    onProgress?: (progress: IngestProgress) => void,
  ): Promise<SourceReport>;
  /** Stops an ingest that is under way; what it had written is removed. */
  cancel(sourceId: number): void;
  /** Removes a loaded file and whatever only it provided. */
  remove(sourceId: number): void;
  sources(): SourceReport[];
  runsTable(): RunsTableIPC;
  /** Answers at once while the worker is responsive; the watchdog uses it. */
  ping(): string;
}
