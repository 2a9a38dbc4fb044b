import { describe, expect, it } from 'vitest';
import {
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  WireError,
  WireReader,
} from '../../../../src/lib/importers/tfevents/protobuf';
import { varint } from './reference';

const reader = (bytes: number[]) => new WireReader(Uint8Array.from(bytes));

describe('WireReader varints', () => {
  it('reads one- to five-byte varints as uint32', () => {
    expect(reader([0x00]).uint32()).toBe(0);
    expect(reader([0x7f]).uint32()).toBe(127);
    expect(reader([0x80, 0x01]).uint32()).toBe(128);
    expect(reader([0xac, 0x02]).uint32()).toBe(300);
    expect(reader(varint(2 ** 31 - 1)).uint32()).toBe(2 ** 31 - 1);
    expect(reader(varint(2 ** 32 - 1)).uint32()).toBe(2 ** 32 - 1);
  });

  it('moves the cursor past the varint', () => {
    const r = reader([0xac, 0x02, 0x05]);
    r.uint32();
    expect(r.pos).toBe(2);
    expect(r.uint32()).toBe(5);
  });

  it('keeps the low 32 bits of a negative int32, which writers sign-extend to ten bytes', () => {
    const r = reader(varint(-2n));
    expect(r.buf.length).toBe(10);
    expect(r.uint32() | 0).toBe(-2);
    expect(r.pos).toBe(10);
  });

  it('accepts a non-minimal varint', () => {
    expect(reader([0x80, 0x00]).uint32()).toBe(0);
    expect(reader([0x81, 0x80, 0x00]).int64()).toBe(1);
  });

  it('reads int64 exactly up to 2^53 - 1, and negative values from their ten bytes', () => {
    for (const v of [
      0,
      1,
      127,
      128,
      16383,
      16384,
      2 ** 21,
      2 ** 28 - 1,
      2 ** 28,
      2 ** 32,
      2 ** 35 + 7,
      Number.MAX_SAFE_INTEGER,
    ]) {
      expect(reader(varint(v)).int64()).toBe(v);
    }
    expect(reader(varint(-1)).int64()).toBe(-1);
    expect(reader(varint(-(2 ** 40) - 3)).int64()).toBe(-(2 ** 40) - 3);
    expect(reader(varint(Number.MIN_SAFE_INTEGER)).int64()).toBe(Number.MIN_SAFE_INTEGER);
  });

  it('returns an unsafe number for int64 values beyond 2^53, so callers can refuse them', () => {
    expect(Number.isSafeInteger(reader(varint(2n ** 53n + 1n)).int64())).toBe(false);
    expect(Number.isSafeInteger(reader(varint(2n ** 63n - 1n)).int64())).toBe(false);
    expect(Number.isSafeInteger(reader(varint(-(2n ** 63n))).int64())).toBe(false);
  });

  it('throws on a varint longer than ten bytes', () => {
    const eleven = [...Array(10).fill(0xff), 0x01];
    expect(() => reader(eleven).uint32()).toThrow(WireError);
    expect(() => reader(eleven).int64()).toThrow(WireError);
  });
});

describe('WireReader fields', () => {
  it('reads little-endian doubles and floats', () => {
    const b = new Uint8Array(12);
    new DataView(b.buffer).setFloat64(0, 1716735746.7753923, true);
    new DataView(b.buffer).setFloat32(8, 0.1, true);
    const r = new WireReader(b);
    expect(r.double()).toBe(1716735746.7753923);
    expect(r.float()).toBe(Math.fround(0.1));
  });

  it('finds where a length-delimited field ends, and refuses one running past its message', () => {
    const r = reader([0x03, 1, 2, 3, 9]);
    expect(r.lengthEnd(5)).toBe(4);
    expect(r.pos).toBe(1);
    expect(() => reader([0x05, 1, 2]).lengthEnd(3)).toThrow(WireError);
  });

  it('skips each wire type', () => {
    const r = reader([0x96, 0x01, ...Array(8).fill(0), 0x02, 7, 7, ...Array(4).fill(0), 0x2a]);
    r.skip(WIRE_VARINT, 100);
    expect(r.pos).toBe(2);
    r.skip(WIRE_FIXED64, 100);
    expect(r.pos).toBe(10);
    r.skip(WIRE_LEN, 100);
    expect(r.pos).toBe(13);
    r.skip(WIRE_FIXED32, 100);
    expect(r.pos).toBe(17);
    expect(r.uint32()).toBe(42);
  });

  it('refuses groups (wire types 3 and 4) and a skip past the limit', () => {
    expect(() => reader([0]).skip(3, 1)).toThrow(WireError);
    expect(() => reader([0]).skip(WIRE_FIXED64, 1)).toThrow(WireError);
  });
});
