import { describe, expect, it } from 'vitest';
import { buildGrid, sampleAt } from '../../../src/lib/samples/grid';
import type { Sample } from '../../../src/lib/samples/types';

const blob = new Blob([]);
const s = (run: string, key: string, step: number): Sample => ({
  kind: 'image',
  key,
  step,
  run: { runKey: `dir:${run}`, folder: run },
  file: `${run}/${key}_${step}.png`,
  blob,
  mime: 'image/png',
});

describe('buildGrid', () => {
  const samples = [
    s('b', 'cat', 20),
    s('a', 'cat', 10),
    s('a', 'cat', 30),
    s('a', 'dog', 10),
    s('z', 'cat', 5),
  ];
  const grid = buildGrid(samples, (key) =>
    key === 'dir:b'
      ? { name: 'Run B', order: 0 }
      : key === 'dir:a'
        ? { name: 'Run A', order: 1 }
        : null,
  );

  it("puts runs in columns in the runs table's order, unknown runs after by folder", () => {
    expect(grid.columns).toEqual([
      { runKey: 'dir:b', label: 'Run B' },
      { runKey: 'dir:a', label: 'Run A' },
      { runKey: 'dir:z', label: 'z' },
    ]);
  });

  it('has one row per key and every iteration any run logged as the slider stops', () => {
    expect(grid.keys).toEqual(['cat', 'dog']);
    expect(grid.steps).toEqual([5, 10, 20, 30]);
    expect(
      grid.cells
        .get('cat')
        ?.get('dir:a')
        ?.map((x) => x.step),
    ).toEqual([10, 30]);
  });
});

describe('sampleAt', () => {
  const list = [s('a', 'k', 10), s('a', 'k', 20), s('a', 'k', 40)];
  it('takes the exact iteration when logged, else the latest before it, never one after', () => {
    expect(sampleAt(list, 20)?.step).toBe(20);
    expect(sampleAt(list, 39)?.step).toBe(20);
    expect(sampleAt(list, 1000)?.step).toBe(40);
    expect(sampleAt(list, 9)).toBeNull();
    expect(sampleAt(undefined, 9)).toBeNull();
  });
});
