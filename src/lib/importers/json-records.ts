/** Plain JSON arrays of records and JSON Lines, long or wide or a table of runs. */

import { JsonShapeError, recordsTable } from './json/records-table';
import { readTableByShape, UnreadableError } from './shapes/read-shape';
import { readAllText } from './text/chunks';
import type { Importer } from './types';

export const jsonRecordsImporter: Importer = {
  id: 'json-records',
  sniff(probe) {
    if (probe.binary) return 0;
    const text = probe.headText.trimStart();
    if (text.startsWith('[')) return 0.5;
    if (text.startsWith('{')) return 0.4;
    return 0;
  },
  async read(file, ctx) {
    const text = await readAllText(file.blob, ctx);
    let parsed;
    try {
      parsed = recordsTable(text, (line, reason) => ctx.report.reject(line, reason));
    } catch (error) {
      if (error instanceof JsonShapeError) throw new UnreadableError(error.message);
      throw error;
    }
    if (parsed.table.kind === 'JSON') ctx.report.rowUnit = 'record';
    for (const note of parsed.notes) ctx.report.warn(note);
    await readTableByShape(parsed.table, file, ctx);
  },
};
