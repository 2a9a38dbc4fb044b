/**
 * Two runs' per-example predictions compared in the worker: on the examples both predicted with
 * the same label, McNemar's test of who gets right what the other gets wrong, and a paired
 * bootstrap of the accuracy and macro-F1 difference. Examples only one run has are counted, not
 * used: runs evaluated on different sets are said to be so.
 */

import { linkRun, type LinkableRun } from '../predictions/link';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';
import {
  PAIRS_TABLE,
  pairClasses,
  pairCodes,
  pairCounts,
  pairSegmentCells,
  pairedPredictionsTable,
  predictionRefs,
  predictionSets,
} from '../sql/predictions';
import { classBreakdown } from '../stats/class-breakdown';
import { segmentBreakdowns, type SegmentCells } from '../stats/segment-breakdown';
import { mcnemar } from '../stats/mcnemar';
import { pairedBootstrap, type PairedPredictions } from '../stats/paired-bootstrap';
import { exec, query, queryRows, type Db } from './db';

/**
 * Example draws the per-example bootstrap may cost (~1 s in the worker): past it the bootstrap
 * takes fewer resamples, never fewer than `MIN_RESAMPLES`; a set too large even for those is
 * resampled by its cells instead (see class-breakdown.ts). The answer says which, and how many.
 */
const DRAW_BUDGET = 2e8;
const MIN_RESAMPLES = 1000;
/** Resampled differences the per-class intervals may hold (three per class and resample). */
const CLASS_DRAWS = 2e6;

function linkableRuns(db: Db): LinkableRun[] {
  return queryRows<{ run_id: number; run_key: string; name: string }>(
    db,
    'SELECT run_id, run_key, name FROM runs',
  ).map<LinkableRun>((r) => ({ runId: r.run_id, runKey: r.run_key, name: r.name }));
}

/** The run references and their linked runs, without counting examples (a scan of every one). */
export function listPredictionRefs(db: Db): { runRef: string; runId: number | null }[] {
  const runs = linkableRuns(db);
  return queryRows<{ run_ref: string }>(db, predictionRefs()).map((r) => ({
    runRef: r.run_ref,
    runId: linkRun(r.run_ref, runs).runId,
  }));
}

export function listPredictionSets(db: Db): PredictionSet[] {
  const runs = linkableRuns(db);
  return queryRows<{ run_ref: string; examples: number; sources: string }>(
    db,
    predictionSets(),
  ).map((s) => ({
    runRef: s.run_ref,
    examples: s.examples,
    sources: s.sources.split('\n'),
    ...linkRun(s.run_ref, runs),
  }));
}

export function comparePredictions(db: Db, request: PredictionsRequest): PredictionsResult {
  const started = performance.now();
  exec(db, pairedPredictionsTable(request.a, request.b));
  let counts: { only_a: number; only_b: number; unlabelled: number; disagree: number };
  let classNames: string[];
  let pairs: PairedPredictions;
  let segmentCells: SegmentCells[];
  try {
    [counts] = queryRows<typeof counts>(db, pairCounts());
    classNames = queryRows<{ name: string }>(db, pairClasses()).map((r) => r.name);
    const codes = query(db, pairCodes());
    const column = (name: string) => Int32Array.from(codes.getChild(name)?.toArray() ?? []);
    pairs = { label: column('label'), a: column('a'), b: column('b'), classes: classNames.length };
    segmentCells = readSegmentCells(db, request);
  } finally {
    exec(db, `DROP TABLE IF EXISTS ${PAIRS_TABLE}`);
  }
  const n = pairs.label.length;
  const breakdown = classBreakdown(pairs, {
    ...request,
    resamples: Math.min(
      request.resamples,
      Math.max(200, Math.floor(CLASS_DRAWS / Math.max(1, classNames.length))),
    ),
  });
  // Per example while the draws fit the budget; past it, the breakdown's resamples of the cells
  // (a Poisson bootstrap) give accuracy and macro F1 too, at a cost that does not grow with n.
  const byExample = n * MIN_RESAMPLES <= DRAW_BUDGET;
  const resamples = byExample
    ? Math.min(request.resamples, Math.floor(DRAW_BUDGET / Math.max(1, n)))
    : breakdown.resamples;
  const overall = byExample ? pairedBootstrap(pairs, { ...request, resamples }) : breakdown.overall;
  let aOnlyRight = 0;
  let bOnlyRight = 0;
  for (let i = 0; i < n; i++) {
    const ra = pairs.a[i] === pairs.label[i];
    const rb = pairs.b[i] === pairs.label[i];
    if (ra && !rb) aOnlyRight++;
    else if (rb && !ra) bOnlyRight++;
  }
  return {
    request,
    shared: n,
    onlyA: counts.only_a,
    onlyB: counts.only_b,
    labelsDisagree: counts.disagree,
    unlabelled: counts.unlabelled,
    classes: classNames.length,
    resamples,
    bootstrap: byExample ? 'examples' : 'poisson-cells',
    accuracy: overall.accuracy,
    macroF1: overall.macroF1,
    mcnemar: n > 0 ? mcnemar(aOnlyRight, bOnlyRight) : null,
    classNames,
    breakdown,
    segments: segmentBreakdowns(segmentCells, classNames.length, request),
    elapsedMs: performance.now() - started,
  };
}

/** The cells of every segment value, grouped from the SQL's sorted rows. */
function readSegmentCells(db: Db, request: PredictionsRequest): SegmentCells[] {
  const table = query(db, pairSegmentCells(request.a, request.b));
  const segment = table.getChild('segment')?.toArray() as string[] | undefined;
  if (!segment || table.numRows === 0) return [];
  const value = table.getChild('value')?.toArray() as (string | null)[];
  const label = Int32Array.from(table.getChild('label')?.toArray() ?? []);
  const a = Int32Array.from(table.getChild('a')?.toArray() ?? []);
  const b = Int32Array.from(table.getChild('b')?.toArray() ?? []);
  const n = Float64Array.from(table.getChild('n')?.toArray() ?? []);
  const parts: SegmentCells[] = [];
  let start = 0;
  for (let i = 1; i <= table.numRows; i++) {
    if (i < table.numRows && segment[i] === segment[start] && value[i] === value[start]) continue;
    parts.push({
      segment: segment[start],
      value: value[start],
      cells: {
        label: label.slice(start, i),
        a: a.slice(start, i),
        b: b.slice(start, i),
        count: n.slice(start, i),
      },
    });
    start = i;
  }
  return parts;
}
