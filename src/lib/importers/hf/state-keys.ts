/**
 * Where each top-level key of `trainer_state.json` goes.
 * - params: the set-up of the training, fixed before it starts (from TrainingArguments or derived
 *   from them), identical in every checkpoint's state;
 * - summary: where the training ended up when the state was saved (declared final only for the
 *   output dir's own state; a checkpoint's copy goes to meta under the checkpoint's name);
 * - meta: the process and callback state, not a result.
 * Keys a future transformers adds go to meta, and the report names them.
 */

export type StateKeyRole = 'param' | 'summary' | 'meta' | 'history';

const ROLES: Record<string, StateKeyRole> = {
  log_history: 'history',
  max_steps: 'param',
  num_train_epochs: 'param',
  logging_steps: 'param',
  eval_steps: 'param',
  save_steps: 'param',
  train_batch_size: 'param',
  is_hyper_param_search: 'param',
  trial_name: 'param',
  trial_params: 'param',
  global_step: 'summary',
  epoch: 'summary',
  best_metric: 'summary',
  best_global_step: 'summary',
  best_model_checkpoint: 'summary',
  total_flos: 'summary',
  num_input_tokens_seen: 'summary',
  is_local_process_zero: 'meta',
  is_world_process_zero: 'meta',
  stateful_callbacks: 'meta',
};

/** The role of a key, or `null` for a key this version of Lockstep does not know. */
export function stateKeyRole(key: string): StateKeyRole | null {
  return Object.hasOwn(ROLES, key) ? ROLES[key] : null;
}
