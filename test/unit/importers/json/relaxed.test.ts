import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../../src/lib/importers/json/locate-error';
import { toStrictJson } from '../../../../src/lib/importers/json/relaxed';

describe('toStrictJson', () => {
  it('turns bare NaN and infinities into strings, outside strings only', () => {
    const r = toStrictJson('{"a": NaN, "b": -Infinity, "c": "NaN Infinity", "d": [Infinity]}');
    expect(JSON.parse(r.text)).toEqual({
      a: 'NaN',
      b: '-Infinity',
      c: 'NaN Infinity',
      d: ['Infinity'],
    });
    expect(r.nonFinite).toBe(3);
  });

  it('keeps integers too long for a double as their exact digits', () => {
    const r = toStrictJson(
      '{"max": 9223372036854775807, "neg": -12345678901234567890, "ok": 123456789012345, "f": 1.2345678901234567e30}',
    );
    expect(JSON.parse(r.text)).toEqual({
      max: '9223372036854775807',
      neg: '-12345678901234567890',
      ok: 123456789012345,
      f: 1.2345678901234567e30,
    });
    expect(r.longIntegers).toBe(2);
  });

  it('never takes the digits of a long fraction or exponent for an integer (a W&B summary)', () => {
    const input =
      '{"loss": 3.9465134143829346, "tiny": 1.2345678901234567e-30, "big": 12345678901234567E+2}';
    const r = toStrictJson(input);
    expect(r.text).toBe(input);
    expect(JSON.parse(r.text)).toEqual({
      loss: 3.9465134143829346,
      tiny: 1.2345678901234567e-30,
      big: Number('12345678901234567E+2'),
    });
  });

  it('leaves escaped quotes inside strings alone', () => {
    const input = '{"s": "say \\"NaN\\" 12345678901234567890"}';
    expect(toStrictJson(input).text).toBe(input);
  });
});

describe('locateJsonError', () => {
  it('points at the first invalid character', () => {
    expect(locateJsonError('[\n {"a": 1},\n {"a": }\n]')).toMatchObject({ line: 3, column: 8 });
    expect(locateJsonError('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(locateJsonError('[1, 2')).toMatchObject({ line: 1 });
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, true, false, null, "x\\"y"]}')).toBeNull();
  });
});
