/**
 * The per-example comparison: which prediction sets were loaded, which two are compared (the
 * student's against another run's when both have one), and the worker's answer.
 */

import type { ScoreCurvesRequest, ScoreCurvesResult } from '../predictions/curve-types';
import type { PredictionSet, PredictionsRequest, PredictionsResult } from '../predictions/types';

export interface PredictionsEngine {
  predictionSets(): Promise<PredictionSet[]>;
  comparePredictions(request: PredictionsRequest): Promise<PredictionsResult>;
  scoreCurves(request: ScoreCurvesRequest): Promise<ScoreCurvesResult>;
}

export class PredictionsView {
  #engine: PredictionsEngine;
  #asked = 0;
  #curvesAsked = 0;
  sets = $state.raw<PredictionSet[]>([]);
  /** The run references picked; null lets the page choose. */
  pickedA = $state<string | null>(null);
  pickedB = $state<string | null>(null);
  result = $state.raw<PredictionsResult | null>(null);
  error = $state<string | null>(null);
  /** The sets the ROC and PR charts draw (null: every set, up to the cap) and the positive class (null: the engine's pick). */
  curveRefs = $state.raw<string[] | null>(null);
  curveClass = $state<string | null>(null);
  curves = $state.raw<ScoreCurvesResult | null>(null);

  constructor(engine: PredictionsEngine) {
    this.#engine = engine;
  }

  async reload(): Promise<void> {
    this.sets = await this.#engine.predictionSets();
  }

  /** b: the picked set, else the student's, else the second; a: the picked, else another one. */
  pair(student: number | null): { a: string; b: string } | null {
    const refs = this.sets.map((s) => s.runRef);
    if (refs.length < 2) return null;
    const ofStudent = this.sets.find((s) => s.runId !== null && s.runId === student)?.runRef;
    const b =
      this.pickedB !== null && refs.includes(this.pickedB) ? this.pickedB : (ofStudent ?? refs[1]);
    const a =
      this.pickedA !== null && refs.includes(this.pickedA) && this.pickedA !== b
        ? this.pickedA
        : (refs.find((r) => r !== b) as string);
    return { a, b };
  }

  async compare(request: PredictionsRequest | null): Promise<void> {
    const asked = ++this.#asked;
    if (!request) {
      this.result = null;
      return;
    }
    try {
      const result = await this.#engine.comparePredictions(request);
      if (asked !== this.#asked) return;
      this.result = result;
      this.error = null;
    } catch (error) {
      if (asked === this.#asked)
        this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Ticks or unticks one set on the ROC and PR charts. */
  toggleCurveRun(runRef: string, on: boolean): void {
    const current = this.curveRefs ?? this.sets.map((s) => s.runRef);
    const next = on ? [...current, runRef] : current.filter((r) => r !== runRef);
    const order = this.sets.map((s) => s.runRef);
    this.curveRefs = order.filter((r) => next.includes(r));
  }

  async drawCurves(request: ScoreCurvesRequest | null): Promise<void> {
    const asked = ++this.#curvesAsked;
    if (!request) {
      this.curves = null;
      return;
    }
    try {
      const curves = await this.#engine.scoreCurves(request);
      if (asked !== this.#curvesAsked) return;
      this.curves = curves;
      this.error = null;
    } catch (error) {
      if (asked === this.#curvesAsked)
        this.error = error instanceof Error ? error.message : String(error);
    }
  }
}
