import { describe, expect, it } from 'vitest';
import { studentOptions } from '../../../src/lib/align/student-options';

const runs = Array.from({ length: 250 }, (_, i) => ({
  runId: i + 1,
  name: i % 2 === 0 ? `lr-sweep-${i}` : `baseline-${i}`,
}));

describe('studentOptions', () => {
  it('lists every run while there are few', () => {
    const few = runs.slice(0, 10);
    expect(studentOptions(few, '', null)).toEqual({ runs: few, more: 0 });
  });

  it('lists the first runs up to the limit and counts the others', () => {
    const { runs: listed, more } = studentOptions(runs, '', null, 100);
    expect(listed.map((r) => r.runId)).toEqual(runs.slice(0, 100).map((r) => r.runId));
    expect(more).toBe(150);
  });

  it('keeps the student listed, first, when it is past the limit or does not match', () => {
    const past = studentOptions(runs, '', 240, 100);
    expect(past.runs[0].runId).toBe(240);
    expect(past.runs).toHaveLength(101);
    expect(past.more).toBe(149);
    const other = studentOptions(runs, 'baseline', 1, 100);
    expect(other.runs[0].runId).toBe(1);
    expect(other.runs.slice(1).every((r) => r.name.startsWith('baseline'))).toBe(true);
    expect(other.more).toBe(25);
  });

  it('finds runs by any part of their name, ignoring case', () => {
    const found = studentOptions(runs, 'SWEEP-24', null, 100);
    expect(found.runs.map((r) => r.name)).toEqual([
      'lr-sweep-24',
      'lr-sweep-240',
      'lr-sweep-242',
      'lr-sweep-244',
      'lr-sweep-246',
      'lr-sweep-248',
    ]);
    expect(found.more).toBe(0);
  });
});
