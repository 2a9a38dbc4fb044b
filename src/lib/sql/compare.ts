/**
 * Every field of some runs, as long rows (section, key, run_id, value, num), for the compare view:
 * the run itself, hyperparameters, summary values, lineage and environment, installed packages.
 */

import { PACKAGE_PREFIX } from '../importers/wandb/requirements';
import { inList, literal } from './quote';

export const COMPARE_SECTIONS = [
  'run',
  'hyperparameters',
  'summary',
  'resources',
  'lineage',
  'packages',
] as const;
export type CompareSection = (typeof COMPARE_SECTIONS)[number];

/** Fields of the run itself: [key, SQL expression of the text shown, SQL of its number]. */
const RUN_FIELDS: readonly [string, string, string][] = [
  ['name', 'name', 'NULL'],
  ['id', 'run_key', 'NULL'],
  ['state', 'state', 'NULL'],
  ['project', 'project', 'NULL'],
  ['group', '"group"', 'NULL'],
  ['tags', "NULLIF(array_to_string(tags, ', '), '')", 'NULL'],
  [
    'start time',
    "strftime(make_timestamp((created_at * 1e6)::BIGINT), '%Y-%m-%d %H:%M:%S UTC')",
    'created_at',
  ],
];

export function compareCells(runIds: readonly number[]): string {
  const runs = inList(runIds);
  const prefix = literal(PACKAGE_PREFIX);
  const runRows = RUN_FIELDS.map(
    ([key, value, num]) =>
      `SELECT 'run' AS section, ${literal(key)} AS key, run_id, ${value} AS value, (${num})::DOUBLE AS num
       FROM runs WHERE run_id IN ${runs} AND (${value}) IS NOT NULL`,
  ).join('\n      UNION ALL\n      ');
  return `SELECT * FROM (
      ${runRows}
      UNION ALL
      SELECT 'hyperparameters', key, run_id, value, num FROM params WHERE run_id IN ${runs}
      UNION ALL
      SELECT 'summary', key, run_id, value, num FROM summary WHERE run_id IN ${runs}
      UNION ALL
      SELECT CASE WHEN starts_with(key, ${prefix}) THEN 'packages' ELSE 'lineage' END,
             CASE WHEN starts_with(key, ${prefix}) THEN substr(key, ${PACKAGE_PREFIX.length + 1}) ELSE key END,
             run_id, value, NULL FROM meta WHERE run_id IN ${runs}
    ) ORDER BY section, key, run_id`;
}
