import { describe, expect, it } from 'vitest';
import { makeFrame, MARGIN, padDomain } from '../../../src/lib/charts/frame';
import { boxToRanges, sortedReadout } from '../../../src/lib/charts/interaction';
import { runColor } from '../../../src/lib/charts/colors';

const frame = makeFrame(
  100 + MARGIN.left + MARGIN.right,
  100 + MARGIN.top + MARGIN.bottom,
  [0, 1000],
  [0, 1],
  false,
  false,
);

describe('boxToRanges', () => {
  it('turns a dragged box into x and y ranges in data units', () => {
    const r = boxToRanges(frame, { x: 60, y: 80 }, { x: 20, y: 30 });
    expect(r?.x).toEqual([200, 600]);
    expect(r?.y?.[0]).toBeCloseTo(0.2, 12);
    expect(r?.y?.[1]).toBeCloseTo(0.7, 12);
  });

  it('zooms one axis when the box is thin in the other, and ignores a click', () => {
    expect(boxToRanges(frame, { x: 20, y: 50 }, { x: 60, y: 52 })).toEqual({
      x: [200, 600],
      y: null,
    });
    expect(boxToRanges(frame, { x: 20, y: 50 }, { x: 22, y: 52 })).toBeNull();
  });
});

describe('padDomain', () => {
  it('gives a flat line some room, on linear and log axes', () => {
    expect(padDomain([2, 2], false)).toEqual([1.9, 2.1]);
    expect(padDomain([0, 0], false)).toEqual([-1, 1]);
    expect(padDomain([10, 10], true)).toEqual([5, 20]);
  });
});

describe('sortedReadout', () => {
  const v = (runId: number, value: number, smoothed = value) => ({
    runId,
    x: 1,
    step: 1,
    value,
    smoothed,
    method: 'exact' as const,
  });
  it('lists runs highest first, NaN last, by the value drawn', () => {
    expect(sortedReadout([v(1, 0.2), v(2, NaN), v(3, 0.9)], false).map((r) => r.runId)).toEqual([
      3, 1, 2,
    ]);
    expect(sortedReadout([v(1, 0.2, 0.95), v(3, 0.9, 0.1)], true).map((r) => r.runId)).toEqual([
      1, 3,
    ]);
  });
});

describe('runColor', () => {
  it('gives a run the same colour every time, and neighbours different ones', () => {
    expect(runColor(3)).toBe(runColor(3));
    const colors = new Set(Array.from({ length: 30 }, (_, i) => runColor(i + 1)));
    expect(colors.size).toBe(30);
  });
});

describe('pixelsOf', () => {
  it('maps like the scale itself, linear or log', async () => {
    const { pixelsOf } = await import('../../../src/lib/charts/draw');
    const lin = makeFrame(300, 200, [10, 1000], [-1, 1], false, false);
    const log = makeFrame(300, 200, [10, 1000], [0.01, 1], true, true);
    for (const v of [10, 55.5, 999, 1e4]) {
      expect(pixelsOf(lin.x)(v)).toBeCloseTo(lin.x(v), 9);
      expect(pixelsOf(log.x)(v)).toBeCloseTo(log.x(v), 9);
    }
    expect(pixelsOf(lin.y)(0.3)).toBeCloseTo(lin.y(0.3), 9);
  });
});
