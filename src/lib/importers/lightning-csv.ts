/**
 * PyTorch Lightning's CSVLogger `…/version_N/metrics.csv`: `epoch`, `step` and one column per metric,
 * in sparse rows (train and validation rows share a step; `epoch` is empty on rows the
 * LearningRateMonitor wrote). Each non-empty cell is one point; the run is the folder.
 */

import { findColumn } from './columns';
import { csvTable, probeHeader } from './csv/csv-table';
import { basename, dirname, folderRunKey } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { readWideTable } from './shapes/wide';
import type { Importer } from './types';

const VERSION_DIR = /^version_\d+$/;

export const lightningCsvImporter: Importer = {
  id: 'lightning-csv',
  sniff(probe) {
    if (probe.binary || basename(probe.name) !== 'metrics.csv') return 0;
    const found = probeHeader(probe);
    if (!found) return 0;
    const columns = found.header.map((h) => h.trim());
    if (!columns.includes('step') || findColumn(columns, 'run') >= 0) return 0;
    if (columns.includes('epoch') || VERSION_DIR.test(basename(dirname(probe.name)))) return 0.9;
    return 0;
  },
  async read(file, ctx) {
    const table = csvTable(file, ctx.probe);
    if (!table) throw new UnreadableError('The file has no header row.');
    const step = table.columns.indexOf('step');
    if (step < 0)
      throw new UnreadableError(
        'The file has no "step" column, which Lightning\'s CSVLogger always writes.',
      );
    ctx.report.format = 'Lightning CSVLogger metrics.csv';
    const dir = dirname(file.name);
    const run = { key: folderRunKey(dir), name: dir || file.name };
    await readWideTable(
      table,
      { shape: 'wide', run: -1, step, epoch: table.columns.indexOf('epoch'), wall: -1 },
      run,
      ctx,
    );
  },
};
