/** The key–value rows (hyperparameters or summary values) of a set of runs, for the sweep views. */

import { runsWhere } from './quote';

/** Sorted by key; `num` is NaN where the value is not a number; other runs' rows may come back (see runsWhere). */
export function keyValueRows(table: 'params' | 'summary', runIds: readonly number[]): string {
  return `SELECT run_id, key, value, coalesce(num, 'NaN'::DOUBLE) AS num
    FROM ${table === 'params' ? 'params' : 'summary'}
    WHERE ${runsWhere('run_id', runIds)} ORDER BY key, run_id`;
}
