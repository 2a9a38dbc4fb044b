/** Holm's step-down adjustment, as R's `p.adjust(p, method = "holm")`. */

export function holm(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, (m - rank) * p[index]);
    out[index] = Math.min(1, running);
  });
  return out;
}
