/** Sorting helpers over typed arrays, in plain loops (typed-array callbacks are slow in V8). */

/** The values that are not NaN, ascending. */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** An ascending array without its repeats. */
export function distinctSorted(sorted: Float64Array): Float64Array {
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) n++;
  const out = new Float64Array(n);
  for (let k = 0, j = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[k - 1]) out[j++] = sorted[k];
  return out;
}

/** How many of the ascending `sorted` are ≤ v (binary search). */
export function countAtOrBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
