/** The tracker PR curves the view shows: which tag, which step, and the engine's answer. */

import type { TrackerCurvesRequest, TrackerCurvesResult } from '../predictions/tracker-curves';

export interface TrackerCurvesEngine {
  trackerCurves(request: TrackerCurvesRequest): Promise<TrackerCurvesResult>;
}

export class TrackerCurvesView {
  #engine: TrackerCurvesEngine;
  #asked = 0;
  /** `null` follows the first tag. */
  tag = $state<string | null>(null);
  /** `null` follows the tag's newest step. */
  step = $state<number | null>(null);
  result = $state.raw<TrackerCurvesResult | null>(null);

  constructor(engine: TrackerCurvesEngine) {
    this.#engine = engine;
  }

  /** Asks for the curves of the chosen tag and step; the newest answer wins. */
  async reload(): Promise<void> {
    const asked = ++this.#asked;
    try {
      const result = await this.#engine.trackerCurves({
        tag: this.tag ?? undefined,
        step: this.step ?? undefined,
      });
      if (asked === this.#asked) this.result = result;
    } catch {
      // A worker being restarted: the next refresh asks again.
    }
  }

  pickTag(tag: string): void {
    this.tag = tag;
    this.step = null;
  }
}
