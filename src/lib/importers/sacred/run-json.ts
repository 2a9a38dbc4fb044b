/**
 * Sacred's `run.json`: the run's status, times, host and experiment. The experiment's name is the
 * run's project; lineage goes to meta under Lockstep's names (`git.commit`, `python`, `packages`,
 * `host`, `gpu`, `command`, `start_time`…); `result` is a summary.
 */

import {
  flattenJson,
  isJsonObject,
  jsonScalar,
  type Json,
  type JsonObject,
} from '../hf/json-object';
import type { ImportSink, ReadContext, RunInfo } from '../types';
import { sacredState } from './state';
import { NAIVE_TIME_NOTE, parseSacredTime } from './time';

const TIMES = ['start_time', 'stop_time', 'heartbeat', 'queue_time'];
/** Keys `run.json` may hold that are read elsewhere or carry nothing for a comparison. */
const HANDLED = new Set([
  'status',
  'experiment',
  'host',
  'meta',
  'result',
  'fail_trace',
  'command',
  ...TIMES,
]);

function isEmpty(value: Json): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** Meta writer that skips values with nothing in them (null, [], {}). */
function metaWriter(sink: ImportSink, run: number) {
  return (key: string, value: Json | undefined) => {
    if (value === undefined || isEmpty(value)) return;
    sink.meta(run, key, String(jsonScalar(value)));
  };
}

/** The run's state, project and start time, for `sink.run`. */
export function runInfoOf(run: JsonObject, report: ReadContext['report']): RunInfo {
  const info: RunInfo = {};
  if (typeof run.status === 'string') info.state = sacredState(run.status);
  const experiment = run.experiment;
  if (isJsonObject(experiment) && typeof experiment.name === 'string')
    info.project = experiment.name;
  if (typeof run.start_time === 'string') {
    const t = parseSacredTime(run.start_time);
    if (t) {
      info.createdAt = t.seconds;
      if (t.naive) report.warn(NAIVE_TIME_NOTE);
    } else
      report.warn(
        `start_time ${JSON.stringify(run.start_time)} is not an ISO 8601 time: the run has no start time.`,
      );
  }
  return info;
}

function writeRepositories(
  meta: ReturnType<typeof metaWriter>,
  repositories: Json | undefined,
): void {
  if (!Array.isArray(repositories)) return meta('git.repositories', repositories);
  const many = repositories.length > 1;
  repositories.forEach((repo, i) => {
    if (!isJsonObject(repo)) return meta(many ? `git.${i + 1}` : 'git', repo);
    const prefix = many ? `git.${i + 1}` : 'git';
    for (const [key, value] of Object.entries(repo)) meta(`${prefix}.${key}`, value);
  });
}

function writeHost(meta: ReturnType<typeof metaWriter>, host: Json | undefined): void {
  if (!isJsonObject(host)) return meta('host', host);
  for (const [key, value] of Object.entries(host)) {
    if (key === 'hostname') meta('host', value);
    else if (key === 'python_version') meta('python', value);
    else if (key === 'gpus' && isJsonObject(value)) {
      meta('gpu', value.gpus);
      for (const [k, v] of Object.entries(value)) if (k !== 'gpus') meta(`gpu.${k}`, v);
    } else if (key === 'ENV' && isJsonObject(value)) {
      for (const [k, v] of Object.entries(value)) meta(`env.${k}`, v);
    } else meta(key, value);
  }
}

function writeExperiment(meta: ReturnType<typeof metaWriter>, experiment: Json | undefined): void {
  if (!isJsonObject(experiment)) return meta('experiment', experiment);
  for (const [key, value] of Object.entries(experiment)) {
    if (key === 'dependencies') meta('packages', value);
    else if (key === 'repositories') writeRepositories(meta, value);
    else meta(`experiment.${key}`, value);
  }
}

/** Writes everything `run.json` says about the run but its identity (see `runInfoOf`). */
export function readRunJson(runJson: JsonObject, run: number, ctx: ReadContext): void {
  const { sink } = ctx;
  const meta = metaWriter(sink, run);
  for (const key of TIMES) meta(key, runJson[key]);
  meta('status', runJson.status);
  meta('command', runJson.command);
  writeExperiment(meta, runJson.experiment);
  writeHost(meta, runJson.host);
  const runMeta = runJson.meta;
  if (isJsonObject(runMeta)) {
    for (const [key, value] of Object.entries(runMeta)) {
      // meta.command repeats the top-level command.
      if (key === 'command' && value === runJson.command) continue;
      meta(`sacred.${key}`, value);
    }
  } else meta('sacred.meta', runMeta);
  const trace = runJson.fail_trace;
  if (Array.isArray(trace))
    meta('fail_trace', trace.map((line) => String(jsonScalar(line))).join(''));
  else meta('fail_trace', trace);
  if (runJson.result !== undefined && runJson.result !== null) {
    for (const [key, value] of flattenJson(runJson.result, 'result')) sink.summary(run, key, value);
  }
  for (const [key, value] of Object.entries(runJson)) if (!HANDLED.has(key)) meta(key, value);
}
