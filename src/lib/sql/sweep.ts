/** The key–value rows (hyperparameters or summary values) of a set of runs, for the sweep views. */

import { runsWhere } from './quote';

/**
 * `num` is NaN where the value is not a number; other runs' rows may come back (see runsWhere).
 * Sorted by key and run unless `sorted` is false (sorting 240,000 rows by text costs ~90 ms).
 */
export function keyValueRows(
  table: 'params' | 'summary',
  runIds: readonly number[],
  sorted = true,
): string {
  return `SELECT run_id, key, value, coalesce(num, 'NaN'::DOUBLE) AS num
    FROM ${table === 'params' ? 'params' : 'summary'}
    WHERE ${runsWhere('run_id', runIds)}${sorted ? ' ORDER BY key, run_id' : ''}`;
}
