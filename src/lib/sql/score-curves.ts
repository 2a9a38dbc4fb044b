/**
 * Queries behind several runs' ROC and PR curves for one positive class: each example once, with
 * every run's label, score for that class and prediction side by side (from the run's last file
 * listing the example), and why it is left out, if it is.
 */

import { literal } from './quote';

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

/** An example's `status`: kept, or the first reason it is left out. */
export const KEPT = 0;
export const NOT_IN_EVERY = 1;
export const UNLABELLED = 2;
export const LABELS_DIFFER = 3;
export const NO_SCORE = 4;

/**
 * One row per example any set has, in example order (so a seeded bootstrap gives the same answer
 * however the aggregate ran): its `status`, whether its label is the positive class (1 or 0), and per
 * set i its score `s<i>` (the class's score when `byClass[i]`, else the single score) and whether
 * it predicted the positive class `p<i>` (1 or 0; numbers, which Arrow hands over without a copy).
 */
export function curveRows(
  refs: readonly string[],
  byClass: readonly boolean[],
  positiveClass: string,
): string {
  const cls = literal(positiveClass);
  const classRefs = refs.filter((_, i) => byClass[i]);
  const last = (value: string, i: number) =>
    `arg_max_null(${value}, source_id) FILTER (WHERE run_ref = ${literal(refs[i])})`;
  const each = (f: (i: number) => string, join: string) => refs.map((_, i) => f(i)).join(join);
  const source =
    classRefs.length === 0
      ? `SELECT run_ref, example_id, source_id, label, prediction, score AS x FROM predictions
        WHERE run_ref IN (${refList(refs)})`
      : `SELECT p.run_ref, p.example_id, p.source_id, p.label, p.prediction,
          CASE WHEN p.run_ref IN (${refList(classRefs)}) THEN c.score ELSE p.score END AS x
        FROM predictions p LEFT JOIN prediction_class_scores c
          ON c.class = ${cls} AND c.run_ref = p.run_ref AND c.example_id = p.example_id
            AND c.source_id = p.source_id
        WHERE p.run_ref IN (${refList(refs)})`;
  return `WITH e AS (
      SELECT example_id,
        ${each((i) => `count(*) FILTER (WHERE run_ref = ${literal(refs[i])}) > 0 AS in${i}`, ',\n        ')},
        ${each((i) => `${last('label', i)} AS l${i}`, ',\n        ')},
        ${each((i) => `${last('x', i)}::DOUBLE AS s${i}`, ',\n        ')},
        ${each((i) => `${last(`prediction = ${cls}`, i)} AS p${i}`, ',\n        ')}
      FROM (${source})
      GROUP BY example_id)
    SELECT CASE
        WHEN NOT (${each((i) => `in${i}`, ' AND ')}) THEN ${NOT_IN_EVERY}
        WHEN ${each((i) => `l${i} IS NULL`, ' OR ')} THEN ${UNLABELLED}
        WHEN ${each((i) => `l${i} <> l0`, ' OR ')} THEN ${LABELS_DIFFER}
        WHEN NOT (${each((i) => `coalesce(isfinite(s${i}), false)`, ' AND ')}) THEN ${NO_SCORE}
        ELSE ${KEPT} END::INTEGER AS status,
      coalesce(l0 = ${cls}, false)::UTINYINT AS positive,
      ${each((i) => `coalesce(s${i}, 'NaN'::DOUBLE) AS s${i}, coalesce(p${i}, false)::UTINYINT AS p${i}`, ',\n      ')}
    FROM e ORDER BY example_id`;
}
