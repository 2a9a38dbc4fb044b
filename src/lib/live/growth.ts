/**
 * How a watched file grows, and where its whole content ends. A file that trackers append to is
 * read again from where the last read stopped: text up to its last line break (a line still being
 * written waits), TFRecord-framed event files up to their last whole record.
 */

/** `lines`: text that grows by lines, each read with the file's header line when it has one. */
export type Growth =
  | { kind: 'lines'; header: boolean }
  | { kind: 'records' }
  /** Rewritten as a whole (a JSON document, a table of runs): read again whole when it changes. */
  | { kind: 'whole' };

const HEADERED = new Set(['delimited', 'lightning-csv', 'keras-csv', 'wandb-history']);

/**
 * How a file read by this importer grows. `head` is the file's first bytes as text, `metricFile`
 * whether the path is an MLflow run's `metrics/<key>` file.
 */
export function growthOf(importerId: string, name: string, head: string): Growth {
  if (importerId === 'tensorboard-events') return { kind: 'records' };
  if (HEADERED.has(importerId)) return { kind: 'lines', header: true };
  if (importerId === 'mlflow-store')
    return /(^|\/)metrics\/[^/]+$/.test(name)
      ? { kind: 'lines', header: false }
      : { kind: 'whole' };
  if (importerId === 'wandb-run-files')
    return /(^|\/)wandb-history\.jsonl$/.test(name)
      ? { kind: 'lines', header: false }
      : { kind: 'whole' };
  if (importerId === 'json-records' && firstLineIsObject(head))
    return { kind: 'lines', header: false };
  return { kind: 'whole' };
}

/** JSON Lines: the first line alone is a whole JSON object (a pretty-printed document's is not). */
function firstLineIsObject(head: string): boolean {
  const text = head.trimStart();
  const end = text.indexOf('\n');
  if (!text.startsWith('{') || end < 0) return false;
  try {
    const parsed: unknown = JSON.parse(text.slice(0, end));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

const LF = 0x0a;

/** The bytes of whole lines at the start of `bytes`: up to and with its last line break. */
export function wholeLinesEnd(bytes: Uint8Array): number {
  return bytes.lastIndexOf(LF) + 1;
}

/** How many line breaks `bytes` holds. */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

const RECORD_FRAME = 16;

/**
 * The bytes of whole TFRecord records at the start of `bytes` (8-byte length, 4-byte length
 * checksum, data, 4-byte data checksum), and how many there are; a record still being written waits.
 */
export function wholeRecordsEnd(bytes: Uint8Array): { end: number; records: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let records = 0;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at + 4, true) * 4294967296 + view.getUint32(at, true);
    if (at + RECORD_FRAME + length > bytes.length) break;
    at += RECORD_FRAME + length;
    records++;
  }
  return { end: at, records };
}

/**
 * What each read of the file is prefixed with so that the importer sees a file of its format:
 * the header line of a table, the first record (the file version) of an event file, or nothing.
 * `head`: the first bytes of the file. Null when the head holds no whole header yet.
 */
export function preambleEnd(growth: Growth, head: Uint8Array): number | null {
  if (growth.kind === 'records') {
    const first = wholeRecordsEnd(head);
    return first.records > 0 ? RECORD_FRAME + recordLength(head) : null;
  }
  if (growth.kind === 'lines' && growth.header) {
    const end = head.indexOf(LF);
    return end < 0 ? null : end + 1;
  }
  return 0;
}

function recordLength(head: Uint8Array): number {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return view.getUint32(4, true) * 4294967296 + view.getUint32(0, true);
}

/** Where the whole content of a file of this growth ends, in `bytes` (from the file's start or from a whole boundary). */
export function wholeEnd(growth: Growth, bytes: Uint8Array): { end: number; rows: number } {
  if (growth.kind === 'records') {
    const r = wholeRecordsEnd(bytes);
    return { end: r.end, rows: r.records };
  }
  if (growth.kind === 'lines') {
    const end = wholeLinesEnd(bytes);
    return { end, rows: countLines(bytes.subarray(0, end)) };
  }
  return { end: bytes.length, rows: 0 };
}
