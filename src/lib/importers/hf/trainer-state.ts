/**
 * A Hugging Face Trainer `trainer_state.json`, in the output dir or in one of its `checkpoint-N/`
 * folders, read into the output dir's run.
 *
 * Every state of a run contributes its `log_history`. The history is cumulative, so a checkpoint's
 * is a prefix of the final one and a step that two states both hold carries the same values; when
 * they differ, the engine keeps the value of the file read last. In a dropped folder files are
 * read in path order, so `<out>/trainer_state.json` (the final state, largest `global_step`) is
 * read after `<out>/checkpoint-*` and wins; between checkpoints the order is by name
 * (`checkpoint-1000` before `checkpoint-500`).
 *
 * Only the output dir's own state declares final values (summary): a checkpoint's progress
 * (`global_step`, `best_metric`…) goes to meta under its name, `checkpoint-500.global_step`, so no
 * checkpoint read later can overwrite the final values whatever the order.
 */

import type { ReadContext } from '../types';
import { flattenJson, jsonScalar, type JsonObject } from './json-object';
import { readLogHistory } from './log-history';
import type { HfRunFolder } from './run-folder';
import { stateKeyRole } from './state-keys';

type Destination = 'param' | 'summary' | 'meta' | 'checkpoint-meta' | null;

/** Where a top-level key goes, for the output dir's own state or a checkpoint's. */
function destination(key: string, checkpoint: string | null): Destination {
  const role = stateKeyRole(key);
  if (role === 'history') return null;
  if (role === 'param') return 'param';
  if (checkpoint === null) return role === 'summary' ? 'summary' : 'meta';
  // A checkpoint's process flags and callback state serve resuming it, not comparing runs.
  return role === 'meta' ? null : 'checkpoint-meta';
}

export function readTrainerState(state: JsonObject, folder: HfRunFolder, ctx: ReadContext): void {
  const { sink, report } = ctx;
  const { checkpoint } = folder;
  const run = sink.run(folder.key, folder.name);
  const totals = readLogHistory(state.log_history ?? null, run, ctx);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(state)) {
    const to = destination(key, checkpoint);
    if (to === 'param') for (const [k, v] of flattenJson(value, key)) sink.param(run, k, v);
    else if (to === 'summary')
      for (const [k, v] of flattenJson(value, key)) sink.summary(run, k, v);
    // A null carries no lineage: best_metric is null when no metric_for_best_model was set.
    else if (to !== null && value !== null) {
      if (stateKeyRole(key) === null) unknown.push(key);
      sink.meta(run, to === 'meta' ? key : `${checkpoint}.${key}`, String(jsonScalar(value)));
    }
  }
  for (const [key, value] of totals) {
    for (const [k, v] of flattenJson(value, key)) sink.summary(run, k, v);
  }
  if (totals.size > 0) sink.run(folder.key, folder.name, { state: 'finished' });
  if (unknown.length > 0) {
    report.warn(
      `Keys Lockstep does not know were kept as meta: ${unknown.map((k) => JSON.stringify(k)).join(', ')}.`,
    );
  }
  if (checkpoint !== null) {
    report.warn(
      `This is the state saved with ${checkpoint}: its points join the run of the output dir "${folder.name}"; ` +
        `its own progress (global_step, best_metric…) is kept as meta under "${checkpoint}.", and its callback state is not kept. ` +
        `Where another trainer_state.json of the run has the same step, the file read last wins; ` +
        `the output dir's own trainer_state.json is read after its checkpoints.`,
    );
  }
}
