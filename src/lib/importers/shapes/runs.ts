/** Tables of runs: one row per run, its columns hyperparameters, summary values, state and tags. */

import type { RunTableColumns } from '../columns';
import type { TableSource } from '../table';
import type { ReadContext } from '../types';

const PARAM_PREFIX = /^(params?|config|hparams?|hyperparameters?)[./]/i;
const SUMMARY_PREFIX = /^(summary|metrics?|results?)[./]/i;
const META_PREFIX = /^(meta|tags?)[./]/i;
const STATE = /^(state|status)$/i;
const TAGS = /^tags$/i;

export type RunColumnRole =
  | { kind: 'param'; key: string }
  | { kind: 'summary'; key: string }
  | { kind: 'meta'; key: string }
  | { kind: 'state' }
  | { kind: 'tags' };

export function runColumnRole(name: string): RunColumnRole {
  if (STATE.test(name)) return { kind: 'state' };
  if (TAGS.test(name)) return { kind: 'tags' };
  if (PARAM_PREFIX.test(name)) return { kind: 'param', key: name.replace(PARAM_PREFIX, '') };
  if (SUMMARY_PREFIX.test(name)) return { kind: 'summary', key: name.replace(SUMMARY_PREFIX, '') };
  if (META_PREFIX.test(name)) return { kind: 'meta', key: name.replace(META_PREFIX, '') };
  return { kind: 'param', key: name };
}

export async function readRunTable(
  table: TableSource,
  cols: RunTableColumns,
  ctx: ReadContext,
): Promise<void> {
  const { sink, report } = ctx;
  const roles = table.columns.map(runColumnRole);
  const seen = new Set<string>();
  await table.rows(ctx, (row) => {
    if (row.isEmpty(cols.run)) return report.reject(row.line, 'no run name');
    const name = row.text(cols.run);
    if (seen.has(name)) report.warn(`Run "${name}" appears on more than one row; later rows win.`);
    seen.add(name);
    const stateCol = roles.findIndex((r) => r.kind === 'state');
    const tagsCol = roles.findIndex((r) => r.kind === 'tags');
    const run = sink.run(`run:${name}`, name, {
      state:
        stateCol >= 0 && !row.isEmpty(stateCol)
          ? row.text(stateCol).trim().toLowerCase()
          : undefined,
      tags:
        tagsCol >= 0 && !row.isEmpty(tagsCol)
          ? row
              .text(tagsCol)
              .split(/[,;]/)
              .map((t) => t.trim())
              .filter(Boolean)
          : undefined,
    });
    roles.forEach((role, col) => {
      if (col === cols.run || row.isEmpty(col) || role.kind === 'state' || role.kind === 'tags')
        return;
      const text = row.text(col);
      if (role.kind === 'param') sink.param(run, role.key, text);
      else if (role.kind === 'summary') sink.summary(run, role.key, text);
      else sink.meta(run, role.key, text);
    });
  });
}
