/** The key–value rows (hyperparameters or summary values) of a set of runs, for the sweep views. */

import { inList } from './quote';

/** Sorted by key; `num` is NaN where the value is not a number. */
export function keyValueRows(table: 'params' | 'summary', runIds: readonly number[]): string {
  return `SELECT run_id, key, value, coalesce(num, 'NaN'::DOUBLE) AS num
    FROM ${table === 'params' ? 'params' : 'summary'}
    WHERE run_id IN ${inList(runIds)} ORDER BY key, run_id`;
}
