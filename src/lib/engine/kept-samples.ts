/**
 * Debug samples held inside a file (images in a TensorBoard event file) in a snapshot: their bytes
 * stay in the kept file, so the snapshot holds where they lie, and the samples come back once the
 * file is given to the engine again (`Engine.reattach`), without reading it.
 */

import type { EngineSample } from './api';

export type StoredSample = Omit<EngineSample, 'blob'> & { range: [number, number] };

export function storeSamples(bySource: Map<number, EngineSample[]>): [number, StoredSample[]][] {
  return [...bySource]
    .map(([sourceId, samples]): [number, StoredSample[]] => [
      sourceId,
      samples.flatMap(({ blob: _blob, ...s }) => (s.range ? [{ ...s, range: s.range }] : [])),
    ])
    .filter(([, samples]) => samples.length > 0);
}

/** The samples of a file given again, their bytes sliced from it. */
export function samplesFrom(stored: readonly StoredSample[], file: Blob): EngineSample[] {
  return stored.map((s) => ({ ...s, blob: file.slice(s.range[0], s.range[1], s.mime) }));
}
