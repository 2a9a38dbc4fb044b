import { describe, expect, it } from 'vitest';
import { axisPositions, axisScale, MISSING } from '../../../src/lib/sweep/axis-positions';
import { brushedMask, selectedIndices, topPercentMask } from '../../../src/lib/sweep/brush';
import { numericColumn } from '../../../src/lib/sweep/columns';
import type { CategoricalColumn } from '../../../src/lib/sweep/types';

const lr = numericColumn(
  'param:lr',
  'lr',
  'param',
  Float64Array.from([1e-4, 1e-3, 1e-2, NaN, 1e-3]),
);
const opt: CategoricalColumn = {
  id: 'param:opt',
  label: 'opt',
  source: 'param',
  type: 'categorical',
  categories: ['adam', 'lamb', 'sgd'],
  codes: Int32Array.from([0, 2, 1, 0, -1]),
};
const linear = { log: false, flipped: false };

describe('axis positions', () => {
  it('places numbers on a linear or log scale, and missing values on their own tick', () => {
    const p = Array.from(axisPositions(lr, axisScale(lr, linear)));
    expect(p[0]).toBeCloseTo(0, 6);
    expect(p[2]).toBeCloseTo(1, 6);
    expect(p[1]).toBeCloseTo((1e-3 - 1e-4) / (1e-2 - 1e-4), 6);
    expect(p[3]).toBeCloseTo(MISSING, 6);
    const log = Array.from(axisPositions(lr, axisScale(lr, { log: true, flipped: false })));
    expect(log.slice(0, 3).map((v) => +v.toFixed(6))).toEqual([0, 0.5, 1]);
    const flipped = Array.from(axisPositions(lr, axisScale(lr, { log: true, flipped: true })));
    expect(flipped.slice(0, 3).map((v) => +v.toFixed(6))).toEqual([1, 0.5, 0]);
    // Missing stays below the axis whichever way it points.
    expect(flipped[3]).toBeCloseTo(MISSING, 6);
  });

  it('falls back to linear when a value is not positive, and puts infinities at the ends', () => {
    const c = numericColumn('m', 'm', 'metric', Float64Array.from([-1, 0, 1, Infinity, -Infinity]));
    const scale = axisScale(c, { log: true, flipped: false });
    expect(scale.log).toBe(false);
    expect(Array.from(axisPositions(c, scale))).toEqual([0, 0.5, 1, 1, 0]);
  });

  it('centres categories in equal bands', () => {
    const p = Array.from(axisPositions(opt, axisScale(opt, linear)));
    expect(p.map((v) => +v.toFixed(6))).toEqual(
      [1 / 6, 5 / 6, 0.5, 1 / 6, MISSING].map((v) => +v.toFixed(6)),
    );
  });
});

describe('brushing', () => {
  const positions = [
    axisPositions(lr, axisScale(lr, { log: true, flipped: false })),
    axisPositions(opt, axisScale(opt, linear)),
  ];

  it('keeps every run without brushes', () => {
    expect(Array.from(brushedMask(positions, [], 5))).toEqual([1, 1, 1, 1, 1]);
  });

  it('adds up several ranges on one axis and intersects across axes', () => {
    // lr ≤ 1e-3.5 or lr = 1e-2 (log positions 0 and 1), ranges given in either order.
    const mask = brushedMask(
      positions,
      [
        [
          [0, 0.2],
          [1, 0.9],
        ],
      ],
      5,
    );
    expect(Array.from(mask)).toEqual([1, 0, 1, 0, 0]);
    // …and optimizer adam or lamb (bands 0–1/3 and 1/3–2/3).
    const both = brushedMask(
      positions,
      [
        [
          [0, 0.2],
          [0.9, 1],
        ],
        [[0, 0.6]],
      ],
      5,
    );
    expect(Array.from(both)).toEqual([1, 0, 1, 0, 0]);
    const adamOnly = brushedMask(
      positions,
      [
        [
          [0, 0.2],
          [0.9, 1],
        ],
        [[0, 0.3]],
      ],
      5,
    );
    expect(Array.from(adamOnly)).toEqual([1, 0, 0, 0, 0]);
  });

  it('selects the runs without a value by brushing the missing tick', () => {
    expect(Array.from(brushedMask(positions, [[[MISSING - 0.02, MISSING + 0.02]]], 5))).toEqual([
      0, 0, 0, 1, 0,
    ]);
    expect(Array.from(brushedMask(positions, [[], [[-0.2, -0.05]]], 5))).toEqual([0, 0, 0, 0, 1]);
  });

  it('keeps the best k % by a metric, ties at the cut included, missing values out', () => {
    const acc = Float64Array.from([0.7, 0.9, NaN, 0.8, 0.9, 0.6]);
    expect(Array.from(topPercentMask(acc, 'max', 20))).toEqual([0, 1, 0, 0, 1, 0]);
    expect(Array.from(topPercentMask(acc, 'min', 40))).toEqual([1, 0, 0, 0, 0, 1]);
    expect(Array.from(topPercentMask(acc, 'max', 100))).toEqual([1, 1, 0, 1, 1, 1]);
    expect(Array.from(topPercentMask(acc, 'max', 0))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('lists the runs set in every mask', () => {
    const a = Uint8Array.from([1, 1, 0, 1]);
    const b = Uint8Array.from([0, 1, 1, 1]);
    expect(Array.from(selectedIndices(4, a, b))).toEqual([1, 3]);
    expect(Array.from(selectedIndices(4, a, null))).toEqual([0, 1, 3]);
  });
});
