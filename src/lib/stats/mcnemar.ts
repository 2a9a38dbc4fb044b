/**
 * McNemar's test for two classifiers on the same examples: of the examples exactly one of them got
 * right, does each get right as many? Only the discordant pairs count: `b` examples right by the
 * first run only, `c` right by the second only.
 */

import { incompleteBeta } from './incomplete-beta';
import { normalUpper } from './normal';

/** Below this many discordant pairs the exact binomial test is used (the χ² approximation is poor). */
export const EXACT_BELOW = 25;

export interface McNemarResult {
  b: number;
  c: number;
  method: 'exact binomial' | 'χ² with continuity correction';
  /** χ² (df = 1) for the approximation; min(b, c) for the exact test. */
  statistic: number;
  p: number;
}

/**
 * Two-sided exact binomial test of k successes in n trials against p = 1/2, as R's
 * `binom.test(k, n)`: twice the smaller tail, at most 1.
 */
export function binomialTestHalf(k: number, n: number): number {
  if (n === 0) return 1;
  const low = Math.min(k, n - k);
  if (2 * low === n) return 1;
  // P(X ≤ low) = I_{1/2}(n − low, low + 1).
  const tail = incompleteBeta(0.5, n - low, low + 1, 0.5);
  return Math.min(1, 2 * tail);
}

/**
 * As R's `mcnemar.test(x, correct = TRUE)`: (|b − c| − 1)² / (b + c) against χ² with 1 df, the
 * correction left out when b = c (as R does: the statistic is then 0).
 */
export function mcnemarChiSquared(b: number, c: number): { statistic: number; p: number } {
  const n = b + c;
  if (n === 0) return { statistic: NaN, p: NaN };
  const correction = b === c ? 0 : 1;
  const statistic = (Math.abs(b - c) - correction) ** 2 / n;
  return { statistic, p: 2 * normalUpper(Math.sqrt(statistic)) };
}

export function mcnemar(b: number, c: number): McNemarResult {
  if (b + c < EXACT_BELOW)
    return {
      b,
      c,
      method: 'exact binomial',
      statistic: Math.min(b, c),
      p: binomialTestHalf(b, b + c),
    };
  const chi = mcnemarChiSquared(b, c);
  return { b, c, method: 'χ² with continuity correction', ...chi };
}

/** The test's answer in words, for the page and the report alike. */
export function mcnemarVerdict(m: McNemarResult, level = 0.05): string {
  if (!(m.p < level))
    return `no clear difference in which examples they get right, at the ${level * 100} % level`;
  return `${m.c > m.b ? 'B' : 'A'} gets right more of the examples they disagree on`;
}
