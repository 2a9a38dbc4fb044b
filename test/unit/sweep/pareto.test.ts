import { randomInt, randomLcg } from 'd3';
import { describe, expect, it } from 'vitest';
import { frontStaircase, paretoFront, type ParetoDirections } from '../../../src/lib/sweep/pareto';

const f64 = (values: number[]) => Float64Array.from(values);
const front = (xs: number[], ys: number[], directions: ParetoDirections) =>
  paretoFront(f64(xs), f64(ys), directions);
const maxMax: ParetoDirections = { x: 'max', y: 'max' };
const minMin: ParetoDirections = { x: 'min', y: 'min' };

/** The definition, checked pair by pair. */
function bruteForce(x: Float64Array, y: Float64Array, d: ParetoDirections): number[] {
  const better = (dir: 'min' | 'max', a: number, b: number) => (dir === 'max' ? a > b : a < b);
  const atLeast = (dir: 'min' | 'max', a: number, b: number) => a === b || better(dir, a, b);
  const dominates = (i: number, j: number) =>
    atLeast(d.x, x[i], x[j]) &&
    atLeast(d.y, y[i], y[j]) &&
    (better(d.x, x[i], x[j]) || better(d.y, y[i], y[j]));
  const present = [...x.keys()].filter((i) => !Number.isNaN(x[i]) && !Number.isNaN(y[i]));
  return present
    .filter((j) => !present.some((i) => dominates(i, j)))
    .sort((a, b) => x[a] - x[b] || a - b);
}

describe('paretoFront', () => {
  it('keeps the points no other beats when larger is better on both, ordered by x', () => {
    //    0       1       2       3       4 (dominated by 1)
    const r = front([1, 2, 3, 0.5, 1.5], [3, 2.5, 1, 2, 2], maxMax);
    expect(r).toEqual({ front: [0, 1, 2], excluded: 0 });
  });

  it('turns around when smaller is better on both', () => {
    const r = front([1, 2, 3, 0.5, 1.5], [3, 2.5, 1, 2, 2], minMin);
    expect(r.front).toEqual([3, 2]);
  });

  it('mixes directions: larger x and smaller y better', () => {
    // Higher accuracy at lower cost: 0 (cheap, weak), 2 (dear, strong); 1 is dearer than 2 and weaker.
    const r = front([0.7, 0.8, 0.9], [1, 5, 4], { x: 'max', y: 'min' });
    expect(r.front).toEqual([0, 2]);
    const flipped = front([0.7, 0.8, 0.9], [1, 5, 4], { x: 'min', y: 'max' });
    expect(flipped.front).toEqual([0, 1]);
  });

  it('on a tie in x keeps only the best y', () => {
    expect(front([1, 1, 1, 0], [1, 3, 2, 5], maxMax).front).toEqual([3, 1]);
    expect(front([1, 1, 1, 0], [1, 3, 2, 5], minMin).front).toEqual([3, 0]);
  });

  it('on a tie in y keeps only the best x', () => {
    expect(front([1, 3, 2], [4, 4, 4], maxMax).front).toEqual([1]);
    expect(front([1, 3, 2], [4, 4, 4], minMin).front).toEqual([0]);
  });

  it('puts every exact duplicate of a front point on the front, and none of a dominated one', () => {
    const r = front([2, 1, 2, 1, 0.5], [2, 1, 2, 1, 0.5], maxMax);
    expect(r.front).toEqual([0, 2]);
    const both = front([1, 2, 1, 2], [2, 1, 2, 1], maxMax);
    expect(both.front).toEqual([0, 2, 1, 3]);
  });

  it('leaves out and counts points with NaN in either objective', () => {
    const r = front([NaN, 1, 5, 2], [9, NaN, 5, 1], maxMax);
    expect(r).toEqual({ front: [2], excluded: 2 });
  });

  it('treats infinities as values', () => {
    expect(front([Infinity, 1, 0.5], [0, 3, 2], maxMax).front).toEqual([1, 0]);
    expect(front([-Infinity, 1, 2], [-Infinity, 3, 2], minMin).front).toEqual([0]);
    expect(front([-Infinity, -Infinity], [1, 2], maxMax).front).toEqual([1]);
  });

  it('handles a single point, all points on the front, and none', () => {
    expect(front([3], [4], maxMax)).toEqual({ front: [0], excluded: 0 });
    expect(front([4, 1, 3, 2], [1, 4, 2, 3], maxMax).front).toEqual([1, 3, 2, 0]);
    expect(front([], [], maxMax)).toEqual({ front: [], excluded: 0 });
    expect(front([NaN], [NaN], maxMax)).toEqual({ front: [], excluded: 1 });
  });

  it('refuses columns of different lengths', () => {
    expect(() => front([1, 2], [1], maxMax)).toThrow(RangeError);
  });

  it('agrees with the pairwise definition on random points, ties and NaN included', () => {
    const directions: ParetoDirections[] = [
      maxMax,
      minMin,
      { x: 'max', y: 'min' },
      { x: 'min', y: 'max' },
    ];
    const rng = randomLcg(42);
    const coarse = randomInt.source(rng)(0, 12);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 60);
      // Coarse integers make ties and duplicates common; a few specials each time.
      const value = () => {
        const r = rng();
        return r < 0.04 ? NaN : r < 0.06 ? Infinity : r < 0.08 ? -Infinity : coarse();
      };
      const x = Float64Array.from({ length: n }, value);
      const y = Float64Array.from({ length: n }, value);
      const d = directions[trial % directions.length];
      const r = paretoFront(x, y, d);
      expect(r.front).toEqual(bruteForce(x, y, d));
      expect(r.excluded).toBe([...x.keys()].filter((i) => isNaN(x[i]) || isNaN(y[i])).length);
    }
  });

  it('stays fast on 100,000 points', () => {
    const rng = randomLcg(7);
    const n = 100_000;
    const x = Float64Array.from({ length: n }, rng);
    const y = Float64Array.from({ length: n }, (_, i) => 1 - x[i] + rng() * 0.1);
    const started = performance.now();
    const r = paretoFront(x, y, maxMax);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.front.length).toBeGreaterThan(0);
  });
});

describe('frontStaircase', () => {
  const xs = [1, 2, 3];

  it('drops before running on when larger x is better', () => {
    // max/max: y falls as x rises; the outline of what the front dominates goes down, then right.
    expect(frontStaircase(xs, [3, 2, 1], 'max')).toEqual({
      x: [1, 1, 2, 2, 3],
      y: [3, 2, 2, 1, 1],
    });
  });

  it('runs on before stepping when smaller x is better', () => {
    expect(frontStaircase(xs, [3, 2, 1], 'min')).toEqual({
      x: [1, 2, 2, 3, 3],
      y: [3, 3, 2, 2, 1],
    });
  });

  it('is the point itself for a front of one, and empty for none', () => {
    expect(frontStaircase([5], [6], 'min')).toEqual({ x: [5], y: [6] });
    expect(frontStaircase([], [], 'max')).toEqual({ x: [], y: [] });
  });
});
