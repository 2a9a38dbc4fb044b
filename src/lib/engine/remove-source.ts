/** Removing a loaded file: its points go, and runs that only it described go with their rows. */

import { RUN_TABLES } from '../schema/tables';
import { recomputeSeries } from '../sql/series';
import { exec, queryRows, type Db } from './db';

/** Returns the keys of the runs that no longer exist. */
export function removeSource(db: Db, sourceId: number): string[] {
  const id = sourceId | 0;
  exec(db, 'BEGIN TRANSACTION');
  try {
    exec(
      db,
      `CREATE OR REPLACE TEMP TABLE touched_runs AS SELECT DISTINCT run_id FROM run_sources WHERE source_id = ${id}`,
    );
    exec(
      db,
      `DELETE FROM metrics WHERE source_id = ${id}; DELETE FROM predictions WHERE source_id = ${id}; DELETE FROM prediction_segments WHERE source_id = ${id}; DELETE FROM prediction_class_scores WHERE source_id = ${id}; DELETE FROM run_sources WHERE source_id = ${id}`,
    );
    const orphans = queryRows<{ run_id: number; run_key: string }>(
      db,
      `SELECT run_id, run_key FROM runs WHERE run_id IN (SELECT run_id FROM touched_runs)
         AND run_id NOT IN (SELECT run_id FROM run_sources)`,
    );
    const orphanIds = orphans.map((o) => o.run_id).join(', ') || 'NULL';
    for (const table of RUN_TABLES) exec(db, `DELETE FROM ${table} WHERE run_id IN (${orphanIds})`);
    exec(db, `DELETE FROM runs WHERE run_id IN (${orphanIds})`);
    exec(
      db,
      `CREATE OR REPLACE TEMP TABLE touched_series AS
         SELECT run_id, metric_id FROM series WHERE run_id IN (SELECT run_id FROM touched_runs)`,
    );
    exec(db, recomputeSeries('touched_series'));
    exec(
      db,
      `UPDATE sources SET status = 'removed' WHERE source_id = ${id}; DROP TABLE touched_series; DROP TABLE touched_runs`,
    );
    exec(db, 'COMMIT');
    return orphans.map((o) => o.run_key);
  } catch (error) {
    exec(db, 'ROLLBACK');
    throw error;
  }
}
