/**
 * `SummaryMetadata { PluginData plugin_data = 1; string display_name = 2; string summary_description = 3;
 * DataClass data_class = 4; }` with `PluginData { string plugin_name = 1; bytes content = 2; }`:
 * which TensorBoard plugin a tag belongs to, and the plugin's own bytes.
 */

import { utf8, WIRE_LEN, WIRE_VARINT, type WireReader } from './protobuf';

/** `DataClass.DATA_CLASS_SCALAR`: newer writers mark scalar tags with it besides the plugin name. */
export const DATA_CLASS_SCALAR = 1;

export interface SummaryMetadata {
  /** '' when the metadata names no plugin. */
  plugin: string;
  dataClass: number;
  /** The plugin's content bytes, `-1` when absent. */
  contentStart: number;
  contentEnd: number;
}

/** Reads the metadata in `r.buf[start, end)`. */
export function readMetadata(r: WireReader, start: number, end: number): SummaryMetadata {
  const out: SummaryMetadata = { plugin: '', dataClass: 0, contentStart: -1, contentEnd: -1 };
  r.pos = start;
  while (r.pos < end) {
    const key = r.uint32();
    if (key === ((1 << 3) | WIRE_LEN)) {
      const pluginEnd = r.lengthEnd(end);
      while (r.pos < pluginEnd) {
        const k = r.uint32();
        if (k === ((1 << 3) | WIRE_LEN) || k === ((2 << 3) | WIRE_LEN)) {
          const e = r.lengthEnd(pluginEnd);
          if (k >>> 3 === 1) out.plugin = utf8(r.buf, r.pos, e);
          else {
            out.contentStart = r.pos;
            out.contentEnd = e;
          }
          r.pos = e;
        } else r.skip(k & 7, pluginEnd);
      }
    } else if (key === ((4 << 3) | WIRE_VARINT)) out.dataClass = r.uint32();
    else r.skip(key & 7, end);
  }
  return out;
}
