/**
 * The order of examples by score, highest first, equal scores in example order: a least
 * significant digit radix sort of the scores' bits, four passes of 16 bits. A million scores sort
 * in tens of milliseconds, where `Uint32Array.sort` with a comparator took ~0.3 s here.
 */

const RADIX = 1 << 16;

export function scoreOrder(score: Float64Array): Uint32Array {
  const n = score.length;
  // Keys that rise as the scores fall: IEEE 754 bits put in numeric order (a negative's flipped
  // whole, a positive's sign bit set), then complemented.
  const bits = new Uint32Array(score.buffer, score.byteOffset, n * 2);
  const keys = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const lo = bits[2 * i];
    const hi = bits[2 * i + 1];
    // −0 is 0: keyed as +0, so that it stays in example order among equal scores.
    const negative = hi >>> 31 === 1 && score[i] !== 0;
    keys[2 * i] = negative ? lo : ~lo >>> 0;
    keys[2 * i + 1] = negative ? hi : ~(hi | 0x80000000) >>> 0;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[2 * i + word] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[counts[(keys[2 * i + word] >>> shift) & 0xffff]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
