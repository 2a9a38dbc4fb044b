import { describe, expect, it } from 'vitest';
import { categoryLabels, clampOffset } from '../../../src/lib/charts/category-labels';

const bands = (n: number) => (k: number) => (k + 0.5) / n;

describe('labels of a categorical axis', () => {
  it('labels every category at its own tick when they fit', () => {
    const w = categoryLabels(4, bands(4), 10, 3);
    expect(w.scrolls).toBe(false);
    expect(w.offset).toBe(0);
    expect(w.labels.map((l) => l.index)).toEqual([3, 2, 1, 0]);
    for (const l of w.labels) expect(l.at).toBe(l.tick);
  });

  it('lists a window of consecutive categories from the top, evenly down the axis', () => {
    const w = categoryLabels(100, bands(100), 20, 0);
    expect(w.scrolls).toBe(true);
    expect(w.labels.map((l) => l.index)).toEqual(Array.from({ length: 20 }, (_, s) => 99 - s));
    expect(w.labels[0].at).toBeCloseTo(1 - 0.5 / 20);
    expect(w.labels[19].at).toBeCloseTo(0.5 / 20);
    for (const l of w.labels) expect(l.tick).toBeCloseTo((l.index + 0.5) / 100);
  });

  it('reaches every category by scrolling, and stops at either end', () => {
    const seen = new Set<number>();
    for (let offset = -5; offset < 120; offset += 7)
      for (const l of categoryLabels(100, bands(100), 20, offset).labels) seen.add(l.index);
    expect(seen.size).toBe(100);
    expect(categoryLabels(100, bands(100), 20, 500).labels.map((l) => l.index)).toEqual(
      Array.from({ length: 20 }, (_, s) => 19 - s),
    );
    expect(clampOffset(-3, 100, 20)).toBe(0);
    expect(clampOffset(95, 100, 20)).toBe(80);
  });

  it('follows a flipped axis: the top is then the first category', () => {
    const w = categoryLabels(50, (k) => 1 - (k + 0.5) / 50, 10, 0);
    expect(w.labels.map((l) => l.index)).toEqual(Array.from({ length: 10 }, (_, s) => s));
  });
});
