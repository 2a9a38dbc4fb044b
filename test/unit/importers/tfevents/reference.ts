/**
 * An independent, deliberately plain reading and writing of TensorBoard event files for tests:
 * a bit-by-bit CRC-32C, BigInt varints and a generic field list, nothing shared with the importer.
 * Expected values in the tests come from here or from the files' bytes, never from the importer.
 */

/** CRC-32C one bit at a time (the importer uses tables). */
export function bitwiseCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function refMask(crc: number): number {
  const rotated = ((crc >>> 15) | (crc << 17)) >>> 0;
  return (rotated + 0xa282ead8) % 2 ** 32;
}

export interface RefRecord {
  offset: number;
  data: Uint8Array;
}

/** Walks the framing by its lengths alone: the records, and how many bytes are left over. */
export function refRecords(bytes: Uint8Array): { records: RefRecord[]; leftover: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: RefRecord[] = [];
  let p = 0;
  while (p + 12 <= bytes.length) {
    const length = Number(view.getBigUint64(p, true));
    if (p + 16 + length > bytes.length) break;
    records.push({ offset: p, data: bytes.subarray(p + 12, p + 12 + length) });
    p += 16 + length;
  }
  return { records, leftover: bytes.length - p };
}

export interface RefField {
  field: number;
  wire: number;
  /** Varints as BigInt; everything else as its bytes. */
  value: bigint | Uint8Array;
}

function refVarint(bytes: Uint8Array, p: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = bytes[p++];
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) return [result, p];
  }
}

/** Every field of a message, in order. */
export function refFields(bytes: Uint8Array): RefField[] {
  const out: RefField[] = [];
  let p = 0;
  while (p < bytes.length) {
    const [key, after] = refVarint(bytes, p);
    p = after;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, q] = refVarint(bytes, p);
      out.push({ field, wire, value: v });
      p = q;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      out.push({ field, wire, value: bytes.subarray(p, p + n) });
      p += n;
    } else if (wire === 2) {
      const [len, q] = refVarint(bytes, p);
      out.push({ field, wire, value: bytes.subarray(q, q + Number(len)) });
      p = q + Number(len);
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

const bytesOf = (f: RefField | undefined) =>
  f && f.value instanceof Uint8Array ? f.value : undefined;
const f64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
const f32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);

export interface RefScalar {
  tag: string;
  step: number;
  value: number;
  wall: number;
}

/**
 * The scalars of an event file as TensorBoard defines them: `simple_value`s, and DT_FLOAT tensors
 * (`tensor_content`) of tags whose first value names the `scalars` plugin.
 */
export function refScalars(bytes: Uint8Array): RefScalar[] {
  const out: RefScalar[] = [];
  const pluginOf = new Map<string, string>();
  for (const { data } of refRecords(bytes).records) {
    const event = refFields(data);
    const wallBytes = bytesOf(event.find((f) => f.field === 1));
    const wall = wallBytes ? f64(wallBytes) : 0;
    const stepField = event.find((f) => f.field === 2);
    const step = stepField ? Number(BigInt.asIntN(64, stepField.value as bigint)) : 0;
    const summary = bytesOf(event.find((f) => f.field === 5));
    if (!summary) continue;
    for (const v of refFields(summary).filter((f) => f.field === 1)) {
      const value = refFields(v.value as Uint8Array);
      const tag = new TextDecoder().decode(bytesOf(value.find((f) => f.field === 1)));
      if (!pluginOf.has(tag)) {
        const meta = bytesOf(value.find((f) => f.field === 9));
        const pluginData = meta && bytesOf(refFields(meta).find((f) => f.field === 1));
        const name = pluginData && bytesOf(refFields(pluginData).find((f) => f.field === 1));
        pluginOf.set(tag, name ? new TextDecoder().decode(name) : '');
      }
      const simple = bytesOf(value.find((f) => f.field === 2));
      const tensor = bytesOf(value.find((f) => f.field === 8));
      if (simple) out.push({ tag, step, value: f32(simple), wall });
      else if (tensor && pluginOf.get(tag) === 'scalars') {
        const t = refFields(tensor);
        if (t.find((f) => f.field === 1)?.value !== 1n)
          throw new Error('reference reads DT_FLOAT only');
        const content = bytesOf(t.find((f) => f.field === 4));
        if (!content || content.length !== 4)
          throw new Error('reference reads tensor_content only');
        out.push({ tag, step, value: f32(content), wall });
      }
    }
  }
  return out;
}

/** The last value logged at each step of each tag, as `tag|step` → value. */
export function lastByStep(scalars: RefScalar[]): Map<string, number> {
  return new Map(scalars.map((s) => [`${s.tag}|${s.step}`, s.value]));
}

// Writing, for synthetic records.

export function varint(v: bigint | number): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);

export const pb = {
  varint: (field: number, v: bigint | number) => [...key(field, 0), ...varint(v)],
  bytes: (field: number, b: ArrayLike<number>) => [
    ...key(field, 2),
    ...varint(b.length),
    ...Array.from(b),
  ],
  string: (field: number, s: string) => pb.bytes(field, new TextEncoder().encode(s)),
  double: (field: number, x: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, true);
    return [...key(field, 1), ...b];
  },
  float: (field: number, x: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, x, true);
    return [...key(field, 5), ...b];
  },
};

/** One TFRecord around `data`, with both masked checksums. */
export function frame(data: ArrayLike<number>): Uint8Array {
  const d = Uint8Array.from(data);
  const out = new Uint8Array(16 + d.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(d.length), true);
  view.setUint32(8, refMask(bitwiseCrc32c(out.subarray(0, 8))), true);
  out.set(d, 12);
  view.setUint32(12 + d.length, refMask(bitwiseCrc32c(d)), true);
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** An `Event` with wall time, step (omitted when 0, as proto3 writers do) and one summary value. */
export function scalarEvent(wall: number, step: number, value: number[]): number[] {
  return [
    ...pb.double(1, wall),
    ...(step !== 0 ? pb.varint(2, step) : []),
    ...pb.bytes(5, pb.bytes(1, value)),
  ];
}

export const fileVersionEvent = (wall: number) => [
  ...pb.double(1, wall),
  ...pb.string(3, 'brain.Event:2'),
];
