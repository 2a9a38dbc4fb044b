/**
 * `all_results.json`, `train_results.json`, `eval_results.json`, `test_results.json`,
 * `predict_results.json`: what `Trainer.save_metrics()` writes to the output dir, one flat object of
 * final values (`train_runtime`, `eval_loss`, `epoch`…), each a summary of the run.
 */

import type { ReadContext } from '../types';
import { flattenJson, type JsonObject } from './json-object';
import type { HfRunFolder } from './run-folder';

export const RESULTS_FILE = /^(all|train|eval|test|predict)_results\.json$/;

export function readResults(results: JsonObject, folder: HfRunFolder, ctx: ReadContext): void {
  const { sink, report } = ctx;
  report.rowUnit = 'record';
  report.rowsRead = 1;
  const run = sink.run(folder.key, folder.name);
  const entries = flattenJson(results, '');
  for (const [key, value] of entries) sink.summary(run, key, value);
  if (entries.length === 0) report.warn('The file holds no values.');
}
