/**
 * The runs the user selected. One signal for the whole set, replaced on each change: a brush that
 * keeps 6,000 runs selects them in one change (adding them one by one to a SvelteSet notified
 * every view 6,000 times: ~0.45 s), and views read it with plain `has` calls.
 */

/* eslint-disable svelte/prefer-svelte-reactivity -- each Set is built, then held in state whole and never mutated */

export class RunSelection implements Iterable<number> {
  #ids = $state.raw<ReadonlySet<number>>(new Set());

  get size(): number {
    return this.#ids.size;
  }

  has(id: number): boolean {
    return this.#ids.has(id);
  }

  [Symbol.iterator](): Iterator<number> {
    return this.#ids[Symbol.iterator]();
  }

  add(id: number): void {
    if (!this.#ids.has(id)) this.#ids = new Set([...this.#ids, id]);
  }

  delete(id: number): void {
    if (!this.#ids.has(id)) return;
    const next = new Set(this.#ids);
    next.delete(id);
    this.#ids = next;
  }

  /** Adds every id, in one change. */
  addAll(ids: Iterable<number>): void {
    const next = new Set(this.#ids);
    for (const id of ids) next.add(id);
    if (next.size !== this.#ids.size) this.#ids = next;
  }

  /** Removes every id, in one change. */
  deleteAll(ids: Iterable<number>): void {
    const next = new Set(this.#ids);
    for (const id of ids) next.delete(id);
    if (next.size !== this.#ids.size) this.#ids = next;
  }

  /** Exactly these ids, in one change. */
  replace(ids: Iterable<number>): void {
    const next = new Set(ids);
    if (next.size === 0 && this.#ids.size === 0) return;
    this.#ids = next;
  }

  clear(): void {
    this.replace([]);
  }
}
