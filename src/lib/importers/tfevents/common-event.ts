/**
 * The shape nearly every record of a big event file has, matched byte by byte instead of decoded
 * field by field: wall time, a step under 2^21, and a summary of one value of a tag already
 * classified, either a `simple_value` or a rank-0 DT_FLOAT tensor in `tensor_content` without
 * metadata (torch/Lightning and TF2/Keras write these). Anything else is left to the general
 * decoder; on 10 M scalars this halved the decoding time.
 */

import type { WireReader } from './protobuf';
import { TAG_SCALARS, type TagTable } from './tags';

export interface CommonEvent {
  tag: number;
  step: number;
  value: number;
  /** 0 when the event has none. */
  wall: number;
}

export function newCommonEvent(): CommonEvent {
  return { tag: 0, step: 0, value: 0, wall: 0 };
}

/** Reads the record in `r.buf[start, end)` into `out` when it has the common shape; else returns false. */
export function readCommonEvent(
  r: WireReader,
  start: number,
  end: number,
  tags: TagTable,
  out: CommonEvent,
): boolean {
  const buf = r.buf;
  let p = start;
  // The smallest event of this shape: wall time (9), three keys and lengths (6), a simple value (5).
  if (end - start < 20 || buf[p] !== 0x09) return false;
  const wall = r.view.getFloat64(p + 1, true);
  p += 9;
  let step = 0;
  if (buf[p] === 0x10) {
    const b1 = buf[p + 1];
    if (b1 < 128) {
      step = b1;
      p += 2;
    } else {
      const b2 = buf[p + 2];
      if (b2 < 128) {
        step = (b1 & 127) | (b2 << 7);
        p += 3;
      } else {
        const b3 = buf[p + 3];
        if (b3 >= 128) return false;
        step = (b1 & 127) | ((b2 & 127) << 7) | (b3 << 14);
        p += 4;
      }
    }
  }
  // The summary, then its one value, each with a one-byte length ending exactly at the record's end.
  if (
    buf[p] !== 0x2a ||
    p + 2 + buf[p + 1] !== end ||
    buf[p + 2] !== 0x0a ||
    p + 4 + buf[p + 3] !== end
  )
    return false;
  p += 4;
  if (buf[p] !== 0x0a) return false;
  const tagStart = p + 2;
  const tagEnd = tagStart + buf[p + 1];
  if (tagEnd >= end) return false;
  const tag = tags.intern(buf, tagStart, tagEnd);
  const kind = tags.kinds[tag];
  if (kind === undefined) return false;
  p = tagEnd;
  if (buf[p] === 0x15 && p + 5 === end) out.value = r.view.getFloat32(p + 1, true);
  else if (
    kind === TAG_SCALARS &&
    p + 12 === end &&
    buf[p] === 0x42 && // tensor, 10 bytes:
    buf[p + 1] === 10 &&
    buf[p + 2] === 0x08 && // dtype
    buf[p + 3] === 0x01 && // DT_FLOAT
    buf[p + 4] === 0x12 && // tensor_shape
    buf[p + 5] === 0x00 && // empty: rank 0
    buf[p + 6] === 0x22 && // tensor_content
    buf[p + 7] === 0x04
  ) {
    out.value = r.view.getFloat32(p + 8, true);
  } else return false;
  out.tag = tag;
  out.step = step;
  out.wall = wall;
  return true;
}
