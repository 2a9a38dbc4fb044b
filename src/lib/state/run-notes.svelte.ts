/**
 * The user's notes on runs (see persist/run-notes.ts), by run key. `version` changes with every
 * edit, for whoever keeps the notes (the kept workspace) to follow.
 */

import { SvelteMap } from 'svelte/reactivity';
import { cleanNote, parseNotes, type RunNotesRecord } from '../persist/run-notes';

export class RunNotes {
  #notes = new SvelteMap<string, string>();
  version = $state(0);

  get size(): number {
    return this.#notes.size;
  }

  get(runKey: string): string {
    return this.#notes.get(runKey) ?? '';
  }

  /** Sets a run's note; an empty one removes it. */
  set(runKey: string, text: string): void {
    const note = cleanNote(text);
    if (note === this.get(runKey)) return;
    if (note) this.#notes.set(runKey, note);
    else this.#notes.delete(runKey);
    this.version++;
  }

  /** Every note, for a record; keys in a stable order. */
  record(): RunNotesRecord {
    return Object.fromEntries([...this.#notes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Takes the notes of a record, over any with the same run key. */
  merge(value: unknown): void {
    const notes = parseNotes(value);
    const keys = Object.keys(notes);
    if (keys.length === 0) return;
    for (const key of keys) this.#notes.set(key, notes[key]);
    this.version++;
  }

  clear(): void {
    if (this.#notes.size === 0) return;
    this.#notes.clear();
    this.version++;
  }
}
