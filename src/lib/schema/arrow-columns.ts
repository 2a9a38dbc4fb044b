/**
 * Arrow vectors built straight from typed arrays, with the exact types of the canonical tables.
 * Never through Arrow's builders (`vectorFromArray`, `makeBuilder`): they compile their null check
 * with `new Function`, which the page's Content-Security-Policy forbids (scripts/csp.mjs).
 */

import {
  Bool,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Null,
  Utf8,
  type Vector,
} from 'apache-arrow';

interface Validity {
  /** Bit i (least significant first) set when row i has a value; `null` when every row has one. */
  nullBitmap: Uint8Array | null;
  nullCount: number;
}

/** `length` bits packed least significant first, as Arrow lays out booleans and validity. */
function packBits(
  length: number,
  bit: (i: number) => boolean,
): { bits: Uint8Array; zeros: number } {
  const bits = new Uint8Array((length + 7) >> 3);
  let zeros = 0;
  for (let i = 0; i < length; i++) {
    if (bit(i)) bits[i >> 3] |= 1 << (i & 7);
    else zeros++;
  }
  return { bits, zeros };
}

/** Arrow's validity bitmap for `length` rows, row i valid when `isValid(i)`. */
export function validity(length: number, isValid: (i: number) => boolean): Validity {
  const { bits, zeros } = packBits(length, isValid);
  return { nullBitmap: zeros > 0 ? bits : null, nullCount: zeros };
}

export function int32Vector(values: Int32Array): Vector<Int32> {
  return makeVector(values);
}

/**
 * A column of `length` NULLs as Arrow's Null type: no data buffer at all. DuckDB casts it to the
 * target column's type on insert, so it fills a DOUBLE (or any) column with NULLs.
 */
export function nullVector(length: number): Vector<Null> {
  return makeVector(makeData({ type: new Null(), length }));
}

/**
 * Whole numbers below 2^53 as BIGINT, written through the two 32-bit halves (no BigInt per value);
 * `into` (at least `length` long) is used instead of a new array.
 */
export function int64Vector(
  values: Float64Array,
  length: number,
  into = new BigInt64Array(length),
  valid: Validity = { nullBitmap: null, nullCount: 0 },
): Vector<Int64> {
  const out = into.subarray(0, length);
  const halves = new Int32Array(out.buffer, out.byteOffset, 2 * length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    const high = Math.floor(v / 4294967296);
    halves[2 * i] = v - high * 4294967296;
    halves[2 * i + 1] = high;
  }
  return makeVector(makeData({ type: new Int64(), length, data: out, ...valid }));
}

/** DOUBLE with NULL where `valid[i]` is 0; no bitmap at all when every value is there. */
export function float64Vector(
  values: Float64Array,
  valid: Uint8Array | null,
  length: number,
): Vector<Float64> {
  const data = values.subarray(0, length);
  if (!valid) return makeVector(makeData({ type: new Float64(), length, data }));
  return makeVector(
    makeData({ type: new Float64(), length, data, ...validity(length, (i) => valid[i] !== 0) }),
  );
}

const encoder = new TextEncoder();

/**
 * Text with NULLs, encoded straight into Arrow's buffers: `vectorFromArray` goes through a builder
 * at ~7 µs a value, which for the thousands of rows a dropped folder writes per group adds up.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const length = values.length;
  const valueOffsets = new Int32Array(length + 1);
  // A UTF-16 unit takes at most 3 bytes of UTF-8.
  let data = new Uint8Array(values.reduce((n, v) => n + (v?.length ?? 0), 0) * 3);
  let at = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value !== null) at += encoder.encodeInto(value, data.subarray(at)).written;
    valueOffsets[i + 1] = at;
  }
  data = data.slice(0, at);
  const valid = validity(length, (i) => values[i] !== null);
  return makeVector(makeData({ type: new Utf8(), length, valueOffsets, data, ...valid }));
}

/**
 * Text given as codes into a short list (`-1`: NULL): each entry is encoded once and its bytes
 * copied per row, as a column of a few classes repeated a million times is.
 */
export function codedUtf8Vector(
  codes: Int32Array,
  list: readonly string[],
  length: number,
): Vector<Utf8> {
  const encoded = list.map((value) => encoder.encode(value));
  const valueOffsets = new Int32Array(length + 1);
  let size = 0;
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (code >= 0) size += encoded[code].length;
    valueOffsets[i + 1] = size;
  }
  const data = new Uint8Array(size);
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (code >= 0) data.set(encoded[code], valueOffsets[i]);
  }
  const valid = validity(length, (i) => codes[i] >= 0);
  return makeVector(makeData({ type: new Utf8(), length, valueOffsets, data, ...valid }));
}

/** DOUBLE from numbers, NULL where the value is `null` (NaN and ±Infinity stay numbers). */
export function nullableFloat64(values: readonly (number | null)[]): Vector<Float64> {
  const length = values.length;
  const data = Float64Array.from(values, (v) => v ?? 0);
  const valid = validity(length, (i) => values[i] !== null);
  return makeVector(makeData({ type: new Float64(), length, data, ...valid }));
}

/** BIGINT from whole numbers below 2^53, NULL where the value is `null`. */
export function nullableInt64(values: readonly (number | null)[]): Vector<Int64> {
  const length = values.length;
  const valid = validity(length, (i) => values[i] !== null);
  return int64Vector(
    Float64Array.from(values, (v) => v ?? 0),
    length,
    undefined,
    valid,
  );
}

/** BOOLEAN, NULL where the value is `null`. */
export function nullableBool(values: readonly (boolean | null)[]): Vector<Bool> {
  const length = values.length;
  const data = packBits(length, (i) => values[i] === true).bits;
  const valid = validity(length, (i) => values[i] !== null);
  return makeVector(makeData({ type: new Bool(), length, data, ...valid }));
}
