/**
 * Where each run sits on a sweep axis, as a position in [0, 1] (0 at the bottom). Numbers map
 * linearly or on a log scale over their finite range (±Infinity at the ends); categories sit at the
 * centres of equal bands, in their order. A run without a value sits at MISSING, below the axis,
 * on a tick of its own: it is drawn and brushable like any other value, never dropped.
 */

import type { SweepColumn } from './types';

export const MISSING = -0.1;

export interface AxisOptions {
  /** Log scale (numeric axes whose values are all > 0; otherwise linear). */
  log: boolean;
  /** Largest at the bottom. */
  flipped: boolean;
}

export interface AxisScale {
  /** Position of a value of the column (a number, or a category index). */
  toPosition(v: number): number;
  /** The value at a position (numeric axes), for brush labels. */
  fromPosition(p: number): number;
  log: boolean;
  /** Finite range of a numeric axis; null for categories or an axis without values. */
  domain: [number, number] | null;
}

export function axisScale(column: SweepColumn, options: AxisOptions): AxisScale {
  const flip = (p: number) => (options.flipped ? 1 - p : p);
  if (column.type !== 'numeric') {
    const n = Math.max(1, column.categories.length);
    return {
      toPosition: (code) => flip((code + 0.5) / n),
      fromPosition: (p) => Math.floor(flip(p) * n - 1e-9),
      log: false,
      domain: null,
    };
  }
  let lo = Infinity;
  let hi = -Infinity;
  let positive = true;
  for (const v of column.values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v <= 0) positive = false;
  }
  if (lo > hi)
    return { toPosition: () => flip(0.5), fromPosition: () => NaN, log: false, domain: null };
  const log = options.log && positive;
  const f = log ? Math.log10 : (v: number) => v;
  const a = f(lo);
  const span = f(hi) - a;
  return {
    toPosition: (v) =>
      flip(v === Infinity ? 1 : v === -Infinity ? 0 : span === 0 ? 0.5 : (f(v) - a) / span),
    fromPosition: (p) => {
      const t = a + flip(p) * span;
      return log ? 10 ** t : t;
    },
    log,
    domain: [lo, hi],
  };
}

/** Every run's position on the axis; MISSING where the run has no value. */
export function axisPositions(column: SweepColumn, scale: AxisScale): Float32Array {
  const out = new Float32Array(
    column.type === 'numeric' ? column.values.length : column.codes.length,
  );
  if (column.type === 'numeric')
    column.values.forEach((v, i) => (out[i] = Number.isNaN(v) ? MISSING : scale.toPosition(v)));
  else column.codes.forEach((c, i) => (out[i] = c < 0 ? MISSING : scale.toPosition(c)));
  return out;
}
