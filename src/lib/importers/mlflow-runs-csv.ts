/**
 * MLflow's runs tables: `search_runs().to_csv()` (prefixed `metrics.`/`params.`/`tags.` columns)
 * and the UI's "Download CSV" (bare names). One row per run, keyed `mlflow:<run id>`, so they merge
 * with the same runs read from an `mlruns/` store.
 */

import { csvTable, probeHeader } from './csv/csv-table';
import { isSearchRunsHeader, readSearchRunsTable } from './mlflow/search-runs-table';
import { isUiRunsHeader, readUiRunsTable } from './mlflow/ui-runs-table';
import { UnreadableError } from './shapes/read-shape';
import type { Importer } from './types';

export const mlflowRunsCsvImporter: Importer = {
  id: 'mlflow-runs-csv',
  sniff(probe) {
    // Both headers name the run id; most files do not, and leave before the header is tokenized.
    if (probe.binary || !(probe.headText.includes('run_id') || probe.headText.includes('Run ID')))
      return 0;
    const found = probeHeader(probe);
    if (!found) return 0;
    if (isUiRunsHeader(found.header)) return 0.95;
    if (isSearchRunsHeader(found.header)) return 0.9;
    return 0;
  },
  async read(file, ctx) {
    const found = probeHeader(ctx.probe);
    const table = csvTable(file, ctx.probe);
    if (!found || !table) throw new UnreadableError('The file has no header row.');
    if (isUiRunsHeader(found.header)) await readUiRunsTable(table, found.header, ctx);
    else await readSearchRunsTable(table, ctx);
  },
};
