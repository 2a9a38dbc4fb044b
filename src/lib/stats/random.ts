/** Seeded pseudo-random numbers: the same seed gives the same sequence on every machine. */

/** Floats in [0, 1). */
export type Random = () => number;

/** mulberry32, the generator `scripts/rng.mjs` uses: small, fast, and good enough for resampling. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/**
 * The seed of an independent stream drawn from one user-facing seed (murmur3's finalizer over the
 * pair), so that changing how much one computation draws does not shift another's numbers.
 */
export function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Shuffles `items[0..count)` in place (Fisher–Yates). */
export function shuffle(items: Int32Array, random: Random, count = items.length): Int32Array {
  for (let i = count - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
