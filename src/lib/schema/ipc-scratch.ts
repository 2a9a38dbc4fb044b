/**
 * Arrow IPC stream bytes of a table, written into one buffer that is reused from call to call.
 * `tableToIPC` joins the writer's pieces into a new array each time: for the metrics batches of a
 * 538 MB TensorBoard logdir that was 0.4 s of first-touch copying and most of the engine worker's
 * garbage (traced in headless Chromium). The bytes returned are valid until the next call, which is
 * enough for an insert (duckdb-wasm copies them into its heap).
 */

import { RecordBatchStreamWriter, type Table } from 'apache-arrow';

let scratch = new Uint8Array(0);
let size = 0;

/** Arrow's stream writer with its output copied into `scratch` instead of queued. */
class ScratchWriter extends RecordBatchStreamWriter {
  protected override _write(chunk: ArrayBufferView): this {
    if (!this._started) return this;
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (size + bytes.length > scratch.length) {
      const grown = new Uint8Array(Math.max(2 * scratch.length, size + bytes.length, 1 << 20));
      grown.set(scratch.subarray(0, size));
      scratch = grown;
    }
    scratch.set(bytes, size);
    size += bytes.length;
    this._position += bytes.length;
    return this;
  }
}

/** The same bytes as `tableToIPC(table, 'stream')`, in the shared buffer. */
export function tableToScratchIPC(table: Table): Uint8Array {
  size = 0;
  const writer = new ScratchWriter();
  writer.reset(undefined, table.schema);
  for (const batch of table.batches) writer.write(batch);
  writer.finish();
  return scratch.subarray(0, size);
}
