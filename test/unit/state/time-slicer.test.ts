import { describe, expect, it } from 'vitest';
import { TimeSlicer } from '../../../src/lib/state/time-slicer';

describe('TimeSlicer', () => {
  it('starts with a small slice, before any cost is known', () => {
    expect(new TimeSlicer(20, 16).next()).toBe(16);
  });

  it('sizes the next slice to the budget at the measured cost per item', () => {
    const slicer = new TimeSlicer(20, 16);
    slicer.record(16, 5.6); // 0.35 ms a file
    expect(slicer.next()).toBe(57);
  });

  it('shrinks the slices at once when items get dearer', () => {
    const slicer = new TimeSlicer(20, 16);
    slicer.record(16, 3.2); // 0.2 ms
    slicer.record(100, 100); // 1 ms
    expect(slicer.next()).toBe(20);
  });

  it('grows them by halves when items get cheaper, so one cheap slice does not swing it', () => {
    const slicer = new TimeSlicer(20, 16);
    slicer.record(20, 20); // 1 ms
    slicer.record(100, 20); // 0.2 ms
    expect(slicer.next()).toBe(33); // 20 / 0.6
  });

  it('never hands over fewer than one item or more than the cap', () => {
    const slicer = new TimeSlicer(20, 16, 500);
    slicer.record(1, 80);
    expect(slicer.next()).toBe(1);
    const free = new TimeSlicer(20, 16, 500);
    free.record(200, 0);
    expect(free.next()).toBe(500);
  });
});
