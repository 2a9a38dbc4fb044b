/** Parquet tables (long, wide, or a table of runs), read in JavaScript: duckdb-wasm has no Parquet extension offline. */

import { parquetTable } from './parquet/parquet-table';
import { readTableByShape, UnreadableError } from './shapes/read-shape';
import { readAllBytes } from './text/chunks';
import type { Importer } from './types';

const MAGIC = [0x50, 0x41, 0x52, 0x31];

export const parquetImporter: Importer = {
  id: 'parquet',
  binary: true,
  sniff(probe) {
    return MAGIC.every((b, i) => probe.raw[i] === b) ? 0.9 : 0;
  },
  async read(file, ctx) {
    const bytes = await readAllBytes(file.blob, ctx);
    const tail = bytes.subarray(bytes.length - 4);
    if (bytes.length < 12 || !MAGIC.every((b, i) => tail[i] === b)) {
      throw new UnreadableError(
        'The Parquet file is cut short: it has no footer (PAR1 at the end).',
      );
    }
    let table;
    try {
      table = parquetTable(bytes.buffer as ArrayBuffer);
    } catch (error) {
      throw new UnreadableError(`The Parquet footer cannot be read: ${(error as Error).message}`);
    }
    ctx.report.rowUnit = 'record';
    await readTableByShape(table, file, ctx);
  },
};
