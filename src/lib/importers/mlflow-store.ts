/**
 * The files of a dropped MLflow FileStore (`mlruns/`), each read on its own and merged by run key
 * (`mlflow:<run id>`), in any order: metric histories, params, tags and the run's meta.yaml. An
 * experiment's meta.yaml names no run; it is read and reported, not attached to runs.
 */

import { basename } from './paths';
import { mlflowRunKey, RUN_NAME_TAG } from './mlflow/run-fields';
import { MetricHistoryParser } from './mlflow/metric-history';
import {
  looksLikeExperimentMeta,
  looksLikeRunMeta,
  readExperimentMeta,
  readRunMeta,
} from './mlflow/store-meta';
import { parseStorePath, type StoreFile } from './mlflow/store-path';
import { UnreadableError } from './shapes/read-shape';
import { readAllText, utf8Chunks } from './text/chunks';
import type { Importer, ReadContext, RunInfo, SourceFile } from './types';

const encoder = new TextEncoder();

/** A metric history, a param or a tag: a file the store's layout alone identifies. */
function isRunValueFile(place: StoreFile | null): boolean {
  return place?.kind === 'metric' || place?.kind === 'param' || place?.kind === 'tag';
}

function runInfo(place: StoreFile | null): RunInfo {
  return place?.experimentId ? { project: place.experimentId } : {};
}

/** A run known here by its id only: the id stands in for the name until a file that has it. */
function provisionalRun(ctx: ReadContext, runId: string, place: StoreFile): number {
  return ctx.sink.run(mlflowRunKey(runId), runId, { ...runInfo(place), provisionalName: true });
}

async function readMetric(
  file: SourceFile,
  place: StoreFile,
  runId: string,
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  report.format = 'MLflow run store: metric history';
  const parser = new MetricHistoryParser((line, reason) => report.reject(line, reason));
  let chunks = 0;
  for await (const chunk of utf8Chunks(file.blob, ctx)) {
    if (chunks++ > 0) await sink.flush();
    parser.push(chunk);
  }
  const h = parser.end();
  report.rowsRead = h.length + report.rowsRejected;
  if (h.length === 0) return;
  const run = provisionalRun(ctx, runId, place);
  const metric = sink.metric(place.key);
  let allAtZero = h.length > 1;
  for (let i = 0; i < h.length && allAtZero; i++) allAtZero = h.step[i] === 0;
  if (allAtZero) {
    report.warn(
      `All ${h.length.toLocaleString('en-US')} points of "${place.key}" were logged at step 0 (logged without a step); ` +
        'their order in the file is used as the step.',
    );
  }
  for (let i = 0; i < h.length; i++)
    sink.point(run, metric, allAtZero ? i : h.step[i], h.value[i], undefined, h.wall[i]);
}

async function readParam(
  file: SourceFile,
  place: StoreFile,
  runId: string,
  ctx: ReadContext,
): Promise<void> {
  ctx.report.format = 'MLflow run store: parameter';
  const value = await readAllText(file.blob, ctx);
  ctx.report.rowsRead = 1;
  ctx.sink.param(provisionalRun(ctx, runId, place), place.key, value);
}

async function readTag(
  file: SourceFile,
  place: StoreFile,
  runId: string,
  ctx: ReadContext,
): Promise<void> {
  ctx.report.format = 'MLflow run store: tag';
  const value = await readAllText(file.blob, ctx);
  ctx.report.rowsRead = 1;
  if (place.key !== RUN_NAME_TAG)
    ctx.sink.meta(provisionalRun(ctx, runId, place), place.key, value);
  else if (value.trim() !== '') ctx.sink.run(mlflowRunKey(runId), value, runInfo(place));
  else provisionalRun(ctx, runId, place);
}

async function readRunMetaFile(
  file: SourceFile,
  place: StoreFile | null,
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  report.format = 'MLflow run store: run meta.yaml';
  const parsed = readRunMeta(await readAllText(file.blob, ctx));
  if (typeof parsed === 'string')
    throw new UnreadableError(`This MLflow run meta.yaml cannot be read: ${parsed}.`);
  report.rowsRead = 1;
  if (place?.runId && place.runId !== parsed.runId) {
    report.warn(
      `The folder is run ${place.runId} but its meta.yaml says run ${parsed.runId}; the meta.yaml's id is used.`,
    );
  }
  if (parsed.deleted)
    report.warn(`MLflow marks run ${parsed.runId} as deleted (lifecycle_stage: deleted).`);
  const project = parsed.experimentId ?? place?.experimentId ?? undefined;
  const run = sink.run(mlflowRunKey(parsed.runId), parsed.name ?? parsed.runId, {
    provisionalName: parsed.name === null,
    state: parsed.state,
    createdAt: parsed.createdAt,
    ...(project ? { project } : {}),
  });
  for (const [key, value] of parsed.meta) sink.meta(run, key, value);
}

async function readExperimentMetaFile(file: SourceFile, ctx: ReadContext): Promise<void> {
  ctx.report.format = 'MLflow run store: experiment meta.yaml';
  const parsed = readExperimentMeta(await readAllText(file.blob, ctx));
  if (typeof parsed === 'string')
    throw new UnreadableError(`This MLflow experiment meta.yaml cannot be read: ${parsed}.`);
  ctx.report.rowsRead = 1;
  ctx.report.warn(
    `MLflow experiment ${parsed.experimentId} is named "${parsed.name}". This file describes no run: ` +
      `the experiment's runs carry "${parsed.experimentId}" as their project, and its name is not attached to them.`,
  );
}

export const mlflowStoreImporter: Importer = {
  id: 'mlflow-store',
  acceptsEmpty: true,
  claims: (name) => isRunValueFile(parseStorePath(name)),
  sniff(probe) {
    if (probe.binary) return 0;
    const place = parseStorePath(probe.name);
    if (isRunValueFile(place)) return 0.95;
    if (basename(probe.name) !== 'meta.yaml') return 0;
    if (looksLikeRunMeta(probe.headText)) return place?.kind === 'run-meta' ? 0.95 : 0.9;
    if (place?.kind !== 'run-meta' && looksLikeExperimentMeta(probe.headText)) return 0.9;
    return 0;
  },
  async read(file, ctx) {
    const place = parseStorePath(file.name);
    // A store file means its path as much as its bytes (six params holding `None` are six params),
    // so the path within the store is part of the content hash the engine uses to skip duplicates.
    ctx.onChunk(encoder.encode(`mlflow-store:${place?.storePath ?? file.name}\n`));
    if (place?.trashed)
      ctx.report.warn("The file is in the store's .trash folder: MLflow deleted its experiment.");
    if (
      place?.runId &&
      (place.kind === 'metric' || place.kind === 'param' || place.kind === 'tag')
    ) {
      const readers = { metric: readMetric, param: readParam, tag: readTag };
      return readers[place.kind](file, place, place.runId, ctx);
    }
    if (looksLikeRunMeta(ctx.probe.headText)) return readRunMetaFile(file, place, ctx);
    return readExperimentMetaFile(file, ctx);
  },
};
