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

/** Every run reference of a loaded file. */
export function predictionRefs(): string {
  return `SELECT DISTINCT p.run_ref FROM predictions p JOIN sources s USING (source_id)
    WHERE s.status <> 'removed' ORDER BY p.run_ref`;
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

/** The temporary table the comparison of two references reads (see `pairedPredictionsTable`). */
export const PAIRS_TABLE = 'prediction_pairs';

/**
 * The two references' predictions side by side in a temporary table, one row per example either
 * has, in example order (so a seeded bootstrap gives the same answer however the join ran).
 */
export function pairedPredictionsTable(a: string, b: string): string {
  const one = (ref: string) => `(SELECT example_id, label, prediction FROM predictions
      WHERE run_ref = ${literal(ref)}
      QUALIFY row_number() OVER (PARTITION BY example_id ORDER BY source_id DESC) = 1)`;
  return `CREATE OR REPLACE TEMP TABLE ${PAIRS_TABLE} AS
    SELECT example_id, a.label AS label_a, b.label AS label_b,
      a.prediction AS prediction_a, b.prediction AS prediction_b,
      a.example_id IS NOT NULL AS in_a, b.example_id IS NOT NULL AS in_b
    FROM ${one(a)} a FULL OUTER JOIN ${one(b)} b USING (example_id)
    ORDER BY example_id`;
}

const SHARED = `in_a AND in_b AND label_a IS NOT NULL AND label_b IS NOT NULL AND label_a = label_b`;

/** How many examples only one reference has, lack a label, or disagree on it. */
export function pairCounts(): string {
  return `SELECT count(*) FILTER (WHERE NOT in_b)::INTEGER AS only_a,
      count(*) FILTER (WHERE NOT in_a)::INTEGER AS only_b,
      count(*) FILTER (WHERE in_a AND in_b AND (label_a IS NULL OR label_b IS NULL))::INTEGER AS unlabelled,
      count(*) FILTER (WHERE in_a AND in_b AND label_a <> label_b)::INTEGER AS disagree
    FROM ${PAIRS_TABLE}`;
}

/** Every class a shared example has as its label or a prediction, sorted: their codes are their ranks. */
export function pairClasses(): string {
  return `SELECT v AS name FROM (
      SELECT label_a AS v FROM ${PAIRS_TABLE} WHERE ${SHARED}
      UNION SELECT prediction_a FROM ${PAIRS_TABLE} WHERE ${SHARED}
      UNION SELECT prediction_b FROM ${PAIRS_TABLE} WHERE ${SHARED})
    WHERE v IS NOT NULL ORDER BY v`;
}

/** The shared examples as class codes (−1 for no prediction), in example order. */
export function pairCodes(): string {
  return `WITH codes AS (SELECT name, (row_number() OVER (ORDER BY name) - 1)::INTEGER AS code
      FROM (${pairClasses()}))
    SELECT l.code AS label, coalesce(a.code, -1)::INTEGER AS a, coalesce(b.code, -1)::INTEGER AS b
    FROM ${PAIRS_TABLE} p
    JOIN codes l ON l.name = p.label_a
    LEFT JOIN codes a ON a.name = p.prediction_a
    LEFT JOIN codes b ON b.name = p.prediction_b
    WHERE ${SHARED.replaceAll('label_', 'p.label_').replaceAll('in_', 'p.in_')}
    ORDER BY p.example_id`;
}

/**
 * The shared examples' (segment, value, label, A, B) cells with their counts: each example's value
 * from reference a's files, else from b's (the last file listing it first).
 */
export function pairSegmentCells(a: string, b: string): string {
  return `WITH seg AS (
      SELECT example_id, segment,
        arg_max(value, (run_ref = ${literal(a)})::BIGINT * 4294967296 + source_id) AS value
      FROM prediction_segments
      WHERE run_ref IN (${literal(a)}, ${literal(b)})
      GROUP BY example_id, segment),
    codes AS (SELECT name, (row_number() OVER (ORDER BY name) - 1)::INTEGER AS code
      FROM (${pairClasses()}))
    SELECT s.segment, s.value, l.code AS label, coalesce(ca.code, -1)::INTEGER AS a,
      coalesce(cb.code, -1)::INTEGER AS b, count(*)::DOUBLE AS n
    FROM ${PAIRS_TABLE} p
    JOIN seg s USING (example_id)
    JOIN codes l ON l.name = p.label_a
    LEFT JOIN codes ca ON ca.name = p.prediction_a
    LEFT JOIN codes cb ON cb.name = p.prediction_b
    WHERE ${SHARED.replaceAll('label_', 'p.label_').replaceAll('in_', 'p.in_')}
    GROUP BY ALL
    ORDER BY s.segment, s.value NULLS LAST, label, a, b`;
}
