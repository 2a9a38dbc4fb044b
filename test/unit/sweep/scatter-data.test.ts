import { describe, expect, it } from 'vitest';
import { numericColumn } from '../../../src/lib/sweep/columns';
import {
  columnById,
  DEFAULT_RADIUS,
  jitter,
  logPossible,
  MISSING_BAND,
  MISSING_COLOR,
  nearestPoint,
  pointsInBox,
  scatterAxis,
  scatterColors,
  scatterPoints,
  scatterSizes,
  SIZE_RANGE,
  swatchGroups,
  type ScatterAxis,
} from '../../../src/lib/sweep/scatter-data';
import type { CategoricalColumn, SweepTable } from '../../../src/lib/sweep/types';

const plot = { width: 400, height: 200 };
const bandwidth = (axis: ScatterAxis) => (axis.kind === 'band' ? axis.scale.bandwidth() : NaN);
const linear = { x: false, y: false };
const numbers = (id: string, values: number[], direction?: 'min' | 'max') =>
  numericColumn(id, id, 'metric', Float64Array.from(values), direction);
const opt: CategoricalColumn = {
  id: 'param:opt',
  label: 'opt',
  source: 'param',
  type: 'categorical',
  categories: ['adam', 'sgd'],
  codes: Int32Array.from([0, 1, 0, -1]),
};

describe('scatter axes', () => {
  it('maps numbers linearly inside the plot, with room at both ends', () => {
    const axis = scatterAxis(numbers('m', [0, 5, 10]), [0, 400], false);
    expect(axis.kind).toBe('linear');
    expect(axis.missingBand).toBeNull();
    const [a, b, c] = [0, 5, 10].map(axis.pixel);
    expect(a).toBeGreaterThan(0);
    expect(c).toBeLessThan(400);
    expect(b).toBeCloseTo(200, 6);
  });

  it('puts infinities at the very ends and missing values on a band at the start', () => {
    const x = scatterAxis(numbers('m', [1, 2, NaN, Infinity, -Infinity]), [0, 400], false);
    expect(x.missing).toBe(1);
    expect(x.missingBand).toEqual([0, MISSING_BAND]);
    expect(x.pixel(NaN)).toBe(MISSING_BAND / 2);
    expect(x.pixel(Infinity)).toBe(400);
    expect(x.pixel(-Infinity)).toBeGreaterThan(MISSING_BAND);
    expect(x.pixel(-Infinity)).toBeLessThan(x.pixel(1));
    // On a y axis the start is the bottom: the missing band sits below the values.
    const y = scatterAxis(numbers('m', [1, 2, NaN]), [200, 0], false);
    expect(y.missingBand).toEqual([200, 200 - MISSING_BAND]);
    expect(y.pixel(1)).toBeLessThan(200 - MISSING_BAND);
    expect(y.pixel(2)).toBeLessThan(y.pixel(1));
  });

  it('grants a log axis only when every finite value is positive', () => {
    const lr = numbers('lr', [1e-4, 1e-3, 1e-2]);
    expect(logPossible(lr)).toBe(true);
    const axis = scatterAxis(lr, [0, 400], true);
    expect(axis.kind).toBe('log');
    expect(axis.pixel(1e-3)).toBeCloseTo(200, 6);
    const withZero = numbers('m', [0, 1, 100]);
    expect(logPossible(withZero)).toBe(false);
    expect(scatterAxis(withZero, [0, 400], true).kind).toBe('linear');
    expect(logPossible(opt)).toBe(false);
  });

  it('gives a flat column and one without values a domain all the same', () => {
    const flat = scatterAxis(numbers('m', [3, 3]), [0, 400], false);
    expect(flat.pixel(3)).toBeCloseTo(200, 6);
    const empty = scatterAxis(numbers('m', [NaN, NaN]), [0, 400], false);
    expect(empty.missing).toBe(2);
    expect(empty.pixel(NaN)).toBe(MISSING_BAND / 2);
  });

  it('centres categories in bands after the missing band', () => {
    const axis = scatterAxis(opt, [0, 400], false);
    expect(axis.kind).toBe('band');
    expect(axis.missing).toBe(1);
    const adam = axis.pixel(0);
    const sgd = axis.pixel(1);
    expect(adam).toBeGreaterThan(MISSING_BAND);
    expect(sgd).toBeGreaterThan(adam);
    expect(axis.pixel(-1)).toBe(MISSING_BAND / 2);
  });
});

describe('scatter points', () => {
  const table: SweepTable = {
    runIds: [11, 12, 13, 14],
    columns: [numbers('lr', [0.1, 0.2, NaN, 0.4]), opt],
  };

  it('places every run, the missing ones on their band, none dropped', () => {
    const points = scatterPoints(
      columnById(table, 'param:opt') as CategoricalColumn,
      columnById(table, 'lr') as ReturnType<typeof numbers>,
      linear,
      plot,
    );
    expect(points.x.length).toBe(4);
    expect(points.y.length).toBe(4);
    expect([...points.x, ...points.y].every(Number.isFinite)).toBe(true);
    // Run 3 has no optimizer: left band. Run 2 has no lr: bottom band.
    expect(points.x[3]).toBeLessThan(MISSING_BAND);
    expect(points.y[2]).toBeGreaterThan(plot.height - MISSING_BAND);
    expect(points.yAxis.missing).toBe(1);
    expect(points.xAxis.missing).toBe(1);
  });

  it('jitters categories within their band, the same way every time', () => {
    const axis = scatterAxis(opt, [0, 400], false);
    const a = scatterPoints(opt, opt, linear, plot);
    const b = scatterPoints(opt, opt, linear, plot);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    const half = bandwidth(axis) / 2;
    expect(Math.abs(a.x[0] - axis.pixel(0))).toBeLessThan(half);
    expect(Math.abs(a.x[2] - axis.pixel(0))).toBeLessThan(half);
    expect(a.x[0]).not.toBe(a.x[2]);
    // x and y jitter differently, so a cell's points spread in two directions.
    const share = (offset: number, band: number) => +(offset / band).toFixed(6);
    const xShares = [0, 1, 2].map((i) =>
      share(a.x[i] - a.xAxis.pixel(opt.codes[i]), bandwidth(a.xAxis)),
    );
    const yShares = [0, 1, 2].map((i) =>
      share(a.y[i] - a.yAxis.pixel(opt.codes[i]), bandwidth(a.yAxis)),
    );
    expect(xShares).not.toEqual(yShares);
  });

  it('keeps jitter in [−0.5, 0.5) and spread out', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => jitter(i, 1));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...values)).toBeLessThan(0.5);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(values.filter((v) => v < 0).length / values.length).toBeCloseTo(0.5, 1);
  });

  it('finds a column by id and says null for an unknown one', () => {
    expect(columnById(table, 'lr')?.label).toBe('lr');
    expect(columnById(table, 'nope')).toBeNull();
    expect(columnById(table, null)).toBeNull();
  });
});

describe('scatter colours', () => {
  it('paints every run one plain colour without a colour column', () => {
    const paint = scatterColors(null, 3);
    expect(paint.legend.kind).toBe('none');
    expect([...paint.swatch].map((s) => paint.palette[s])).toEqual(Array(3).fill(paint.palette[1]));
  });

  it('ramps numbers, the better end brightest, missing grey and counted', () => {
    const higher = scatterColors(numbers('acc', [0.1, 0.5, 0.9, NaN], 'max'), 4);
    expect(higher.legend.kind).toBe('numeric');
    if (higher.legend.kind !== 'numeric') return;
    expect(higher.legend.domain).toEqual([0.1, 0.9]);
    expect(higher.legend.missing).toBe(1);
    expect(higher.palette[higher.swatch[3]]).toBe(MISSING_COLOR);
    // Drawn in palette order: the best last, on top.
    expect(higher.swatch[2]).toBe(higher.palette.length - 1);
    expect(higher.swatch[0]).toBe(1);
    expect(higher.legend.scale(0.9)).toBe(higher.palette[higher.swatch[2]]);
    const lower = scatterColors(numbers('loss', [0.1, 0.5, 0.9], 'min'), 3);
    expect(lower.swatch[0]).toBe(lower.palette.length - 1);
    expect(lower.swatch[2]).toBe(1);
  });

  it('gives infinities the colour of the end they lie past', () => {
    const paint = scatterColors(numbers('m', [0, 1, Infinity, -Infinity]), 4);
    expect(paint.swatch[2]).toBe(paint.swatch[1]);
    expect(paint.swatch[3]).toBe(paint.swatch[0]);
  });

  it('gives each category its own colour, missing grey', () => {
    const paint = scatterColors(opt, 4);
    expect(paint.legend.kind).toBe('categorical');
    expect(paint.palette[paint.swatch[0]]).toBe(paint.palette[paint.swatch[2]]);
    expect(paint.palette[paint.swatch[0]]).not.toBe(paint.palette[paint.swatch[1]]);
    expect(paint.palette[paint.swatch[3]]).toBe(MISSING_COLOR);
    const many: CategoricalColumn = {
      ...opt,
      categories: Array.from({ length: 30 }, (_, k) => `c${k}`),
      codes: Int32Array.from({ length: 30 }, (_, k) => k),
    };
    expect(new Set(scatterColors(many, 30).palette).size).toBe(31);
  });
});

describe('swatch groups', () => {
  it('lists the runs of each palette entry together, in palette order', () => {
    const paint = scatterColors(opt, 4);
    const { order, starts } = swatchGroups(paint);
    const groups = [...paint.palette.keys()].map((k) =>
      Array.from(order.subarray(starts[k], starts[k + 1])),
    );
    // Entry 0: no optimizer (run 3); 1: adam (runs 0 and 2); 2: sgd (run 1).
    expect(groups).toEqual([[3], [0, 2], [1]]);
  });
});

describe('scatter sizes', () => {
  it('sizes by the square root of a number, within the range, missing smallest', () => {
    const { radius, legend } = scatterSizes(numbers('params', [0, 25, 100, NaN]), 4);
    expect(radius[0]).toBeCloseTo(SIZE_RANGE[0], 6);
    expect(radius[2]).toBeCloseTo(SIZE_RANGE[1], 6);
    expect(radius[1]).toBeCloseTo(SIZE_RANGE[0] + 0.5 * (SIZE_RANGE[1] - SIZE_RANGE[0]), 6);
    expect(radius[3]).toBe(SIZE_RANGE[0]);
    expect(legend).toMatchObject({ domain: [0, 100], missing: 1 });
  });

  it('keeps the default radius without a numeric column', () => {
    expect(Array.from(scatterSizes(null, 2).radius)).toEqual([DEFAULT_RADIUS, DEFAULT_RADIUS]);
    expect(scatterSizes(opt, 4).legend).toBeNull();
  });
});

describe('picking points', () => {
  const points = { x: [10, 20, 30, 20], y: [10, 20, 30, 20] };

  it('finds the points in a box dragged either way, edges included', () => {
    expect(
      pointsInBox(points, [
        [15, 15],
        [30, 30],
      ]),
    ).toEqual([1, 2, 3]);
    expect(
      pointsInBox(points, [
        [30, 30],
        [15, 15],
      ]),
    ).toEqual([1, 2, 3]);
    expect(
      pointsInBox(points, [
        [0, 0],
        [5, 5],
      ]),
    ).toEqual([]);
  });

  it('finds the nearest point within the tolerance, the top one on a tie', () => {
    expect(nearestPoint(points, 11, 11, 5)).toBe(0);
    expect(nearestPoint(points, 21, 20, 5)).toBe(3);
    expect(nearestPoint(points, 50, 50, 5)).toBeNull();
    expect(nearestPoint({ x: [], y: [] }, 0, 0, 5)).toBeNull();
  });
});
