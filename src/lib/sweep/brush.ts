/**
 * Which runs pass the brushes of the parallel coordinates: on each axis, a run passes when its
 * position lies in any of the axis's ranges (several brushes on one axis add up); across axes, it
 * must pass all. Positions are those of axis-positions.ts, so brushing the missing tick selects the
 * runs without a value, and a range over category bands selects those categories.
 */

export type Range = readonly [number, number];

export function brushedMask(
  positions: readonly Float32Array[],
  ranges: readonly (readonly Range[])[],
  runs: number,
): Uint8Array {
  const mask = new Uint8Array(runs).fill(1);
  positions.forEach((p, axis) => {
    const rs = ranges[axis];
    if (!rs || rs.length === 0) return;
    for (let i = 0; i < runs; i++) {
      if (mask[i] === 0) continue;
      const v = p[i];
      let inside = false;
      for (const [a, b] of rs)
        if (v >= Math.min(a, b) && v <= Math.max(a, b)) {
          inside = true;
          break;
        }
      if (!inside) mask[i] = 0;
    }
  });
  return mask;
}

/**
 * The runs among the best `percent` % by a metric (its direction deciding which end is best); runs
 * without a value are not among them. Ties at the cut are all kept.
 */
export function topPercentMask(
  values: Float64Array,
  direction: 'min' | 'max',
  percent: number,
): Uint8Array {
  const mask = new Uint8Array(values.length);
  const present: number[] = [];
  for (const v of values) if (!Number.isNaN(v)) present.push(v);
  if (present.length === 0 || !(percent > 0)) return mask;
  present.sort((a, b) => (direction === 'max' ? b - a : a - b));
  const keep = Math.max(1, Math.ceil((Math.min(percent, 100) / 100) * present.length));
  const cut = present[keep - 1];
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    mask[i] = (direction === 'max' ? v >= cut : v <= cut) ? 1 : 0;
  });
  return mask;
}

/** Indices of the runs set in every mask given. */
export function selectedIndices(runs: number, ...masks: (Uint8Array | null)[]): Int32Array {
  let n = 0;
  const out = new Int32Array(runs);
  for (let i = 0; i < runs; i++) if (masks.every((m) => !m || m[i] === 1)) out[n++] = i;
  return out.subarray(0, n);
}
