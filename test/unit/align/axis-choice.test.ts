import { describe, expect, it } from 'vitest';
import { axisFromOption, axisToOption } from '../../../src/lib/align/axis-choice';

describe('axis options', () => {
  it('round-trips every axis, counters by metric name', () => {
    for (const axis of [
      { kind: 'step' },
      { kind: 'epoch' },
      { kind: 'wall' },
      { kind: 'wallAbs' },
      { kind: 'counter', metric: 'train/tokens:seen' },
    ] as const)
      expect(axisFromOption(axisToOption(axis))).toEqual(axis);
    expect(axisFromOption('nonsense')).toEqual({ kind: 'step' });
  });
});
