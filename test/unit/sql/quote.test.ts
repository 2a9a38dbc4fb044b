import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/lib/engine/engine';
import { inList, literal, quoteIdent } from '../../../src/lib/sql/quote';
import { makeEngine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await makeEngine();
});

const hostile = [
  `it's`,
  `"; DROP TABLE runs; --`,
  `a\\b`,
  `<img src=x onerror=alert(1)>`,
  `ünï‮cödé`,
  `line\nbreak`,
  ``,
];

describe('literal', () => {
  it('round-trips any text through DuckDB unchanged', () => {
    for (const text of hostile)
      expect(engine.rows(`SELECT ${literal(text)} AS v`)).toEqual([{ v: text }]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM runs')).toEqual([{ n: 0 }]);
  });

  it('writes numbers exactly, and non-finite numbers as DOUBLE', () => {
    const values = [0, -1, 1e-300, 0.1, 2 ** 53 + 2, 1.7976931348623157e308];
    for (const v of values)
      expect(engine.rows<{ v: number }>(`SELECT ${literal(v)} AS v`)[0].v).toBe(v);
    expect(engine.rows<{ v: number }>(`SELECT ${literal(NaN)} AS v`)[0].v).toBeNaN();
    expect(engine.rows(`SELECT ${literal(Infinity)} AS a, ${literal(-Infinity)} AS b`)).toEqual([
      { a: Infinity, b: -Infinity },
    ]);
  });

  it('writes null, booleans and bigints', () => {
    expect(
      engine.rows(
        `SELECT ${literal(null)} AS a, ${literal(true)} AS b, ${literal(9007199254740993n)}::VARCHAR AS c`,
      ),
    ).toEqual([{ a: null, b: true, c: '9007199254740993' }]);
  });
});

describe('quoteIdent', () => {
  it('makes any text a usable column name', () => {
    for (const name of hostile.filter(Boolean)) {
      expect(engine.rows(`SELECT 1 AS ${quoteIdent(name)}`)).toEqual([{ [name]: 1 }]);
    }
  });
});

describe('inList', () => {
  it('matches the listed values, and nothing for an empty list', () => {
    expect(
      engine.rows(`SELECT v FROM range(5) t(v) WHERE v IN ${inList([1, 3])} ORDER BY v`),
    ).toEqual([{ v: 1 }, { v: 3 }]);
    expect(engine.rows(`SELECT v FROM range(5) t(v) WHERE v IN ${inList([])}`)).toEqual([]);
  });
});
