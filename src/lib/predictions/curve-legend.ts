/** The words and the CSV of several runs' ROC and PR curves. */

import { csvTable } from '../share/csv';
import { formatStat } from '../stats/format';
import type { Interval } from '../stats/percentile-interval';
import type { RunCurve, ScoreCurvesResult } from './curve-types';

const interval = (i: Interval | null) =>
  i ? `[${formatStat(i.lo)}, ${formatStat(i.hi)}]` : '[no interval]';

/** `AUC 0.912 [0.90, 0.93]`: DeLong's interval. */
export function aucText(run: RunCurve): string {
  return `AUC ${formatStat(run.auc.auc)} ${interval(run.auc)}`;
}

/** `AP 0.871 [0.85, 0.89]`: the percentile bootstrap interval. */
export function apText(run: RunCurve): string {
  return `AP ${formatStat(run.averagePrecision)} ${interval(run.apInterval)}`;
}

export function sourceText(run: RunCurve): string {
  if (run.source === 'class-score') return 'its score for the class';
  if (run.source === 'positive') return 'its score read as the positive class’s probability';
  return 'its score read as the confidence of its prediction';
}

/** `class: cat (one-vs-rest)` for more than two classes, `positive class: 1` for two. */
export function classText(result: ScoreCurvesResult): string {
  const c = result.positiveClass ?? '';
  return result.classes.length > 2 ? `class: ${c} (one-vs-rest)` : `positive class: ${c}`;
}

/** Every drawn point of every run, one row per point and curve. */
export function curvesCsv(result: ScoreCurvesResult): string {
  const rows: (string | number | null)[][] = [];
  for (const run of result.runs) {
    const base = [run.runRef, result.positiveClass, run.auc.auc, run.averagePrecision];
    run.fpr.forEach((x, i) => rows.push([...base, 'roc', x, run.tpr[i]]));
    run.recall.forEach((x, i) => rows.push([...base, 'pr', x, run.precision[i]]));
  }
  return csvTable(['run', 'positive_class', 'auc', 'average_precision', 'curve', 'x', 'y'], rows);
}
