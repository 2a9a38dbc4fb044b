/**
 * Hugging Face Trainer output dirs: `trainer_state.json` (in the dir or in its `checkpoint-N/`
 * folders) and the `*_results.json` files `save_metrics()` writes. See hf/trainer-state.ts for how
 * the states of one run combine.
 */

import { basename } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { readAllText } from './text/chunks';
import type { Importer } from './types';
import { JsonObjectError, parseJsonObject } from './hf/json-object';
import { readResults, RESULTS_FILE } from './hf/results';
import { hfRunFolder } from './hf/run-folder';
import { readTrainerState } from './hf/trainer-state';

function looksLikeTrainerState(text: string): boolean {
  return (
    text.trimStart().startsWith('{') &&
    text.includes('"log_history"') &&
    text.includes('"global_step"')
  );
}

export const hfTrainerImporter: Importer = {
  id: 'hf-trainer',
  sniff(probe) {
    if (probe.binary) return 0;
    const name = basename(probe.name);
    if (name === 'trainer_state.json') return 0.95;
    if (RESULTS_FILE.test(name)) return 0.9;
    return looksLikeTrainerState(probe.headText) ? 0.9 : 0;
  },
  async read(file, ctx) {
    const text = await readAllText(file.blob, ctx);
    const isResults = RESULTS_FILE.test(basename(file.name));
    ctx.report.format = isResults
      ? `Hugging Face Trainer ${basename(file.name)}`
      : 'Hugging Face Trainer state';
    let parsed;
    try {
      parsed = parseJsonObject(text);
    } catch (error) {
      if (error instanceof JsonObjectError) throw new UnreadableError(error.message);
      throw error;
    }
    const folder = hfRunFolder(file.name);
    if (isResults) readResults(parsed, folder, ctx);
    else readTrainerState(parsed, folder, ctx);
  },
};
