/**
 * Smoothing ahead of the charts. Smoothing runs over every point of a series (that is what keeps
 * it independent of zoom), so for a big drop it is most of a chart's first answer. Once a drop is
 * stored, the worker is otherwise idle while the page refreshes its tables: in that time, in
 * slices that let any call through between them, this smooths the step-axis series of the metrics
 * the page draws first, the way the page smooths them.
 */

import type { Series } from '../align/series';
import { nextMacrotask } from '../next-task';
import type { Smoothing } from '../curves/smoothing';
import type { CurveCache } from './curves';
import type { SeriesStore } from './series-store';

/** What the page's curve charts will ask for first. */
export interface CurvePlan {
  smoothing: Smoothing;
  /** How many charts draw at once: the first metrics by name. */
  charts: number;
}

export interface WarmerHost {
  store: SeriesStore;
  /** Every metric name with its id. */
  metricNames(): Iterable<[string, number]>;
  runIds(): number[];
  /** False while files are being stored: the series would be rebuilt anyway. */
  idle(): boolean;
}

const SLICE_MS = 8;

export class CurveWarmer {
  #host: WarmerHost;
  #cache: CurveCache;
  #plan: CurvePlan | null = null;
  #job = 0;
  #schedule: (run: () => void) => void;

  constructor(
    host: WarmerHost,
    cache: CurveCache,
    schedule: (run: () => void) => void = nextMacrotask,
  ) {
    this.#host = host;
    this.#cache = cache;
    this.#schedule = schedule;
  }

  plan(plan: CurvePlan): void {
    this.#plan = plan;
    this.start();
  }

  /** Starts over (new data or a new plan); whatever was under way stops. */
  start(): void {
    const job = ++this.#job;
    const plan = this.#plan;
    if (!plan || plan.smoothing.kind === 'none' || plan.charts <= 0) return;
    const metrics = [...this.#host.metricNames()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, plan.charts)
      .map(([, id]) => id);
    let m = 0;
    let pending: Series[] = [];
    const slice = () => {
      if (job !== this.#job || !this.#host.idle()) return;
      const until = performance.now() + SLICE_MS;
      while (performance.now() < until) {
        const series = pending.pop();
        if (series) {
          this.#cache.smoothed(series, plan.smoothing);
          continue;
        }
        if (m >= metrics.length) return;
        const byRun = this.#host.store.metric(metrics[m++], { kind: 'step' }, this.#host.runIds());
        pending = [...byRun.values()];
      }
      this.#schedule(slice);
    };
    this.#schedule(slice);
  }

  stop(): void {
    this.#job++;
  }
}
