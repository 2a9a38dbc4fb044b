/**
 * Debug samples inside summary values, found in place (their bytes are never copied):
 * `Image { int32 height = 1; int32 width = 2; int32 colorspace = 3; bytes encoded_image_string = 4; }`,
 * `Audio { float sample_rate = 1; int64 num_channels = 2; int64 length_frames = 3;
 * bytes encoded_audio_string = 4; string content_type = 5; }`, and the tensor form of the
 * `images` plugin (`string_val`: width, height, then one encoded image each), `audio` (pairs of
 * encoded audio and label) and `text` (one string each) — `TensorProto.string_val` is field 8.
 */

import { utf8, WIRE_LEN, type WireReader } from './protobuf';

export type EventSampleKind = 'image' | 'audio' | 'text';

/** One sample's bytes, `buf[start, end)`; `index` tells the samples of one value apart. */
export interface ValueSample {
  kind: EventSampleKind;
  mime: string;
  start: number;
  end: number;
  index: number;
}

/** The ranges of a message's `field` (length-delimited), in order. */
function lengthFields(
  r: WireReader,
  start: number,
  end: number,
  field: number,
): [number, number][] {
  const out: [number, number][] = [];
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    if (key === ((field << 3) | WIRE_LEN)) {
      const e = r.lengthEnd(end);
      out.push([r.pos, e]);
      r.pos = e;
    } else r.skip(key & 7, end);
  }
  return out;
}

/** The image type its first bytes say, else PNG (what TensorBoard writers encode). */
export function imageMime(buf: Uint8Array, start: number): string {
  if (buf[start] === 0xff && buf[start + 1] === 0xd8) return 'image/jpeg';
  if (buf[start] === 0x47 && buf[start + 1] === 0x49 && buf[start + 2] === 0x46) return 'image/gif';
  if (buf[start] === 0x52 && buf[start + 8] === 0x57 && buf[start + 9] === 0x45)
    return 'image/webp';
  return 'image/png';
}

/** `Summary.Value.image` in `buf[start, end)`. */
export function imageValue(r: WireReader, start: number, end: number): ValueSample[] {
  return lengthFields(r, start, end, 4).map(([s, e]) => ({
    kind: 'image',
    mime: imageMime(r.buf, s),
    start: s,
    end: e,
    index: 0,
  }));
}

/** `Summary.Value.audio` in `buf[start, end)`. */
export function audioValue(r: WireReader, start: number, end: number): ValueSample[] {
  const type = lengthFields(r, start, end, 5)[0];
  const mime = type ? utf8(r.buf, type[0], type[1]) || 'audio/wav' : 'audio/wav';
  return lengthFields(r, start, end, 4).map(([s, e]) => ({
    kind: 'audio',
    mime,
    start: s,
    end: e,
    index: 0,
  }));
}

/** A plugin tensor in `buf[start, end)` of the `images`, `audio` or `text` plugin. */
export function pluginTensor(
  r: WireReader,
  plugin: string,
  start: number,
  end: number,
): ValueSample[] {
  const strings = lengthFields(r, start, end, 8);
  if (plugin === 'images')
    return strings.slice(2).map(([s, e], i) => ({
      kind: 'image',
      mime: imageMime(r.buf, s),
      start: s,
      end: e,
      index: i,
    }));
  if (plugin === 'audio')
    return strings
      .filter((_, i) => i % 2 === 0)
      .map(([s, e], i) => ({ kind: 'audio', mime: 'audio/wav', start: s, end: e, index: i }));
  if (plugin === 'text')
    return strings.map(([s, e], i) => ({
      kind: 'text',
      mime: 'text/plain;charset=utf-8',
      start: s,
      end: e,
      index: i,
    }));
  return [];
}
