/**
 * Queries behind several runs' ROC and PR curves for one positive class: each run's latest row
 * per example (as in predictions.ts), its score for that class, and the examples side by side.
 */

import { literal } from './quote';

/** The temporary table of one row per example, each run's label, prediction and score pivoted. */
export const CURVE_TABLE = 'curve_examples';

const refList = (refs: readonly string[]) => refs.map(literal).join(', ');

/** Every class the sets name: labels, predictions and scored classes, sorted. */
export function curveClasses(refs: readonly string[]): string {
  const where = `WHERE run_ref IN (${refList(refs)})`;
  return `SELECT v AS name, bool_or(scored) AS scored FROM (
      SELECT DISTINCT label AS v, false AS scored FROM predictions ${where}
      UNION ALL SELECT DISTINCT prediction, false FROM predictions ${where}
      UNION ALL SELECT DISTINCT class, true FROM prediction_class_scores ${where})
    WHERE v IS NOT NULL GROUP BY v ORDER BY v`;
}

/** Per set, how many examples have a score for the class, and how many a single score. */
export function curveScoreCounts(refs: readonly string[], positiveClass: string): string {
  return `SELECT r.run_ref,
      (SELECT count(*) FROM prediction_class_scores c
        WHERE c.run_ref = r.run_ref AND c.class = ${literal(positiveClass)})::INTEGER AS class_scores,
      (SELECT count(score) FROM predictions p WHERE p.run_ref = r.run_ref)::INTEGER AS scores
    FROM (SELECT unnest([${refList(refs)}]) AS run_ref) r`;
}

/**
 * One row per example any set has: how many sets have it, with a label, the lowest and highest
 * label, and per set i its score `s<i>` (the class's score when `byClass[i]`, else the single
 * score) and whether it predicted the positive class `p<i>`.
 */
export function curveExamplesTable(
  refs: readonly string[],
  byClass: readonly boolean[],
  positiveClass: string,
): string {
  const cls = literal(positiveClass);
  const classRefs = refs.filter((_, i) => byClass[i]);
  const pivot = refs
    .map(
      (ref, i) => `max(x) FILTER (WHERE run_ref = ${literal(ref)}) AS s${i},
      bool_or(prediction = ${cls}) FILTER (WHERE run_ref = ${literal(ref)}) AS p${i}`,
    )
    .join(',\n      ');
  return `CREATE OR REPLACE TEMP TABLE ${CURVE_TABLE} AS
    WITH p AS (SELECT run_ref, example_id, label, prediction, score FROM predictions
        WHERE run_ref IN (${refList(refs)})
        QUALIFY row_number() OVER (PARTITION BY run_ref, example_id ORDER BY source_id DESC) = 1),
      c AS (SELECT run_ref, example_id, arg_max(score, source_id) AS class_score
        FROM prediction_class_scores
        WHERE class = ${cls} AND run_ref IN (${classRefs.length > 0 ? refList(classRefs) : 'NULL'})
        GROUP BY run_ref, example_id)
    SELECT example_id, count(*)::INTEGER AS runs, count(label)::INTEGER AS labelled,
      min(label) AS label, max(label) AS label_hi,
      ${pivot}
    FROM (SELECT p.*, CASE WHEN p.run_ref IN (${classRefs.length > 0 ? refList(classRefs) : 'NULL'})
          THEN c.class_score ELSE p.score END AS x
        FROM p LEFT JOIN c USING (run_ref, example_id))
    GROUP BY example_id`;
}

const scored = (n: number) =>
  Array.from({ length: n }, (_, i) => `s${i} IS NOT NULL AND isfinite(s${i})`).join(' AND ');

/** Why examples were left out, counted the same way `curveRows` keeps them. */
export function curveCounts(n: number): string {
  const complete = `runs = ${n} AND labelled = ${n} AND label = label_hi`;
  return `SELECT count(*) FILTER (WHERE runs < ${n})::INTEGER AS not_in_every,
      count(*) FILTER (WHERE runs = ${n} AND labelled < ${n})::INTEGER AS unlabelled,
      count(*) FILTER (WHERE runs = ${n} AND labelled = ${n} AND label <> label_hi)::INTEGER AS disagree,
      count(*) FILTER (WHERE ${complete} AND NOT (${scored(n)}))::INTEGER AS no_score
    FROM ${CURVE_TABLE}`;
}

/** The examples kept, in example order: positive or not, and each set's score and prediction. */
export function curveRows(n: number, positiveClass: string): string {
  const columns = Array.from(
    { length: n },
    (_, i) => `s${i}::DOUBLE AS s${i}, coalesce(p${i}, false) AS p${i}`,
  ).join(', ');
  return `SELECT label = ${literal(positiveClass)} AS positive, ${columns}
    FROM ${CURVE_TABLE}
    WHERE runs = ${n} AND labelled = ${n} AND label = label_hi AND ${scored(n)}
    ORDER BY example_id`;
}
