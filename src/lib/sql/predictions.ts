/** Queries over `predictions`; run references enter only as literals. */

import { literal } from './quote';

/** Every run reference with its number of examples and the files it came from. */
export function predictionSets(): string {
  return `SELECT p.run_ref, count(DISTINCT p.example_id)::INTEGER AS examples,
      string_agg(DISTINCT s.name, '\n') AS sources
    FROM predictions p JOIN sources s USING (source_id)
    WHERE s.status <> 'removed'
    GROUP BY p.run_ref ORDER BY p.run_ref`;
}

/**
 * The two references' predictions side by side, one row per example either has; an example listed
 * for a reference in several files is read from the last of them.
 */
export function pairedPredictions(a: string, b: string): string {
  const one = (ref: string) => `(SELECT example_id, label, prediction FROM predictions
      WHERE run_ref = ${literal(ref)}
      QUALIFY row_number() OVER (PARTITION BY example_id ORDER BY source_id DESC) = 1)`;
  return `SELECT a.label AS label_a, b.label AS label_b,
      a.prediction AS prediction_a, b.prediction AS prediction_b,
      a.example_id IS NOT NULL AS in_a, b.example_id IS NOT NULL AS in_b
    FROM ${one(a)} a FULL OUTER JOIN ${one(b)} b USING (example_id)`;
}
