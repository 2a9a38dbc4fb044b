/**
 * A whole DT_FLOAT `TensorProto` (see tensor.ts for its fields): its shape and its values, from
 * `tensor_content` (little-endian float32) or `float_val` (packed or not).
 */

import { WIRE_FIXED32, WIRE_LEN, WIRE_VARINT, type WireReader } from './protobuf';
import { DT_FLOAT } from './tensor';

export interface FloatTensor {
  shape: number[];
  values: Float32Array;
}

function readShape(r: WireReader, start: number, end: number): number[] {
  const dims: number[] = [];
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
      dims.push(size);
    } else r.skip(key & 7, end);
  }
  return dims;
}

/** The float tensor in `r.buf[start, end)`, or null when it is not DT_FLOAT or its size disagrees with its shape. */
export function readFloatTensor(r: WireReader, start: number, end: number): FloatTensor | null {
  let dtype = 0;
  let shape: number[] = [];
  let content: Float32Array | null = null;
  const listed: number[] = [];
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === WIRE_VARINT) dtype = r.uint32();
    else if (field === 2 && wire === WIRE_LEN) {
      const e = r.lengthEnd(end);
      shape = readShape(r, r.pos, e);
      r.pos = e;
    } else if (field === 4 && wire === WIRE_LEN) {
      const e = r.lengthEnd(end);
      const out = new Float32Array((e - r.pos) >> 2);
      for (let i = 0; i < out.length; i++) out[i] = r.view.getFloat32(r.pos + 4 * i, true);
      content = out;
      r.pos = e;
    } else if (field === 5 && wire === WIRE_LEN) {
      const e = r.lengthEnd(end);
      while (r.pos < e) listed.push(r.float());
    } else if (field === 5 && wire === WIRE_FIXED32) listed.push(r.float());
    else r.skip(wire, end);
  }
  if (dtype !== DT_FLOAT) return null;
  const values = content ?? Float32Array.from(listed);
  const size = shape.reduce((a, b) => a * b, 1);
  return values.length === size ? { shape, values } : null;
}
