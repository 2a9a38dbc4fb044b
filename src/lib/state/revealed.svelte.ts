/**
 * How many items of a long list to render, growing a few at a time, one step per task, up to the
 * list's length. Rendering a list of hundreds of cells in the task that brings it is one long task
 * (a blocked page); in steps, none is. Once grown, the count stays: a list that changes in place
 * renders only what changed. Create it while a component initializes (it owns an effect).
 */

import { nextMacrotask } from '../next-task';

export class Revealed {
  #count = $state(0);
  /** The list `#count` was grown for, when the lists are named. */
  #grownFor = $state.raw<unknown>(undefined);
  readonly #length: () => number;
  readonly #perTask: number;
  readonly #list: () => unknown;

  /**
   * `restartOn`, when given, names the list: another list starts again from `perTask` items, for
   * lists whose items all change at once (the runs of a new selection).
   */
  constructor(length: () => number, perTask: number, restartOn: () => unknown = () => undefined) {
    this.#length = length;
    this.#perTask = perTask;
    this.#list = restartOn;
    this.#count = perTask;
    this.#grownFor = restartOn();
    $effect(() => {
      const n = length();
      const list = restartOn();
      if (n === 0 || list !== this.#grownFor) {
        this.#count = perTask;
        this.#grownFor = list;
        return;
      }
      const count = this.#count;
      if (count < n)
        nextMacrotask(() => {
          if (this.#count === count && this.#grownFor === list) this.#count = count + perTask;
        });
    });
  }

  /** How many to render now: never more than the list has. */
  get count(): number {
    const grown = this.#grownFor === this.#list() ? this.#count : this.#perTask;
    return Math.min(grown, this.#length());
  }
}
