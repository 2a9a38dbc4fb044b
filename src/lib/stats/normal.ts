/** The standard normal distribution: its CDF (from erfc) and its quantile. */

import { tQuantile } from './t-dist';

/** erfc(x) for x ≥ 0: a power series below 2, Lentz's continued fraction above (relative error ~1e-14). */
function erfcPositive(x: number): number {
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** P(Z ≤ z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const tail = 0.5 * erfcPositive(Math.abs(z) / Math.SQRT2);
  return z < 0 ? tail : 1 - tail;
}

/** P(Z > z), accurate far in the upper tail. */
export function normalUpper(z: number): number {
  return normalCdf(-z);
}

/** The z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  return tQuantile(p, Infinity);
}
