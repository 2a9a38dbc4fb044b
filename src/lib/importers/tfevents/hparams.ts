/**
 * Hyperparameters from the hparams plugin: the content of a `_hparams_/session_start_info` summary
 * is `HParamsPluginData { oneof data { Experiment experiment = 2; SessionStartInfo session_start_info = 3;
 * SessionEndInfo session_end_info = 4; } }`, and `SessionStartInfo { map<string, google.protobuf.Value>
 * hparams = 1; … }`. Written by Lightning's TensorBoardLogger, torch's `add_hparams` and Keras' hparams API.
 */

import type { ScalarValue } from '../types';
import { utf8, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, type WireReader } from './protobuf';

export interface SessionHparams {
  values: [string, ScalarValue][];
  /** Names of hyperparameters whose value is a struct or a list, which are not read. */
  nested: string[];
}

/** `google.protobuf.Value` as a scalar: `undefined` for a struct or list. */
function readProtoValue(r: WireReader, end: number): ScalarValue | undefined {
  let value: ScalarValue | undefined = null;
  while (r.pos < end) {
    const key = r.uint32();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === WIRE_VARINT) {
      r.uint32();
      value = null;
    } else if (field === 2 && wire === WIRE_FIXED64) value = r.double();
    else if (field === 3 && wire === WIRE_LEN) {
      const e = r.lengthEnd(end);
      value = utf8(r.buf, r.pos, e);
      r.pos = e;
    } else if (field === 4 && wire === WIRE_VARINT) value = r.uint32() !== 0;
    else {
      if (field === 5 || field === 6) value = undefined;
      r.skip(wire, end);
    }
  }
  return value;
}

/** The hyperparameters in plugin content `r.buf[start, end)`, or `null` when it is not a session start. */
export function readSessionHparams(
  r: WireReader,
  start: number,
  end: number,
): SessionHparams | null {
  r.pos = start;
  let found: SessionHparams | null = null;
  while (r.pos < end) {
    const key = r.uint32();
    if (key !== ((3 << 3) | WIRE_LEN)) {
      r.skip(key & 7, end);
      continue;
    }
    const infoEnd = r.lengthEnd(end);
    found = { values: [], nested: [] };
    while (r.pos < infoEnd) {
      const k = r.uint32();
      if (k !== ((1 << 3) | WIRE_LEN)) {
        r.skip(k & 7, infoEnd);
        continue;
      }
      const entryEnd = r.lengthEnd(infoEnd);
      let name = '';
      let value: ScalarValue | undefined = null;
      while (r.pos < entryEnd) {
        const ek = r.uint32();
        if (ek === ((1 << 3) | WIRE_LEN) || ek === ((2 << 3) | WIRE_LEN)) {
          const e = r.lengthEnd(entryEnd);
          if (ek >>> 3 === 1) name = utf8(r.buf, r.pos, e);
          else value = readProtoValue(r, e);
          r.pos = e;
        } else r.skip(ek & 7, entryEnd);
      }
      if (value === undefined) found.nested.push(name);
      else found.values.push([name, value]);
    }
  }
  return found;
}
