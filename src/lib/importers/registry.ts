/** Every importer Lockstep knows; adding a format is adding one file and one line here. */

import { delimitedImporter } from './delimited';
import { jsonRecordsImporter } from './json-records';
import { parquetImporter } from './parquet';
import type { Importer, Probe } from './types';

export const IMPORTERS: readonly Importer[] = [
  jsonRecordsImporter,
  delimitedImporter,
  parquetImporter,
];

/** The importer most sure the file is its own, or `null`. */
export function pickImporter(probe: Probe, importers: readonly Importer[] = IMPORTERS): Importer | null {
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
