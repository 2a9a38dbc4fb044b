/**
 * Nullable columns written without Arrow's builders: every value and every NULL comes back out of
 * real DuckDB-WASM, for NULLs at every kind of position and lengths that cross bitmap bytes. The
 * builders compile their null check with `new Function`, which the page's CSP forbids; building
 * these columns with code generation from strings turned off proves they do not need it.
 */

import { randomLcg } from 'd3';
import { makeVector, Table, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../../../src/lib/engine/db';
import type { Engine } from '../../../src/lib/engine/engine';
import {
  float64Vector,
  nullableBool,
  nullableFloat64,
  nullableInt64,
  utf8Vector,
} from '../../../src/lib/schema/arrow-columns';
import { makeEngine } from '../helpers/engine';

/** Runs `build` with `eval` and `new Function` throwing, as under `script-src` without 'unsafe-eval'. */
function withoutCodeFromStrings<T>(build: () => T): T {
  const { Function: realFunction, eval: realEval } = globalThis;
  const refuse = () => {
    throw new EvalError('code generation from strings is disallowed');
  };
  globalThis.Function = new Proxy(realFunction, { apply: refuse, construct: refuse });
  globalThis.eval = refuse;
  try {
    return build();
  } finally {
    globalThis.Function = realFunction;
    globalThis.eval = realEval;
  }
}

/** Where the NULLs go, for a column of `n` rows: true means a value. */
const PATTERNS: Record<string, (n: number) => boolean[]> = {
  'no NULL': (n) => Array.from({ length: n }, () => true),
  'all NULL': (n) => Array.from({ length: n }, () => false),
  'NULL first': (n) => Array.from({ length: n }, (_, i) => i !== 0),
  'NULL last': (n) => Array.from({ length: n }, (_, i) => i !== n - 1),
  'NULL at each byte edge': (n) => Array.from({ length: n }, (_, i) => i % 8 !== 7 && i % 8 !== 0),
  'every third NULL': (n) => Array.from({ length: n }, (_, i) => i % 3 !== 1),
  'seeded random NULLs': (n) => {
    const random = randomLcg(9);
    return Array.from({ length: n }, () => random() < 0.6);
  },
};
const LENGTHS = [1, 8, 9, 64, 65, 130];

const cases = Object.entries(PATTERNS).flatMap(([pattern, valid]) =>
  LENGTHS.map((n) => ({ pattern, n, valid: valid(n) })),
);

const NUMBERS = [0.5, -1e300, Number.NaN, Infinity, -Infinity, 0, 3, 1e-300, -0.25];
const WHOLE = [0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 4294967296, -4294967297, 123456789];
const TEXTS = ['loss', '', 'Zürich', '名前', '🚀', "it's", 'a,b', '<img src=x>'];

const values = <T>(valid: boolean[], pool: readonly T[]): (T | null)[] =>
  valid.map((v, i) => (v ? pool[i % pool.length] : null));

let engine: Engine;
beforeAll(async () => {
  engine = await makeEngine();
});

/** Inserts the column into a table of that SQL type and reads it back in row order, as text. */
function roundTrip(sqlType: string, column: Vector): (string | null)[] {
  exec(engine.db, 'DROP TABLE IF EXISTS t');
  exec(engine.db, `CREATE TABLE t (i INTEGER, v ${sqlType})`);
  const i = Int32Array.from({ length: column.length }, (_, k) => k);
  engine.db.insertIPC('t', tableToIPC(new Table({ i: makeVector(i), v: column }), 'stream'));
  return engine
    .rows<{ v: string | null }>('SELECT v::VARCHAR AS v FROM t ORDER BY i')
    .map((r) => r.v);
}

/** How DuckDB spells a DOUBLE as text. */
const doubleText = (x: number) =>
  Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : x === -Infinity ? '-inf' : null;

function expectDoubles(back: (string | null)[], expected: (number | null)[]) {
  expect(back.map((v) => v === null)).toEqual(expected.map((v) => v === null));
  expected.forEach((x, k) => {
    if (x === null) return;
    const special = doubleText(x);
    if (special) expect(back[k], `row ${k}`).toBe(special);
    else expect(Number(back[k]), `row ${k}`).toBe(x);
  });
}

describe('the page’s CSP stand-in', () => {
  it('stops Arrow’s builder, which compiles its null check from a string', () => {
    expect(() =>
      withoutCodeFromStrings(() => vectorFromArray([1, null, 2], nullableFloat64([]).type)),
    ).toThrow(EvalError);
  });
});

describe.each(cases)('a nullable column, $pattern, $n rows', ({ n, valid }) => {
  it('of DOUBLE from numbers keeps every value, NaN and ±Infinity included', () => {
    const expected = values(valid, NUMBERS);
    const column = withoutCodeFromStrings(() => nullableFloat64(expected));
    expect(column.length).toBe(n);
    expect(column.nullCount).toBe(expected.filter((v) => v === null).length);
    expectDoubles(roundTrip('DOUBLE', column), expected);
  });

  it('of DOUBLE from a typed array and a validity mask', () => {
    const expected = values(valid, NUMBERS);
    const data = Float64Array.from(expected, (v) => v ?? 99);
    const mask = Uint8Array.from(valid, (v) => (v ? 1 : 0));
    // A longer buffer than the column, as the sinks keep: only `n` rows are written.
    const padded = new Float64Array(n + 5);
    padded.set(data);
    const column = withoutCodeFromStrings(() => float64Vector(padded, mask, n));
    expectDoubles(roundTrip('DOUBLE', column), expected);
  });

  it('of BIGINT keeps whole numbers up to 2^53 and their signs', () => {
    const expected = values(valid, WHOLE);
    const column = withoutCodeFromStrings(() => nullableInt64(expected));
    expect(roundTrip('BIGINT', column)).toEqual(
      expected.map((v) => (v === null ? null : BigInt(v).toString())),
    );
  });

  it('of VARCHAR keeps empty text, text outside ASCII and markup as text', () => {
    const expected = values(valid, TEXTS);
    const column = withoutCodeFromStrings(() => utf8Vector(expected));
    expect(roundTrip('VARCHAR', column)).toEqual(expected);
  });

  it('of BOOLEAN keeps true, false and NULL apart', () => {
    const expected = valid.map((v, i) => (v ? i % 5 < 2 : null));
    const column = withoutCodeFromStrings(() => nullableBool(expected));
    expect(roundTrip('BOOLEAN', column)).toEqual(
      expected.map((v) => (v === null ? null : String(v))),
    );
  });
});
