import { describe, expect, it } from 'vitest';
import { rowWindow } from '../../../src/lib/state/row-window';

describe('rowWindow', () => {
  it('renders every row of a short table', () => {
    expect(rowWindow(12, 0, 600, 30)).toEqual({ start: 0, end: 12, padTop: 0, padBottom: 0 });
  });

  it('renders the visible rows and a margin, and pads the rest to keep the scroll height', () => {
    const w = rowWindow(10_000, 30_000, 600, 30, 10);
    expect(w).toEqual({ start: 990, end: 1030, padTop: 990 * 30, padBottom: (10_000 - 1030) * 30 });
    expect(w.padTop + (w.end - w.start) * 30 + w.padBottom).toBe(10_000 * 30);
  });

  it('stays inside the table when scrolled to the end', () => {
    const w = rowWindow(100, 100 * 30, 600, 30, 10);
    expect(w.end).toBe(100);
    expect(w.start).toBe(60);
  });
});
