import { describe, expect, it } from 'vitest';
import { parseNumberBytes, parseNumberText } from '../../../../src/lib/importers/csv/numbers';
import { mulberry32 } from '../../../../scripts/rng.mjs';

const bytes = (s: string) => new TextEncoder().encode(s);
const parse = (s: string) => {
  const b = bytes(s);
  return parseNumberBytes(b, 0, b.length);
};

describe('parseNumberBytes', () => {
  it('gives exactly Number(text) for decimal text of every shape', () => {
    const random = mulberry32(7);
    const samples: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      samples.push(
        String(x),
        x.toPrecision(1 + Math.floor(random() * 17)),
        x.toExponential(Math.floor(random() * 16)),
      );
      samples.push(x.toFixed(Math.floor(random() * 12)));
    }
    samples.push(
      '0',
      '-0',
      '007',
      '1.',
      '.5',
      '-.5',
      '+3',
      '1e5',
      '1E-5',
      '1.7976931348623157e308',
      '5e-324',
      '123456789012345678901',
    );
    for (const s of samples) expect(parse(s), s).toBe(Number(s));
  });

  it('reads NaN and infinities the way Python and trackers write them', () => {
    expect(parse('NaN')).toBeNaN();
    expect(parse('nan')).toBeNaN();
    expect(parse('inf')).toBe(Infinity);
    expect(parse('-inf')).toBe(-Infinity);
    expect(parse('Infinity')).toBe(Infinity);
    expect(parse('-Infinity')).toBe(-Infinity);
  });

  it('refuses text that is not a decimal number', () => {
    for (const s of ['abc', '0x1F', '1,5', '1e', '--1', '1.2.3', 'e5', '', ' ', '12abc', '١٢']) {
      expect(parse(s), s).toBeUndefined();
    }
  });

  it('ignores surrounding spaces', () => {
    expect(parse('  2.5 ')).toBe(2.5);
    expect(parseNumberText(' -1e3 ')).toBe(-1000);
  });
});
