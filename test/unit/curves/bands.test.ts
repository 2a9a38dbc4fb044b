import { describe, expect, it } from 'vitest';
import { evenGrid, groupBand } from '../../../src/lib/curves/bands';

const f64 = (values: number[]) => Float64Array.from(values);
const run = (x: number[], y: number[]) => ({ x: f64(x), y: f64(y) });

/** Runs whose value at x = 10 is each of `values`, on lines from x = 0 to x = 20. */
const runsThrough = (values: number[]) => values.map((v) => run([0, 20], [v - 0.1, v + 0.1]));

describe('groupBand', () => {
  const a = run([0, 10], [0, 10]);
  const b = run([0, 10], [2, 4]);
  const grid = f64([0, 5, 10]);

  it('takes the mean of the runs at each grid x, interpolating between their points', () => {
    const g = groupBand([a, b], grid, 'mean', 'minmax');
    expect(Array.from(g.x)).toEqual([0, 5, 10]);
    expect(Array.from(g.center)).toEqual([1, 4, 7]);
    expect(Array.from(g.lo)).toEqual([0, 3, 4]);
    expect(Array.from(g.hi)).toEqual([2, 5, 10]);
    expect(Array.from(g.n)).toEqual([2, 2, 2]);
  });

  it('spans ±1 sample sd and ±1 se around the mean', () => {
    // Two values d apart: sd = d / √2, se = sd / √2 = d / 2.
    const sd = groupBand([a, b], grid, 'mean', 'sd');
    expect(sd.lo[2]).toBeCloseTo(7 - 6 / Math.SQRT2, 14);
    expect(sd.hi[2]).toBeCloseTo(7 + 6 / Math.SQRT2, 14);
    const se = groupBand([a, b], grid, 'mean', 'se');
    expect(Array.from(se.lo)).toEqual([0, 3, 4]);
    expect(Array.from(se.hi)).toEqual([2, 5, 10]);
  });

  it('gives the 95 % t-interval of the mean that R’s t.test gives', () => {
    // R 4.2.2:
    //   > options(digits = 17)
    //   > t.test(c(0.61, 0.58, 0.66, 0.71, 0.52))$conf.int
    //   [1] 0.52535002398212971 0.70664997601787027
    //   > t.test(c(2.5, 3.1))$conf.int
    //   [1] -1.0118614208524088  6.6118614208524091
    const five = groupBand(runsThrough([0.61, 0.58, 0.66, 0.71, 0.52]), f64([10]), 'mean', 'ci95');
    expect(five.center[0]).toBeCloseTo(0.616, 14);
    expect(five.lo[0]).toBeCloseTo(0.52535002398212971, 12);
    expect(five.hi[0]).toBeCloseTo(0.70664997601787027, 12);
    const two = groupBand(runsThrough([2.5, 3.1]), f64([10]), 'mean', 'ci95');
    expect(two.lo[0]).toBeCloseTo(-1.0118614208524088, 12);
    expect(two.hi[0]).toBeCloseTo(6.6118614208524091, 12);
  });

  it('matches R’s sd and median', () => {
    // R: sd(c(0.61, 0.58, 0.66, 0.71, 0.52)) = 0.073006848993775908; median(...) = 0.61
    const runs = runsThrough([0.61, 0.58, 0.66, 0.71, 0.52]);
    const sd = groupBand(runs, f64([10]), 'mean', 'sd');
    expect(sd.hi[0] - sd.center[0]).toBeCloseTo(0.073006848993775908, 12);
    const median = groupBand(runs, f64([10]), 'median', 'minmax');
    expect(median.center[0]).toBeCloseTo(0.61, 14);
    expect([median.lo[0], median.hi[0]].map((v) => +v.toFixed(12))).toEqual([0.52, 0.71]);
  });

  it('keeps the sd band about the mean when the center is the median', () => {
    const g = groupBand(runsThrough([1, 2, 9]), f64([10]), 'median', 'sd');
    expect(g.center[0]).toBeCloseTo(2, 14);
    expect((g.lo[0] + g.hi[0]) / 2).toBeCloseTo(4, 14);
  });

  it('takes the middle pair’s mean as the median of an even count', () => {
    const g = groupBand(runsThrough([1, 2, 4, 100]), f64([10]), 'median', 'se');
    expect(g.center[0]).toBeCloseTo(3, 14);
  });

  it('counts fewer runs where some have ended, and never extrapolates', () => {
    const long = run([0, 10], [0, 0]);
    const early = run([0, 5], [1, 1]);
    const late = run([2, 10], [2, 2]);
    const g = groupBand([long, early, late], evenGrid(-5, 15, 5), 'mean', 'minmax');
    expect(Array.from(g.x)).toEqual([-5, 0, 5, 10, 15]);
    expect(Array.from(g.n)).toEqual([0, 2, 3, 2, 0]);
    expect(Array.from(g.center)).toEqual([NaN, 0.5, 1, 1, NaN]);
    expect(Array.from(g.lo)).toEqual([NaN, 0, 0, 0, NaN]);
    expect(Array.from(g.hi)).toEqual([NaN, 1, 2, 2, NaN]);
  });

  it('collapses the band to the value where one run is present, except the CI', () => {
    const only = [run([0, 10], [3, 5])];
    for (const band of ['sd', 'se', 'minmax'] as const) {
      const g = groupBand(only, f64([5]), 'mean', band);
      expect([g.center[0], g.lo[0], g.hi[0], g.n[0]]).toEqual([4, 4, 4, 1]);
    }
    const ci = groupBand(only, f64([5]), 'mean', 'ci95');
    expect(ci.center[0]).toBe(4);
    expect(ci.lo[0]).toBeNaN();
    expect(ci.hi[0]).toBeNaN();
  });

  it('interpolates across non-finite points and ends a run at its last finite one', () => {
    const gappy = run([0, 4, 8, 12], [0, NaN, 8, Infinity]);
    const g = groupBand([gappy], f64([2, 4, 8, 10]), 'mean', 'minmax');
    expect(Array.from(g.center)).toEqual([2, 4, 8, NaN]);
    expect(Array.from(g.n)).toEqual([1, 1, 1, 0]);
  });

  it('takes the value logged at a grid x itself, the last one where several share it', () => {
    const repeated = run([0, 5, 5, 10], [0, 1, 3, 0]);
    const g = groupBand([repeated], f64([5, 7.5]), 'mean', 'sd');
    expect(Array.from(g.center)).toEqual([3, 1.5]);
  });

  it('gives NaN everywhere for a group without runs', () => {
    const g = groupBand([], f64([1, 2]), 'mean', 'ci95');
    expect(Array.from(g.n)).toEqual([0, 0]);
    expect(Array.from(g.center)).toEqual([NaN, NaN]);
  });
});

describe('evenGrid', () => {
  it('spaces points evenly from x0 to exactly x1', () => {
    expect(Array.from(evenGrid(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const g = evenGrid(0.1, 0.7, 7);
    expect(g[6]).toBe(0.7);
    expect(g[3]).toBeCloseTo(0.4, 15);
  });

  it('gives x0 alone for one point and nothing for none', () => {
    expect(Array.from(evenGrid(3, 9, 1))).toEqual([3]);
    expect(evenGrid(3, 9, 0).length).toBe(0);
    expect(evenGrid(3, 9, -2).length).toBe(0);
  });
});
