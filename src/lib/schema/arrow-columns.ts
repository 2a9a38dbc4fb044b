/** Arrow vectors built straight from typed arrays, with the exact types of the canonical tables. */

import {
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Null,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';

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
): Vector<Int64> {
  const out = into.subarray(0, length);
  const halves = new Int32Array(out.buffer, out.byteOffset, 2 * length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    const high = Math.floor(v / 4294967296);
    halves[2 * i] = v - high * 4294967296;
    halves[2 * i + 1] = high;
  }
  return makeVector(makeData({ type: new Int64(), length, data: out }));
}

/** DOUBLE with NULL where `valid[i]` is 0; no bitmap at all when every value is there. */
export function float64Vector(
  values: Float64Array,
  valid: Uint8Array | null,
  length: number,
): Vector<Float64> {
  if (!valid)
    return makeVector(makeData({ type: new Float64(), length, data: values.subarray(0, length) }));
  let nullCount = 0;
  const bitmap = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    if (valid[i]) bitmap[i >> 3] |= 1 << (i & 7);
    else nullCount++;
  }
  if (nullCount === 0)
    return makeVector(makeData({ type: new Float64(), length, data: values.subarray(0, length) }));
  return makeVector(
    makeData({
      type: new Float64(),
      length,
      nullCount,
      nullBitmap: bitmap,
      data: values.subarray(0, length),
    }),
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
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  // A UTF-16 unit takes at most 3 bytes of UTF-8.
  let data = new Uint8Array(values.reduce((n, v) => n + (v?.length ?? 0), 0) * 3);
  let at = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value === null) nullCount++;
    else {
      nullBitmap[i >> 3] |= 1 << (i & 7);
      at += encoder.encodeInto(value, data.subarray(at)).written;
    }
    valueOffsets[i + 1] = at;
  }
  data = data.slice(0, at);
  return makeVector(
    makeData({
      type: new Utf8(),
      length,
      nullCount,
      nullBitmap: nullCount > 0 ? nullBitmap : null,
      valueOffsets,
      data,
    }),
  );
}

export function nullableFloat64(values: (number | null)[]): Vector<Float64> {
  return vectorFromArray(values, new Float64());
}
