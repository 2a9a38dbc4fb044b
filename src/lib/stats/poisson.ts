/**
 * Poisson variates from a seeded generator: Knuth's multiplication for small means, Hörmann's
 * transformed rejection with squeeze (PTRS, "The transformed rejection method for generating
 * Poisson random variables", Insurance: Mathematics and Economics 12, 1993) from a mean of 10 on;
 * both exact, neither slows with the mean.
 */

import { logGamma } from './incomplete-beta';
import type { Random } from './random';

export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  return mean < 10 ? multiplication(random, mean) : ptrs(random, mean);
}

function multiplication(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

function ptrs(random: Random, mean: number): number {
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * loglam - logGamma(k + 1)) return k;
  }
}
