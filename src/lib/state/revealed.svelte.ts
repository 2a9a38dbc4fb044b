/**
 * How many items of a long list to render, growing a few at a time, one step per task, up to the
 * list's length. Rendering a list of hundreds of cells in the task that brings it is one long task
 * (a blocked page); in steps, none is. Once grown, the count stays: a list that changes in place
 * renders only what changed. Create it while a component initializes (it owns an effect).
 */

import { nextMacrotask } from '../next-task';

export class Revealed {
  #count = $state(0);
  readonly #length: () => number;

  constructor(length: () => number, perTask: number) {
    this.#length = length;
    this.#count = perTask;
    $effect(() => {
      const n = length();
      const count = this.#count;
      if (n === 0) this.#count = perTask;
      else if (count < n)
        nextMacrotask(() => {
          if (this.#count === count) this.#count = count + perTask;
        });
    });
  }

  /** How many to render now: never more than the list has. */
  get count(): number {
    return Math.min(this.#count, this.#length());
  }
}
