/**
 * The `Event` message of TensorBoard event files, read in place:
 * `Event { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3;
 * bytes graph_def = 4; Summary summary = 5; LogMessage log_message = 6; SessionLog session_log = 7;
 * TaggedRunMetadata tagged_run_metadata = 8; bytes meta_graph_def = 9; } SourceMetadata source_metadata = 10; }`.
 * Missing fields take proto3's defaults: a Keras event at step 0 has no `step` field.
 */

import { WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireError, type WireReader } from './protobuf';

export const EVENT_FILE_VERSION = 3;
export const EVENT_GRAPH_DEF = 4;
export const EVENT_SUMMARY = 5;
export const EVENT_LOG_MESSAGE = 6;
export const EVENT_SESSION_LOG = 7;
export const EVENT_TAGGED_RUN_METADATA = 8;
export const EVENT_META_GRAPH_DEF = 9;

/** Where an event's parts are; reused from record to record. */
export interface EventFields {
  wall: number;
  /** Exact when it is a safe integer; otherwise the step did not fit. */
  step: number;
  /** The field number of the event's payload (`EVENT_SUMMARY`…), 0 when it has none. */
  what: number;
  whatStart: number;
  whatEnd: number;
}

export function newEventFields(): EventFields {
  return { wall: 0, step: 0, what: 0, whatStart: 0, whatEnd: 0 };
}

/** Reads the event in `r.buf[start, end)` into `out`. Throws `WireError` on malformed bytes. */
export function readEvent(r: WireReader, start: number, end: number, out: EventFields): void {
  out.wall = 0;
  out.step = 0;
  out.what = 0;
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 1 && wire === WIRE_FIXED64) out.wall = r.double();
    else if (field === 2 && wire === WIRE_VARINT) out.step = r.int64();
    else if (field >= 3 && field <= 9 && wire === WIRE_LEN) {
      out.whatEnd = r.lengthEnd(end);
      out.whatStart = r.pos;
      out.what = field;
      r.pos = out.whatEnd;
    } else r.skip(wire, end);
  }
  if (r.pos !== end) throw new WireError('the event runs past its record');
}
