import { describe, expect, it } from 'vitest';
import { buildSeries, medianInterval } from '../../../src/lib/align/series';
import { valueAt, valueNumberAt } from '../../../src/lib/align/value-at';
import { mulberry32 } from '../../../scripts/rng.mjs';

function series(points: [x: number, value: number][], step = (x: number) => x) {
  return buildSeries(
    points.map((p) => p[0]),
    points.map((p) => step(p[0])),
    points.map((p) => p[1]),
    points.map(() => 7),
  );
}

describe('valueAt', () => {
  const sparse = series([
    [900, 0.6],
    [1200, 0.75],
  ]);

  it('takes the point logged at x* itself, whatever the policy', () => {
    for (const policy of ['exact', 'nearest', 'interpolate', 'last'] as const)
      expect(valueAt(sparse, 900, policy)).toMatchObject({ method: 'exact', value: 0.6 });
  });

  it('interpolates between the bracketing steps and says which', () => {
    const v = valueAt(sparse, 1100, 'interpolate');
    expect(v.method).toBe('interpolated');
    expect(v.value).toBeCloseTo(0.6 + 0.15 * (200 / 300), 12);
    expect(v.used.map((p) => p.step)).toEqual([900, 1200]);
  });

  it('takes the last point at or before x* for last observed', () => {
    expect(valueAt(sparse, 1100, 'last')).toMatchObject({
      method: 'last observed',
      value: 0.6,
      used: [{ step: 900, sourceId: 7 }],
    });
  });

  it('resolves a tie in nearest to the earlier step, and says so', () => {
    const v = valueAt(sparse, 1050, 'nearest');
    expect(v).toMatchObject({ method: 'nearest', value: 0.6, tie: true });
    expect(valueAt(sparse, 1100, 'nearest')).toMatchObject({ value: 0.75, tie: false });
  });

  it('never extrapolates past the baseline’s last point', () => {
    for (const policy of ['exact', 'nearest', 'interpolate', 'last'] as const)
      expect(valueAt(sparse, 1201, policy)).toMatchObject({ method: 'not reached', value: null });
  });

  it('has no value before the first point unless nearest may look ahead', () => {
    expect(valueAt(sparse, 100, 'interpolate').method).toBe('no earlier point');
    expect(valueAt(sparse, 100, 'last').method).toBe('no earlier point');
    expect(valueAt(sparse, 100, 'nearest')).toMatchObject({ method: 'nearest', value: 0.6 });
    expect(valueAt(sparse, 1000, 'exact').method).toBe('no exact point');
  });

  it('reports NaN logged at the aligned step as NaN with its step', () => {
    const s = series([
      [100, 1],
      [200, NaN],
    ]);
    const v = valueAt(s, 200, 'exact');
    expect(v.method).toBe('exact');
    expect(v.value).toBeNaN();
    expect(v.used[0].step).toBe(200);
  });

  it('says a run without the metric did not log it', () => {
    expect(valueAt(series([]), 5, 'nearest').method).toBe('not logged');
  });
});

describe('valueNumberAt', () => {
  it('gives the number valueAt gives, NaN where it has none, on random series', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const points: [number, number][] = [];
      for (let i = 0; i < Math.floor(random() * 12); i++)
        points.push([Math.floor(random() * 50), random() < 0.1 ? NaN : random()]);
      const s = series(points);
      for (const policy of ['exact', 'nearest', 'interpolate', 'last'] as const)
        for (let x = -2; x < 53; x += 0.5) {
          const traced = valueAt(s, x, policy).value;
          const fast = valueNumberAt(s, x, policy);
          if (traced === null || Number.isNaN(traced)) expect(fast).toBeNaN();
          else expect(fast).toBeCloseTo(traced, 12);
        }
    }
  });
});

describe('buildSeries', () => {
  it('sorts by x and lets the latest step stand for an x logged several times', () => {
    const s = buildSeries([1, 0.5, 1, 1.5], [20, 10, 30, 40], [0.2, 0.1, 0.3, 0.4], [1, 1, 2, 2]);
    expect([...s.x]).toEqual([0.5, 1, 1.5]);
    expect([...s.step]).toEqual([10, 30, 40]);
    expect([...s.value]).toEqual([0.1, 0.3, 0.4]);
    expect([...s.source]).toEqual([1, 2, 2]);
  });

  it('finds the median logging interval', () => {
    expect(
      medianInterval(
        series([
          [0, 1],
          [10, 1],
          [20, 1],
          [250, 1],
        ]),
      ),
    ).toBe(10);
    expect(medianInterval(series([[0, 1]]))).toBeNull();
  });
});
