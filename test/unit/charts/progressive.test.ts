import { describe, expect, it } from 'vitest';
import { drawInSlices } from '../../../src/lib/charts/progressive';

describe('drawInSlices', () => {
  it('runs every step in order across frames, then says it is done', () => {
    const frames: (() => void)[] = [];
    const ran: number[] = [];
    let done = false;
    const busy = (i: number) => () => {
      const until = performance.now() + 3;
      while (performance.now() < until) {
        /* a slow line */
      }
      ran.push(i);
    };
    drawInSlices(
      Array.from({ length: 6 }, (_, i) => busy(i)),
      () => (done = true),
      5,
      (run) => frames.push(run),
    );
    expect(ran.length).toBeLessThan(6);
    while (frames.length > 0) (frames.shift() as () => void)();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    expect(done).toBe(true);
  });

  it('stops when asked', () => {
    const frames: (() => void)[] = [];
    let count = 0;
    const stop = drawInSlices(
      Array.from({ length: 100 }, () => () => {
        const until = performance.now() + 1;
        while (performance.now() < until) count += 0;
        count++;
      }),
      () => {},
      2,
      (run) => frames.push(run),
    );
    stop();
    while (frames.length > 0) (frames.shift() as () => void)();
    expect(count).toBeLessThan(100);
  });
});
