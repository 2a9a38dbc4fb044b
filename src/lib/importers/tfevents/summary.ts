/**
 * `Summary { repeated Value value = 1; }` and its `Value { string tag = 1; SummaryMetadata metadata = 9;
 * oneof value { float simple_value = 2; bytes obsolete_old_style_histogram = 3; Image image = 4;
 * HistogramProto histo = 5; Audio audio = 6; TensorProto tensor = 8; } }`, read in place.
 */

import { WIRE_FIXED32, WIRE_LEN, WireError, type WireReader } from './protobuf';

export const VALUE_NONE = 0;
export const VALUE_SIMPLE = 2;
export const VALUE_OLD_HISTOGRAM = 3;
export const VALUE_IMAGE = 4;
export const VALUE_HISTOGRAM = 5;
export const VALUE_AUDIO = 6;
export const VALUE_TENSOR = 8;

/** Where a value's parts are; reused from value to value. `-1` starts mean "absent". */
export interface ValueFields {
  tagStart: number;
  tagEnd: number;
  /** Which of the `value` oneof it holds (`VALUE_SIMPLE`…). */
  kind: number;
  simple: number;
  metaStart: number;
  metaEnd: number;
  /** For the oneof fields held as bytes (tensor, image…). */
  dataStart: number;
  dataEnd: number;
}

export function newValueFields(): ValueFields {
  return {
    tagStart: 0,
    tagEnd: 0,
    kind: 0,
    simple: 0,
    metaStart: -1,
    metaEnd: -1,
    dataStart: -1,
    dataEnd: -1,
  };
}

/**
 * Moves `r` to the next `value` of the Summary that ends at `end` and returns where that value
 * ends, or -1 when there are no more. Other Summary fields are skipped.
 */
export function nextSummaryValue(r: WireReader, end: number): number {
  while (r.pos < end) {
    const key = r.uint32();
    if (key === ((1 << 3) | WIRE_LEN)) return r.lengthEnd(end);
    r.skip(key & 7, end);
  }
  return -1;
}

/** Reads the value in `r.buf[r.pos, end)` into `out`. */
export function readValue(r: WireReader, end: number, out: ValueFields): void {
  out.tagStart = out.tagEnd = r.pos;
  out.kind = VALUE_NONE;
  out.metaStart = out.metaEnd = -1;
  out.dataStart = out.dataEnd = -1;
  while (r.pos < end) {
    const key = r.uint32();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === WIRE_LEN) {
      out.tagEnd = r.lengthEnd(end);
      out.tagStart = r.pos;
      r.pos = out.tagEnd;
    } else if (field === 2 && wire === WIRE_FIXED32) {
      out.simple = r.float();
      out.kind = VALUE_SIMPLE;
    } else if (field === 9 && wire === WIRE_LEN) {
      out.metaEnd = r.lengthEnd(end);
      out.metaStart = r.pos;
      r.pos = out.metaEnd;
    } else if (field >= 3 && field <= 8 && field !== 7 && wire === WIRE_LEN) {
      out.dataEnd = r.lengthEnd(end);
      out.dataStart = r.pos;
      out.kind = field;
      r.pos = out.dataEnd;
    } else r.skip(wire, end);
  }
  if (r.pos !== end) throw new WireError('a summary value runs past its summary');
}
