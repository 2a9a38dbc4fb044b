/**
 * Curve smoothing, run on a whole series before it is downsampled. Every kind leaves non-finite
 * values (NaN, ±Inf) where they are and keeps them out of every average, and leaves a series whose
 * finite values are all equal exactly as it is.
 */

export type Smoothing =
  | { kind: 'none' }
  /** TensorBoard's debiased EMA; `weight` is clamped to [0, 0.999], a non-finite weight is 0. */
  | { kind: 'ema'; weight: number }
  /** Time-weighted EMA for uneven x; `halfLife` in x units, finite and > 0 (otherwise no smoothing). */
  | { kind: 'time-ema'; halfLife: number }
  /** Centred moving average over `window` finite points; an even window reaches one further back. */
  | { kind: 'moving-average'; window: number };

/** Same length as y. Non-finite y (NaN, ±Inf) stay as they are at their index and do not enter any average. */
export function smooth(x: Float64Array, y: Float64Array, s: Smoothing): Float64Array {
  return smoothInto(x, y, s, new Float64Array(y.length));
}

/**
 * `smooth`, written into the first y.length values of `out` (which may be reused from series to
 * series: a fresh array per series costs more than the smoothing itself). Returns that part.
 */
export function smoothInto(
  x: Float64Array,
  y: Float64Array,
  s: Smoothing,
  out: Float64Array,
): Float64Array {
  if (out.length < y.length) throw new RangeError('smoothInto: out is shorter than the series');
  const into = out.length === y.length ? out : out.subarray(0, y.length);
  into.set(y);
  if (s.kind === 'none' || finiteValuesEqual(y)) return into;
  if (s.kind === 'ema') ema(y, s.weight, into);
  else if (s.kind === 'time-ema') timeEma(x, y, s.halfLife, into);
  else movingAverage(y, s.window, into);
  return into;
}

function finiteValuesEqual(y: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/**
 * TensorBoard's `classicSmoothing` (tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts):
 * `last = last·w + (1−w)·y_i`, `s_i = last / (1 − w^i)`, i counting finite points so far.
 * TensorBoard skips smoothing only when every point equals the first; skipping it whenever the
 * finite points are equal (done by `smooth`) differs from it by rounding at most.
 */
function ema(y: Float64Array, weight: number, out: Float64Array): void {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 0.999) : 0;
  if (w === 0) return;
  let last = 0;
  let count = 0;
  // Once 1 − w^i rounds to 1 it stays 1: from there dividing by it changes nothing, and the
  // costly Math.pow per point can stop (the result is the same, bit for bit).
  let debiasing = true;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    count++;
    if (debiasing) {
      const debias = 1 - Math.pow(w, count);
      if (debias === 1) debiasing = false;
      out[i] = last / debias;
    } else out[i] = last;
  }
}

/**
 * A time-weighted, debiased EMA. Each finite point i carries the x gap since the previous finite
 * point, Δ_i, as a decay α_i = 0.5^(Δ_i / halfLife):
 *
 *   last_i = α_i·last_{i−1} + (1 − α_i)·y_i,   norm_i = α_i·norm_{i−1} + (1 − α_i),   s_i = last_i / norm_i
 *
 * (last_0 = norm_0 = 0). So y_i weighs as much as the stretch of x before it that it stands for,
 * and a burst of dense logging does not outweigh a long sparse stretch. The first point takes the
 * gap to the next x. On even x with α = w this is TensorBoard's EMA up to rounding (norm_i = 1 − w^i).
 * Points sharing an x are averaged into one point and all get its value; points with a non-finite
 * x are skipped like non-finite y. x must be ascending.
 */
function timeEma(x: Float64Array, y: Float64Array, halfLife: number, out: Float64Array): void {
  if (!(halfLife > 0 && Number.isFinite(halfLife))) return;
  let firstGap = 0;
  let firstX = NaN;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]) || !Number.isFinite(x[i])) continue;
    if (Number.isNaN(firstX)) firstX = x[i];
    else if (x[i] > firstX) {
      firstGap = x[i] - firstX;
      break;
    }
  }
  const usable = (i: number) => Number.isFinite(y[i]) && Number.isFinite(x[i]);
  let last = 0;
  let norm = 0;
  let prevX = NaN;
  let i = 0;
  while (i < y.length) {
    if (!usable(i)) {
      i++;
      continue;
    }
    const xi = x[i];
    let sum = 0;
    let count = 0;
    let end = i;
    for (; end < y.length && !(x[end] > xi); end++)
      if (usable(end)) {
        sum += y[end];
        count++;
      }
    const alpha = Math.pow(0.5, (Number.isNaN(prevX) ? firstGap : xi - prevX) / halfLife);
    last = alpha * last + (1 - alpha) * (sum / count);
    norm = alpha * norm + (1 - alpha);
    const value = norm > 0 ? last / norm : sum / count;
    for (let k = i; k < end; k++) if (usable(k)) out[k] = value;
    prevX = xi;
    i = end;
  }
}

/**
 * The mean of `window` consecutive finite points centred on each one: points i − ⌊window/2⌋ through
 * i + ⌈window/2⌉ − 1 (an even window reaches one point further back than forward), cut short at
 * the series' ends. Non-finite points are skipped as if absent. A window below 2 changes nothing.
 */
function movingAverage(y: Float64Array, window: number, out: Float64Array): void {
  const w = Math.floor(window);
  if (!(w >= 2)) return;
  const index = new Int32Array(y.length);
  let n = 0;
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i])) index[n++] = i;
  const back = Math.floor(w / 2);
  const ahead = Math.ceil(w / 2) - 1;
  // A compensated (Neumaier) running sum, so a huge spike leaving the window leaves no residue.
  let sum = 0;
  let carry = 0;
  const add = (v: number) => {
    const t = sum + v;
    carry += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  };
  let from = 0;
  let to = 0;
  for (let k = 0; k < n; k++) {
    const lo = Math.max(0, k - back);
    const hi = Math.min(n - 1, k + ahead);
    while (to <= hi) add(y[index[to++]]);
    while (from < lo) add(-y[index[from++]]);
    out[index[k]] = (sum + carry) / (hi - lo + 1);
  }
}
