/**
 * A minimal reader of the protobuf wire format over a byte array: varints, fixed-width numbers and
 * length-delimited fields, with a cursor the caller moves. It builds no objects, so decoding a
 * record costs no allocation; messages are read by their callers field by field.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** The bytes do not follow the wire format (a varint too long, a field running past its message). */
export class WireError extends Error {}

const TWO_32 = 4294967296;

export class WireReader {
  buf: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(buf: Uint8Array = new Uint8Array(0)) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Points the reader at other bytes. */
  reset(buf: Uint8Array, pos = 0): void {
    if (buf !== this.buf) {
      this.buf = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    this.pos = pos;
  }

  /** A varint's low 32 bits, unsigned: field keys, lengths, enums, int32 fields. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++];
    let v = b & 127;
    if (b < 128) {
      this.pos = pos;
      return v;
    }
    b = buf[pos++];
    v |= (b & 127) << 7;
    if (b < 128) {
      this.pos = pos;
      return v;
    }
    b = buf[pos++];
    v |= (b & 127) << 14;
    if (b < 128) {
      this.pos = pos;
      return v;
    }
    b = buf[pos++];
    v |= (b & 127) << 21;
    if (b < 128) {
      this.pos = pos;
      return v;
    }
    b = buf[pos++];
    v |= (b & 15) << 28;
    // Bytes past the fifth carry bits above 32 (a negative int32 is sign-extended to ten bytes).
    for (let i = 0; b >= 128; i++) {
      if (i === 5) throw new WireError('a varint longer than ten bytes');
      b = buf[pos++];
    }
    this.pos = pos;
    return v >>> 0;
  }

  /**
   * A varint as a signed 64-bit integer (int64). Exact whenever the value is a safe integer;
   * beyond that it is approximate, which `Number.isSafeInteger` tells the caller.
   */
  int64(): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++];
    if (b < 128) {
      this.pos = pos;
      return b;
    }
    let lo = b & 127;
    for (let shift = 7; shift < 28; shift += 7) {
      b = buf[pos++];
      lo |= (b & 127) << shift;
      if (b < 128) {
        this.pos = pos;
        return lo;
      }
    }
    b = buf[pos++];
    lo |= (b & 15) << 28;
    let hi = (b & 127) >> 4;
    for (let shift = 3; b >= 128; shift += 7) {
      if (shift > 31) throw new WireError('a varint longer than ten bytes');
      b = buf[pos++];
      hi |= (b & 127) << shift;
    }
    this.pos = pos;
    return (hi | 0) * TWO_32 + (lo >>> 0);
  }

  double(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  fixed32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Reads a length prefix and returns where the field ends; the cursor is left at its start. */
  lengthEnd(limit: number): number {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > limit) throw new WireError('a field runs past the end of its message');
    return end;
  }

  /** Skips a field's value of the given wire type. */
  skip(wire: number, limit: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.uint32();
        break;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.pos = this.lengthEnd(limit);
        break;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new WireError(`wire type ${wire} is not supported`);
    }
    if (this.pos > limit) throw new WireError('a field runs past the end of its message');
  }
}

/** The text of `buf[start, end)` as UTF-8. */
export function utf8(buf: Uint8Array, start: number, end: number): string {
  return decoder.decode(buf.subarray(start, end));
}

const decoder = new TextDecoder();
