/**
 * The files of a W&B run folder (`wandb/run-<YYYYMMDD_HHMMSS>-<id>/files/…`): the summary, the
 * config, the machine metadata and the pip freeze. They all key the run `wandb:<id>`, so they merge
 * with each other, and a run resumed into several folders with the same id is one run whose later
 * folders' values win (files are ingested in path order, and the folder names sort by start time).
 */

import { JsonShapeError, recordsTable } from './json/records-table';
import { basename } from './paths';
import { UnreadableError } from './shapes/read-shape';
import { rawChunks, readAllText } from './text/chunks';
import type { Importer, ReadContext, SourceFile } from './types';
import { readHistory } from './wandb-history';
import { configRows } from './wandb/config';
import { parseJsonObject } from './wandb/json-values';
import { metadataRows } from './wandb/metadata';
import { requirementRows } from './wandb/requirements';
import { runFileKind, runOfFile, type RunOfFile } from './wandb/run-file-kind';
import { summaryRows } from './wandb/summary';
import { parseYamlObject } from './wandb/yaml-values';

const LAYOUT_LABEL = {
  'desc-value': 'wandb ≤ 0.16 layout, {desc, value}',
  value: 'newer wandb layout, {value}',
  plain: 'plain values',
} as const;

const encoder = new TextEncoder();

/** A config.yaml outside a run folder is W&B's when it has W&B's own keys. */
const WANDB_CONFIG = /^(wandb_version:|_wandb:)/m;

export const wandbRunFilesImporter: Importer = {
  id: 'wandb-run-files',
  sniff(probe) {
    if (probe.binary) return 0;
    const kind = runFileKind(probe.name);
    if (kind) return 0.95;
    if (/(^|\/)config\.yaml$/.test(probe.name) && WANDB_CONFIG.test(probe.headText)) return 0.9;
    return 0;
  },
  async read(file, ctx) {
    const kind = runFileKind(file.name) ?? 'config';
    const run = runOfFile(file.name);
    // Two runs' requirements.txt are often the same bytes; the engine must not skip the second as
    // a duplicate, so the run is part of the content hash.
    ctx.onChunk(encoder.encode(`wandb-run-file:${run.key}:${basename(file.name)}\n`));
    if (kind === 'ignored') return ignore(file, ctx);
    if (run.note) ctx.report.warn(run.note);
    if (kind === 'history') return readLegacyHistory(file, run, ctx);
    const text = await readAllText(file.blob, ctx);
    if (kind === 'summary') readSummary(text, run, ctx);
    else if (kind === 'config') readConfig(text, run, ctx);
    else if (kind === 'metadata') readMetadata(text, run, ctx);
    else readRequirements(text, run, ctx);
  },
};

function readSummary(text: string, run: RunOfFile, ctx: ReadContext): void {
  ctx.report.format = 'W&B run summary (wandb-summary.json)';
  const { rows, objects } = summaryRows(parseJsonObject(text, 'summary'));
  const handle = ctx.sink.run(run.key, run.name, run.info);
  for (const { key, value } of rows) ctx.sink.summary(handle, key, value);
  if (objects.size > 0) {
    const list = [...objects].map(([type, n]) => `${type} ×${n}`).join(', ');
    ctx.report.warn(
      `W&B objects in the summary are media or tables, not values, and were not loaded: ${list}.`,
    );
  }
}

function readConfig(text: string, run: RunOfFile, ctx: ReadContext): void {
  const { layout, params, meta, startedAt } = configRows(parseYamlObject(text, 'config'));
  ctx.report.format = `W&B run config (config.yaml, ${LAYOUT_LABEL[layout]})`;
  const handle = ctx.sink.run(run.key, run.name, { ...run.info, createdAt: startedAt });
  for (const { key, value } of params) ctx.sink.param(handle, key, value);
  for (const { key, value } of meta) ctx.sink.meta(handle, key, value);
}

function readMetadata(text: string, run: RunOfFile, ctx: ReadContext): void {
  ctx.report.format = 'W&B run metadata (wandb-metadata.json)';
  const { meta, startedAt } = metadataRows(parseJsonObject(text, 'metadata'));
  const handle = ctx.sink.run(run.key, run.name, { ...run.info, createdAt: startedAt });
  for (const { key, value } of meta) ctx.sink.meta(handle, key, value);
}

function readRequirements(text: string, run: RunOfFile, ctx: ReadContext): void {
  ctx.report.format = 'W&B run requirements (requirements.txt)';
  const { packages, unread } = requirementRows(text);
  const handle = ctx.sink.run(run.key, run.name, run.info);
  for (const { key, value } of packages) ctx.sink.meta(handle, key, value);
  if (unread.length > 0) {
    const first = unread[0];
    ctx.report.warn(
      `${unread.length} line${unread.length === 1 ? '' : 's'} name no package and were not loaded (line ${first.line}: ${JSON.stringify(first.text.trim())}${unread.length > 1 ? ', …' : ''}).`,
    );
  }
}

async function readLegacyHistory(
  file: SourceFile,
  run: RunOfFile,
  ctx: ReadContext,
): Promise<void> {
  ctx.report.format = 'W&B run history (wandb-history.jsonl)';
  const text = await readAllText(file.blob, ctx);
  let parsed;
  try {
    parsed = recordsTable(text, (line, reason) => ctx.report.reject(line, reason));
  } catch (error) {
    if (error instanceof JsonShapeError) throw new UnreadableError(error.message);
    throw error;
  }
  const { table, notes } = parsed;
  for (const note of notes) ctx.report.warn(note);
  ctx.report.rowUnit = table.kind === 'JSON' ? 'record' : 'line';
  await readHistory(table, run, ctx);
}

/** Read through (for the content hash) and said to be left out: logs and system metrics are not run data. */
async function ignore(file: SourceFile, ctx: ReadContext): Promise<void> {
  ctx.report.format = 'W&B run log';
  let lines = 0;
  for await (const chunk of rawChunks(file.blob, ctx)) {
    for (const byte of chunk) if (byte === 10) lines++;
  }
  ctx.report.rowsRead = lines;
  const name = basename(file.name);
  ctx.report.warn(
    name === 'wandb-events.jsonl'
      ? 'wandb-events.jsonl holds system metrics (GPU, CPU, memory) over wall time, with no steps: Lockstep does not load it.'
      : `${name} is a log of the run, not run data: Lockstep does not load it.`,
  );
}
