/** Student's t distribution: its upper tail and its inverse CDF. */

import { incompleteBeta, logGamma } from './incomplete-beta';

/** P(T > t) for t ≥ 0 with `df` degrees of freedom. */
export function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

function tDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student t inverse CDF: the t with P(T ≤ t) = p, for df > 0 (df = Infinity: the normal).
 * Exact formulas for df = 1 and 2; otherwise Hill's start (Algorithm 396, as in R's `qt`)
 * refined by Newton's method on the tail probability, kept inside a bracket. Relative error
 * below 1e-12 against R's `qt` for df ≥ 1 (large df: the normal quantile's 1e-9).
 * p outside [0, 1] or NaN gives NaN; p = 0 and 1 give ∓Infinity.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0.5) return 0;
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p;
  if (q === 0) return sign * Infinity;
  return sign * upperQuantile(q, df);
}

/** The t > 0 with P(T > t) = q, for 0 < q < 0.5. */
function upperQuantile(q: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  if (df > 1e5) return cornishFisher(-normalQuantile(q), df);
  let lo = 0;
  let hi = Infinity;
  let t = hillStart(2 * q, df);
  for (let iteration = 0; iteration < 100; iteration++) {
    const tail = tUpperTail(t, df);
    if (tail === q) return t;
    if (tail > q) lo = t;
    else hi = t;
    let next = t + (tail - q) / tDensity(t, df);
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * t + 1;
    if (Math.abs(next - t) <= 1e-13 * t) return next;
    t = next;
  }
  return t;
}

/** Hill (1970), Algorithm 396, for the two-sided tail probability `p2`, as R's `qt` uses it. */
function hillStart(p2: number, df: number): number {
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * p2, 2 / df);
  if (y > 0.05 + a) {
    const x = normalQuantile(0.5 * p2);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y =
      ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
  }
  const t = Math.sqrt(df * y);
  return t > 0 && Number.isFinite(t) ? t : 1;
}

/** t from the normal quantile z by the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/** Standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9). */
function normalQuantile(p: number): number {
  if (p < 0.02425) return lowerNormalTail(p);
  if (p > 1 - 0.02425) return -lowerNormalTail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

function lowerNormalTail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return (
    (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
      2.549732539343734) *
      q +
      4.374664141464968) *
      q +
      2.938163982698783) /
    ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q +
      3.754408661907416) *
      q +
      1)
  );
}
