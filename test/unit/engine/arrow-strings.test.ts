import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { stringValues } from '../../../src/lib/engine/arrow-strings';

// The same Arrow as duckdb-wasm's (see DESIGN.md: two copies break instanceof).
const require = createRequire(import.meta.url);
const { vectorFromArray, Utf8 } = require('apache-arrow') as typeof import('apache-arrow');

describe('stringValues', () => {
  it('gives what Arrow gives, for ASCII, non-ASCII and null values', () => {
    for (const values of [
      ['lr', '1e-3', '', null, 'adamw'],
      ['naïve', null, 'テスト', 'x'],
      [null, null],
      [],
    ]) {
      const vector = vectorFromArray(values, new Utf8());
      expect(stringValues(vector)).toEqual([...vector]);
    }
  });
});
