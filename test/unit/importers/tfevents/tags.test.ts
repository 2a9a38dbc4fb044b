import { describe, expect, it } from 'vitest';
import { TagTable } from '../../../../src/lib/importers/tfevents/tags';

describe('TagTable', () => {
  const bytes = (s: string) => new TextEncoder().encode(`xx${s}yy`);
  const intern = (t: TagTable, s: string) =>
    t.intern(bytes(s), 2, 2 + new TextEncoder().encode(s).length);

  it('gives each tag one id, in order of first appearance, whatever order they come in later', () => {
    const t = new TagTable();
    const order = [
      'loss',
      'acc',
      'lr',
      'loss',
      'acc',
      'lr',
      'lr',
      'acc',
      'loss',
      'los',
      'loss/x',
      'é/ü',
    ];
    expect(order.map((s) => intern(t, s))).toEqual([0, 1, 2, 0, 1, 2, 2, 1, 0, 3, 4, 5]);
    expect(t.names).toEqual(['loss', 'acc', 'lr', 'los', 'loss/x', 'é/ü']);
  });

  it('keeps ids apart across growth of its table (thousands of tags)', () => {
    const t = new TagTable();
    const names = Array.from({ length: 5000 }, (_, i) => `layer_${i}/kernel`);
    expect(names.map((s) => intern(t, s))).toEqual(names.map((_, i) => i));
    expect([...names].reverse().map((s) => intern(t, s))).toEqual(names.map((_, i) => 4999 - i));
    expect(t.size).toBe(5000);
  });
});
