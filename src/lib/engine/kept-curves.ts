/**
 * Tracker curves in a snapshot's JSON manifest: they are kept by the engine, not in DuckDB, and
 * JSON writes NaN (a W&B table's missing counts) as null, so arrays go as lists with null for NaN.
 */

import type { KeptPrCurve } from '../predictions/tracker-curves';

type List = (number | null)[];

export interface StoredPrCurve {
  curve: Omit<KeptPrCurve, 'tp' | 'fp' | 'tn' | 'fn' | 'precision' | 'recall' | 'roc'>;
  arrays: Record<'tp' | 'fp' | 'tn' | 'fn' | 'precision' | 'recall', List>;
  roc?: { fpr: List; tpr: List };
}

const ARRAYS = ['tp', 'fp', 'tn', 'fn', 'precision', 'recall'] as const;
const list = (a: Float64Array): List => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
const array = (l: List): Float64Array => Float64Array.from(l, (v) => v ?? NaN);

export function storeCurves(bySource: Map<number, KeptPrCurve[]>): [number, StoredPrCurve[]][] {
  return [...bySource].map(([sourceId, curves]) => [
    sourceId,
    curves.map(({ tp, fp, tn, fn, precision, recall, roc, ...curve }) => ({
      curve,
      arrays: Object.fromEntries(
        ARRAYS.map((k) => [k, list({ tp, fp, tn, fn, precision, recall }[k])]),
      ) as StoredPrCurve['arrays'],
      ...(roc ? { roc: { fpr: list(roc.fpr), tpr: list(roc.tpr) } } : {}),
    })),
  ]);
}

export function readCurves(stored: [number, StoredPrCurve[]][] = []): Map<number, KeptPrCurve[]> {
  return new Map(
    stored.map(([sourceId, curves]) => [
      sourceId,
      curves.map((s) => ({
        ...s.curve,
        tp: array(s.arrays.tp),
        fp: array(s.arrays.fp),
        tn: array(s.arrays.tn),
        fn: array(s.arrays.fn),
        precision: array(s.arrays.precision),
        recall: array(s.arrays.recall),
        ...(s.roc ? { roc: { fpr: array(s.roc.fpr), tpr: array(s.roc.tpr) } } : {}),
      })),
    ]),
  );
}
