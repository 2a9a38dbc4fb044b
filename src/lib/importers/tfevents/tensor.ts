/**
 * The one number of a scalar `TensorProto { DataType dtype = 1; TensorShapeProto tensor_shape = 2;
 * bytes tensor_content = 4; repeated float float_val = 5; repeated double double_val = 6;
 * repeated int32 int_val = 7; repeated int64 int64_val = 10; repeated int32 half_val = 13; }`,
 * as TF2's `tf.summary.scalar` writes it: a rank-0 tensor, its value in `tensor_content` or in the
 * typed repeated field (packed or not).
 */

import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, type WireReader } from './protobuf';

export const DT_FLOAT = 1;
export const DT_DOUBLE = 2;
export const DT_INT32 = 3;
export const DT_INT64 = 9;
export const DT_BFLOAT16 = 14;
export const DT_HALF = 19;

const DTYPE_NAMES: Record<number, string> = {
  0: 'DT_INVALID',
  1: 'DT_FLOAT',
  2: 'DT_DOUBLE',
  3: 'DT_INT32',
  4: 'DT_UINT8',
  5: 'DT_INT16',
  6: 'DT_INT8',
  7: 'DT_STRING',
  8: 'DT_COMPLEX64',
  9: 'DT_INT64',
  10: 'DT_BOOL',
  14: 'DT_BFLOAT16',
  18: 'DT_COMPLEX128',
  19: 'DT_HALF',
};

export function dtypeName(dtype: number): string {
  return DTYPE_NAMES[dtype] ?? `dtype ${dtype}`;
}

/** What reading a tensor as a scalar gave. */
export const SCALAR_OK = 0;
export const SCALAR_NOT_ONE_ELEMENT = 1;
export const SCALAR_UNSUPPORTED_DTYPE = 2;
export const SCALAR_NO_VALUE = 3;

export interface TensorScalar {
  value: number;
  dtype: number;
}

const BYTES_PER_ELEMENT: Record<number, number> = {
  [DT_FLOAT]: 4,
  [DT_DOUBLE]: 8,
  [DT_INT32]: 4,
  [DT_INT64]: 8,
  [DT_BFLOAT16]: 2,
  [DT_HALF]: 2,
};

/** IEEE 754 half precision bits to a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const scratch = new DataView(new ArrayBuffer(4));

function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

/** Whether the shape in `[start, end)` has exactly one element (rank 0, or every dimension 1). */
function oneElement(r: WireReader, start: number, end: number): boolean {
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    if (key === ((2 << 3) | WIRE_LEN)) {
      const dimEnd = r.lengthEnd(end);
      let size = 0;
      while (r.pos < dimEnd) {
        const k = r.uint32();
        if (k === ((1 << 3) | WIRE_VARINT)) size = r.int64();
        else r.skip(k & 7, dimEnd);
      }
      if (size !== 1) return false;
    } else if (key === ((3 << 3) | WIRE_VARINT)) {
      if (r.uint32() !== 0) return false;
    } else r.skip(key & 7, end);
  }
  return true;
}

function fromContent(r: WireReader, start: number, dtype: number): number {
  const v = r.view;
  switch (dtype) {
    case DT_FLOAT:
      return v.getFloat32(start, true);
    case DT_DOUBLE:
      return v.getFloat64(start, true);
    case DT_INT32:
      return v.getInt32(start, true);
    case DT_INT64:
      return Number(v.getBigInt64(start, true));
    case DT_HALF:
      return halfToNumber(v.getUint16(start, true));
    default:
      return bfloat16ToNumber(v.getUint16(start, true));
  }
}

function readOne(r: WireReader, field: number): number {
  switch (field) {
    case 5:
      return r.float();
    case 6:
      return r.double();
    case 7:
      return r.uint32() | 0;
    case 10:
      return r.int64();
    default:
      return r.uint32();
  }
}

const VALUE_FIELD: Record<number, number> = {
  [DT_FLOAT]: 5,
  [DT_DOUBLE]: 6,
  [DT_INT32]: 7,
  [DT_INT64]: 10,
  [DT_HALF]: 13,
  [DT_BFLOAT16]: 13,
};

const FIELD_WIRE: Record<number, number> = {
  5: WIRE_FIXED32,
  6: WIRE_FIXED64,
  7: WIRE_VARINT,
  10: WIRE_VARINT,
  13: WIRE_VARINT,
};

/**
 * Reads the tensor in `r.buf[start, end)` as one number into `out`; returns `SCALAR_OK` or why it
 * is not a scalar this reader knows.
 */
export function readScalarTensor(
  r: WireReader,
  start: number,
  end: number,
  out: TensorScalar,
): number {
  let dtype = 0;
  let shapeStart = -1;
  let shapeEnd = -1;
  let contentStart = -1;
  let contentEnd = -1;
  let valueField = 0;
  let valueAt = -1;
  let valueEnd = -1;
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === WIRE_VARINT) dtype = r.uint32();
    else if ((field === 2 || field === 4) && wire === WIRE_LEN) {
      const e = r.lengthEnd(end);
      if (field === 2) {
        shapeStart = r.pos;
        shapeEnd = e;
      } else {
        contentStart = r.pos;
        contentEnd = e;
      }
      r.pos = e;
    } else if (
      valueAt < 0 &&
      FIELD_WIRE[field] !== undefined &&
      (wire === WIRE_LEN || wire === FIELD_WIRE[field])
    ) {
      // Packed or not, the first element is what a rank-0 tensor holds; an empty packed list is no value.
      const e = wire === WIRE_LEN ? r.lengthEnd(end) : -1;
      if (e !== r.pos) {
        valueField = field;
        valueAt = r.pos;
        valueEnd = e < 0 ? end : e;
      }
      if (e >= 0) r.pos = e;
      else r.skip(wire, end);
    } else r.skip(wire, end);
  }
  out.dtype = dtype;
  const size = BYTES_PER_ELEMENT[dtype];
  if (size === undefined) return SCALAR_UNSUPPORTED_DTYPE;
  if (shapeStart >= 0 && !oneElement(r, shapeStart, shapeEnd)) return SCALAR_NOT_ONE_ELEMENT;
  if (contentStart >= 0) {
    if (contentEnd - contentStart !== size) return SCALAR_NOT_ONE_ELEMENT;
    out.value = fromContent(r, contentStart, dtype);
    return SCALAR_OK;
  }
  if (valueAt < 0 || valueField !== VALUE_FIELD[dtype]) return SCALAR_NO_VALUE;
  r.pos = valueAt;
  const value = readOne(r, valueField);
  if (r.pos > valueEnd) return SCALAR_NO_VALUE;
  out.value =
    valueField === 13 ? (dtype === DT_HALF ? halfToNumber(value) : bfloat16ToNumber(value)) : value;
  return SCALAR_OK;
}
