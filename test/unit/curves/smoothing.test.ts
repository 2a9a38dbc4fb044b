import { describe, expect, it } from 'vitest';
import { smooth, smoothInto, type Smoothing } from '../../../src/lib/curves/smoothing';
import { mulberry32 } from '../../../scripts/rng.mjs';

const f64 = (values: number[]) => Float64Array.from(values);
const steps = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

/**
 * TensorBoard's classicSmoothing, transcribed from
 * tensorflow/tensorboard tensorboard/webapp/widgets/line_chart_v2/data_transformer.ts.
 */
function tensorBoard(values: number[], weight: number): number[] {
  const isConstant = values.every((v) => v == values[0]);
  if (isConstant) return values;
  let last = values.length > 0 ? 0 : NaN;
  let numAccum = 0;
  return values.map((nextVal) => {
    if (!Number.isFinite(nextVal)) return nextVal;
    last = last * weight + (1 - weight) * nextVal;
    numAccum++;
    return last / (weight === 1 ? 1 : 1 - Math.pow(weight, numAccum));
  });
}

function noisy(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => 2 * Math.exp(-i / 50) + random() - 0.5);
}

describe('smooth: ema', () => {
  it('matches values worked by hand', () => {
    // w = 0.5 on 1, 2, 3: last = 0.5, 1.25, 2.125; debiased by 0.5, 0.75, 0.875.
    const s = smooth(steps(3), f64([1, 2, 3]), { kind: 'ema', weight: 0.5 });
    expect(s[0]).toBe(1);
    expect(s[1]).toBeCloseTo(5 / 3, 15);
    expect(s[2]).toBeCloseTo(17 / 7, 15);
  });

  it('is exactly TensorBoard’s smoothing, bit for bit', () => {
    for (const weight of [0.1, 0.6, 0.9, 0.99, 0.999]) {
      const y = noisy(Math.round(weight * 1000), 500);
      expect(Array.from(smooth(steps(500), f64(y), { kind: 'ema', weight }))).toEqual(
        tensorBoard(y, weight),
      );
    }
  });

  it('keeps a constant series constant', () => {
    const y = f64(Array.from({ length: 200 }, () => 0.1));
    expect(smooth(steps(200), y, { kind: 'ema', weight: 0.95 })).toEqual(y);
  });

  it('keeps a constant series with gaps constant, where TensorBoard would round', () => {
    const y = f64([0.1, NaN, 0.1, 0.1, Infinity, 0.1, 0.1]);
    expect(Array.from(smooth(steps(7), y, { kind: 'ema', weight: 0.7 }))).toEqual(Array.from(y));
  });

  it('returns y unchanged for weight 0', () => {
    const y = f64(noisy(3, 100));
    expect(smooth(steps(100), y, { kind: 'ema', weight: 0 })).toEqual(y);
  });

  it('leaves NaN and ±Inf at their index and out of the average, as TensorBoard does', () => {
    const s = smooth(steps(5), f64([1, NaN, 2, Infinity, 3]), { kind: 'ema', weight: 0.5 });
    expect(s[0]).toBe(1);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(5 / 3, 15);
    expect(s[3]).toBe(Infinity);
    expect(s[4]).toBeCloseTo(17 / 7, 15);
    const y = [3, -Infinity, 1, 4, NaN, 1, 5];
    expect(Array.from(smooth(steps(7), f64(y), { kind: 'ema', weight: 0.8 }))).toEqual(
      tensorBoard(y, 0.8),
    );
  });

  it('clamps the weight to [0, 0.999]', () => {
    const y = f64(noisy(4, 50));
    const at = (weight: number) => smooth(steps(50), y, { kind: 'ema', weight });
    expect(at(1)).toEqual(at(0.999));
    expect(at(-0.5)).toEqual(y);
    expect(at(NaN)).toEqual(y);
  });

  it('returns a new array of the same length', () => {
    const y = f64([1, 2, 3]);
    const s = smooth(steps(3), y, { kind: 'none' });
    expect(s).toEqual(y);
    expect(s).not.toBe(y);
    expect(smooth(steps(0), f64([]), { kind: 'ema', weight: 0.6 }).length).toBe(0);
  });
});

describe('smooth: time-ema', () => {
  it('matches values worked by hand on uneven x', () => {
    // halfLife 1, x = 0, 1, 3: α = 0.5 (the first point takes the next gap), 0.5, 0.25.
    // last = 1, 2.5, 6.625; norm = 0.5, 0.75, 0.9375.
    const s = smooth(f64([0, 1, 3]), f64([2, 4, 8]), { kind: 'time-ema', halfLife: 1 });
    expect(s[0]).toBe(2);
    expect(s[1]).toBeCloseTo(10 / 3, 15);
    expect(s[2]).toBeCloseTo(106 / 15, 14);
  });

  it('is TensorBoard’s EMA on even x, with weight 0.5^(Δx / halfLife)', () => {
    const y = noisy(11, 300);
    const x = Float64Array.from({ length: 300 }, (_, i) => 1000 + 25 * i);
    const s = smooth(x, f64(y), { kind: 'time-ema', halfLife: 100 });
    const expected = tensorBoard(y, Math.pow(0.5, 25 / 100));
    for (let i = 0; i < y.length; i++) expect(s[i]).toBeCloseTo(expected[i], 12);
  });

  it('weighs a point by the stretch of x it stands for, not by how densely it was logged', () => {
    // 100 points at 0 logged densely before x = 10, then one point at 0 and one at 1 far apart.
    const x = f64([...Array.from({ length: 100 }, (_, i) => i / 10), 1000, 2000]);
    const y = f64([...Array.from({ length: 100 }, () => 0), 0, 1]);
    const s = smooth(x, y, { kind: 'time-ema', halfLife: 1000 });
    // The last point stands for 1000 units of x: weight 1 − 0.5; all weights sum to
    // 1 − 0.5^(2000.1 / 1000) (the span plus the first point's gap). Weighing points by count
    // instead would give it about 1/26.
    expect(s[101]).toBeCloseTo(0.5 / (1 - Math.pow(0.5, 2000.1 / 1000)), 14);
    expect(s[101]).toBeGreaterThan(0.6);
  });

  it('keeps a constant series constant on uneven x', () => {
    const x = f64([0, 1, 5, 5.5, 100, 101]);
    const y = f64([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(smooth(x, y, { kind: 'time-ema', halfLife: 3 })).toEqual(y);
  });

  it('leaves NaN and ±Inf in place and measures gaps between finite points', () => {
    const s = smooth(f64([0, 0.5, 1, 2, 3]), f64([2, NaN, 4, -Infinity, 8]), {
      kind: 'time-ema',
      halfLife: 1,
    });
    expect(s[0]).toBe(2);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(10 / 3, 15);
    expect(s[3]).toBe(-Infinity);
    expect(s[4]).toBeCloseTo(106 / 15, 14);
  });

  it('averages points that share an x into one, and gives them all its value', () => {
    const tied = smooth(f64([0, 1, 1, 3]), f64([2, 3, 5, 8]), { kind: 'time-ema', halfLife: 1 });
    const single = smooth(f64([0, 1, 3]), f64([2, 4, 8]), { kind: 'time-ema', halfLife: 1 });
    expect(Array.from(tied)).toEqual([single[0], single[1], single[1], single[2]]);
  });

  it('does not smooth with a half-life that is not a positive finite number', () => {
    const y = f64([1, 5, 2]);
    for (const halfLife of [0, -1, NaN, Infinity])
      expect(smooth(steps(3), y, { kind: 'time-ema', halfLife })).toEqual(y);
  });
});

describe('smooth: moving-average', () => {
  const y = f64([1, 2, 3, 4, 5]);

  it('centres an odd window and cuts it short at the ends', () => {
    const s = smooth(steps(5), y, { kind: 'moving-average', window: 3 });
    expect(Array.from(s)).toEqual([1.5, 2, 3, 4, 4.5]);
  });

  it('reaches one point further back than forward with an even window', () => {
    const s = smooth(steps(5), y, { kind: 'moving-average', window: 4 });
    expect(Array.from(s)).toEqual([1.5, 2, 2.5, 3.5, 4]);
  });

  it('skips non-finite points as if absent and leaves them in place', () => {
    const s = smooth(steps(7), f64([1, NaN, 2, 3, Infinity, 4, 5]), {
      kind: 'moving-average',
      window: 3,
    });
    expect(Array.from(s)).toEqual([1.5, NaN, 2, 3, Infinity, 4, 4.5]);
  });

  it('keeps a constant series constant', () => {
    const c = f64(Array.from({ length: 50 }, () => 0.1));
    expect(smooth(steps(50), c, { kind: 'moving-average', window: 7 })).toEqual(c);
  });

  it('leaves no residue after a huge spike leaves the window', () => {
    const s = smooth(steps(6), f64([1, 1e300, 1, 2, 3, 4]), { kind: 'moving-average', window: 2 });
    expect(s[4]).toBe(2.5);
    expect(s[5]).toBe(3.5);
  });

  it('agrees with a direct mean on random data', () => {
    const values = noisy(21, 400).map((v, i) => (i % 37 === 0 ? NaN : v));
    const s = smooth(steps(400), f64(values), { kind: 'moving-average', window: 10 });
    const finite = values.filter(Number.isFinite);
    let k = 0;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) return expect(s[i]).toBeNaN();
      const part = finite.slice(Math.max(0, k - 5), Math.min(finite.length, k + 5));
      expect(s[i]).toBeCloseTo(part.reduce((a, b) => a + b, 0) / part.length, 12);
      k++;
    });
  });

  it('changes nothing with a window below 2', () => {
    for (const window of [1, 0, NaN])
      expect(smooth(steps(5), y, { kind: 'moving-average', window })).toEqual(y);
  });
});

describe('smoothInto: the same values, into a buffer reused from series to series', () => {
  const kinds: Smoothing[] = [
    { kind: 'ema', weight: 0.9 },
    { kind: 'time-ema', halfLife: 5 },
    { kind: 'moving-average', window: 6 },
    { kind: 'none' },
  ];

  it('writes what smooth returns, leaving the rest of a longer buffer alone', () => {
    const long = f64(noisy(3, 300));
    const short = f64(noisy(4, 120).map((v, i) => (i % 11 === 0 ? NaN : v)));
    for (const s of kinds) {
      const out = new Float64Array(300).fill(-1);
      expect(Array.from(smoothInto(steps(300), long, s, out))).toEqual(
        Array.from(smooth(steps(300), long, s)),
      );
      const again = smoothInto(steps(120), short, s, out);
      expect(again.buffer).toBe(out.buffer);
      expect(Array.from(again)).toEqual(Array.from(smooth(steps(120), short, s)));
      // Past the short series: what the long one left there, untouched.
      expect(out[200]).toBe(smooth(steps(300), long, s)[200]);
    }
  });

  it('refuses a buffer shorter than the series', () => {
    expect(() => smoothInto(steps(5), f64([1, 2, 3, 4, 5]), kinds[0], new Float64Array(4))).toThrow(
      RangeError,
    );
  });
});
