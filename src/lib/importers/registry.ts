/** Every importer Lockstep knows; adding a format is adding one file and one line here. */

import { delimitedImporter } from './delimited';
import { hfTrainerImporter } from './hf-trainer';
import { hparamsYamlImporter } from './hparams-yaml';
import { jsonRecordsImporter } from './json-records';
import { kerasCsvImporter } from './keras-csv';
import { lightningCsvImporter } from './lightning-csv';
import { mlflowRunsCsvImporter } from './mlflow-runs-csv';
import { mlflowStoreImporter } from './mlflow-store';
import { parquetImporter } from './parquet';
import { predictionsImporter } from './predictions';
import { sacredImporter } from './sacred';
import { tensorboardDownloadImporter } from './tensorboard-download';
import { tensorboardEventsImporter } from './tensorboard-events';
import { wandbHistoryImporter } from './wandb-history';
import { wandbLinePlotImporter } from './wandb-lineplot';
import { wandbRunFilesImporter } from './wandb-run-files';
import { wandbRunsTableImporter } from './wandb-runs-table';
import { wandbTableImporter } from './wandb-table';
import type { Importer, Probe } from './types';

export const IMPORTERS: readonly Importer[] = [
  jsonRecordsImporter,
  delimitedImporter,
  parquetImporter,
  predictionsImporter,
  mlflowRunsCsvImporter,
  mlflowStoreImporter,
  lightningCsvImporter,
  hparamsYamlImporter,
  kerasCsvImporter,
  hfTrainerImporter,
  sacredImporter,
  tensorboardDownloadImporter,
  tensorboardEventsImporter,
  wandbHistoryImporter,
  wandbLinePlotImporter,
  wandbRunFilesImporter,
  wandbRunsTableImporter,
  wandbTableImporter,
];

/**
 * The importer most sure the file is its own, or `null`. A file whose path one importer alone
 * claims goes to it if it accepts the content: a dropped store of thousands of small files is
 * not sniffed by every other format.
 */
export function pickImporter(
  probe: Probe,
  importers: readonly Importer[] = IMPORTERS,
): Importer | null {
  const claimed = importers.filter((i) => i.claims?.(probe.name));
  if (claimed.length === 1 && claimed[0].sniff(probe) > 0) return claimed[0];
  let best: Importer | null = null;
  let bestScore = 0;
  for (const importer of importers) {
    const score = importer.sniff(probe);
    if (score > bestScore) {
      best = importer;
      bestScore = score;
    }
  }
  return best;
}
