/** Plain CSV/TSV tables, long or wide or a table of runs, told apart by their header. */

import { csvTable, probeHeader } from './csv/csv-table';
import { readTableByShape, UnreadableError } from './shapes/read-shape';
import type { Importer } from './types';

export const delimitedImporter: Importer = {
  id: 'delimited',
  sniff(probe) {
    if (probe.binary) return 0;
    const text = probe.headText.trimStart();
    if (text.startsWith('{') || text.startsWith('[')) return 0;
    const found = probeHeader(probe);
    if (!found || found.header.length < 2) return found ? 0.1 : 0;
    return 0.5;
  },
  async read(file, ctx) {
    const probe = ctx.probe;
    const table = csvTable(file, probe);
    if (!table) throw new UnreadableError('The file has no header row.');
    await readTableByShape(table, file, ctx);
  },
};
