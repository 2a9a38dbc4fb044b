/**
 * `wandb-metadata.json` (and, in newer wandb such as 0.25, the same block inside config.yaml's `_wandb.e`):
 * where and how the run started — os, python, host, program and arguments, git, CPU/GPU, start
 * time. All of it is lineage (meta), under W&B's own key names flattened with dots (`git.commit`,
 * `memory.total`), plus `command`, the program and its arguments as one shell line.
 */

import { isoToUnixSeconds } from './iso-time';
import { flattenObject, metaText, type JsonObject } from './json-values';

/**
 * Not lineage: `state` is written once at start ("running") and never updated, so it would mark
 * every finished run as running; `heartbeatAt` is a liveness ping; `email` is personal;
 * `writerId` is W&B's internal stream id; `codePathLocal` repeats `codePath`.
 */
const SKIPPED = new Set(['state', 'heartbeatAt', 'email', 'writerId', 'codePathLocal']);

export interface MetadataRows {
  meta: { key: string; value: string }[];
  /** Unix seconds of `startedAt`, when it is a time. */
  startedAt: number | undefined;
}

export function metadataRows(metadata: JsonObject): MetadataRows {
  const meta: MetadataRows['meta'] = [];
  for (const { key, value } of flattenObject(metadata)) {
    if (SKIPPED.has(key.split('.')[0])) continue;
    const text = metaText(value);
    if (text !== null) meta.push({ key, value: text });
  }
  const command = commandLine(metadata.program, metadata.args);
  if (command !== null) meta.push({ key: 'command', value: command });
  const started =
    typeof metadata.startedAt === 'string' ? isoToUnixSeconds(metadata.startedAt) : undefined;
  return { meta, startedAt: started };
}

function commandLine(
  program: JsonObject[string] | undefined,
  args: JsonObject[string] | undefined,
): string | null {
  if (typeof program !== 'string') return null;
  const list = Array.isArray(args) ? args.map((a) => metaText(a) ?? '') : [];
  return [program, ...list].map(shellQuote).join(' ');
}

/** An argument as a POSIX shell would need it written. */
export function shellQuote(arg: string): string {
  if (/^[\w./=:,+@%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
