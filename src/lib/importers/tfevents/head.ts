/** Whether a file's first bytes are a TensorBoard event file, and if not, why not. */

import { newEventFields, readEvent, EVENT_FILE_VERSION } from './event';
import { utf8, WireError, WireReader } from './protobuf';
import { checkFirstRecord, firstRecordData } from './tfrecord';

export type Head = { valid: true; fileVersion: string | null } | { valid: false; problem: string };

/** Checks the first record's framing and checksums, and reads its `file_version` when it has one. */
export function describeHead(raw: Uint8Array): Head {
  const first = checkFirstRecord(raw);
  if (first === 'short') {
    return {
      valid: false,
      problem: `The file is too short to be a TensorBoard event file: ${raw.length} bytes, while a record takes at least 16.`,
    };
  }
  if (first === 'invalid') {
    return {
      valid: false,
      problem:
        'This is not a TensorBoard event file: its first bytes are not a TFRecord (the checksum of the first record does not match).',
    };
  }
  const data = firstRecordData(raw);
  if (!data) return { valid: true, fileVersion: null };
  const r = new WireReader(data);
  const e = newEventFields();
  try {
    readEvent(r, 0, data.length, e);
  } catch (error) {
    if (error instanceof WireError || error instanceof RangeError)
      return { valid: true, fileVersion: null };
    throw error;
  }
  return {
    valid: true,
    fileVersion: e.what === EVENT_FILE_VERSION ? utf8(data, e.whatStart, e.whatEnd) : null,
  };
}
