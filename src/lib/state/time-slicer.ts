/**
 * How many items of a long list to hand over in the next task, so that each task costs about
 * `budgetMs` at the cost per item measured so far. Cloning a File to the worker costs the page
 * ~0.35 ms in Chromium (a round trip to the browser process for its size), several times that on
 * a busy machine: a fixed count per task either blocks the page or wastes tasks.
 */
export class TimeSlicer {
  readonly #budgetMs: number;
  readonly #first: number;
  readonly #max: number;
  #msPerItem: number | null = null;

  /** `first` items go before any cost is known; never more than `max` at once. */
  constructor(budgetMs = 10, first = 16, max = 1024) {
    this.#budgetMs = budgetMs;
    this.#first = first;
    this.#max = max;
  }

  next(): number {
    if (this.#msPerItem === null) return this.#first;
    if (this.#msPerItem <= 0) return this.#max;
    return Math.max(1, Math.min(this.#max, Math.floor(this.#budgetMs / this.#msPerItem)));
  }

  /** What the last slice cost: a dearer cost is believed at once, a cheaper one by halves. */
  record(items: number, ms: number): void {
    if (items <= 0) return;
    const cost = ms / items;
    const known = this.#msPerItem;
    this.#msPerItem = known === null ? cost : Math.max(cost, (known + cost) / 2);
  }
}
