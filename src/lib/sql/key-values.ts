/** SQL for the key-value tables (`params`, `summary`, `meta`): rows are keyed by run and key. */

import { literal, quoteIdent } from './quote';

/** Deletes the rows of `table` with these (run, key) pairs; `null` when there are none. */
export function deleteKeys(
  table: string,
  pairs: readonly { runId: number; key: string }[],
): string | null {
  if (pairs.length === 0) return null;
  const values = pairs.map((p) => `(${p.runId | 0}, ${literal(p.key)})`).join(', ');
  const t = quoteIdent(table);
  return `DELETE FROM ${t} USING (VALUES ${values}) pairs(run_id, key)
    WHERE ${t}.run_id = pairs.run_id AND ${t}.key = pairs.key`;
}
