/**
 * PR and ROC curves a tracker logged (TensorBoard's `pr_curves` as counts per threshold, W&B's
 * curve tables as points), merged across runs at one step. The areas are over the tracker's
 * thresholds or points, not per-example scores.
 */

import type { PrCurveRecord } from '../importers/types';

export type KeptPrCurve = PrCurveRecord & { runKey: string };

export interface TrackerCurvesRequest {
  /** The tag to draw; the first tag when absent or unknown. */
  tag?: string;
  /** The step to draw; each tag's newest step when absent. */
  step?: number;
}

export interface TrackerRunCurve {
  runKey: string;
  source: PrCurveRecord['source'];
  /** The step drawn: the asked step, or the run's newest step before it. */
  step: number;
  atAskedStep: boolean;
  thresholds: number;
  /** PR points from the highest threshold to the lowest, those with no predicted positive left out. */
  recall: Float64Array;
  precision: Float64Array;
  /** ROC points from (0, 0), then the highest threshold to the lowest. */
  fpr: Float64Array;
  tpr: Float64Array;
  /** Σ (R_n − R_{n−1}) P_n over the thresholds, high to low; NaN with no PR points. */
  ap: number;
  /** Trapezoids under the ROC points; NaN with no ROC points. */
  auc: number;
}

export interface TrackerCurvesResult {
  tags: { tag: string; steps: number[] }[];
  tag: string | null;
  step: number | null;
  runs: TrackerRunCurve[];
  /** Runs that logged the tag only after the step drawn. */
  notYet: string[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

/** One logged curve's points and areas. */
export function curvePoints(
  c: PrCurveRecord,
): Omit<TrackerRunCurve, 'runKey' | 'source' | 'step' | 'atAskedStep'> {
  const t = c.tp.length;
  const recall: number[] = [];
  const precision: number[] = [];
  const fpr = [0];
  const tpr = [0];
  let ap = 0;
  let lastRecall = 0;
  for (let i = t - 1; i >= 0; i--) {
    const r = Number.isFinite(c.recall[i]) ? c.recall[i] : ratio(c.tp[i], c.tp[i] + c.fn[i]);
    const f = ratio(c.fp[i], c.fp[i] + c.tn[i]);
    if (Number.isFinite(f) && Number.isFinite(r)) {
      fpr.push(f);
      tpr.push(r);
    }
    if (c.tp[i] + c.fp[i] <= 0 || !Number.isFinite(r)) continue;
    const p = Number.isFinite(c.precision[i]) ? c.precision[i] : ratio(c.tp[i], c.tp[i] + c.fp[i]);
    recall.push(r);
    precision.push(p);
    ap += (r - lastRecall) * p;
    lastRecall = r;
  }
  if (c.roc) {
    // Given points start at (0, 0) when the tracker logged it; the start is added otherwise.
    const start = c.roc.fpr[0] === 0 && c.roc.tpr[0] === 0 ? [] : [0];
    fpr.splice(0, fpr.length, ...start, ...c.roc.fpr);
    tpr.splice(0, tpr.length, ...start, ...c.roc.tpr);
  }
  let auc = fpr.length > 1 ? 0 : NaN;
  for (let i = 1; i < fpr.length; i++) auc += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
  return {
    thresholds: c.roc ? c.roc.fpr.length : t,
    recall: Float64Array.from(recall),
    precision: Float64Array.from(precision),
    fpr: Float64Array.from(fpr),
    tpr: Float64Array.from(tpr),
    ap: recall.length > 0 ? ap : NaN,
    auc,
  };
}

/** The tags and their steps, and every run's curve of one tag at one step. */
export function trackerCurves(
  kept: readonly KeptPrCurve[],
  request: TrackerCurvesRequest,
): TrackerCurvesResult {
  const byTag = new Map<string, Map<string, Map<number, KeptPrCurve>>>();
  for (const c of kept) {
    let runs = byTag.get(c.tag);
    if (!runs) byTag.set(c.tag, (runs = new Map()));
    let steps = runs.get(c.runKey);
    if (!steps) runs.set(c.runKey, (steps = new Map()));
    steps.set(c.step, c);
  }
  // By name, as TensorBoard lists them: files come in any order.
  const tags = [...byTag]
    .map(([tag, runs]) => ({
      tag,
      steps: [...new Set([...runs.values()].flatMap((s) => [...s.keys()]))].sort((a, b) => a - b),
    }))
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const chosen = tags.find((t) => t.tag === request.tag) ?? tags[0];
  if (!chosen) return { tags, tag: null, step: null, runs: [], notYet: [] };
  const step = request.step ?? chosen.steps[chosen.steps.length - 1];
  const runs: TrackerRunCurve[] = [];
  const notYet: string[] = [];
  for (const [runKey, steps] of byTag.get(chosen.tag) ?? []) {
    let at = -Infinity;
    for (const s of steps.keys()) if (s <= step && s > at) at = s;
    const curve = steps.get(at);
    if (!curve) notYet.push(runKey);
    else
      runs.push({
        runKey,
        source: curve.source,
        step: at,
        atAskedStep: at === step,
        ...curvePoints(curve),
      });
  }
  return { tags, tag: chosen.tag, step, runs, notYet };
}
