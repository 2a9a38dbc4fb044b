/**
 * The columns of a W&B project's runs table exported as CSV: first the run's own columns (`Name`,
 * `State`, `Notes`, `User`, `Tags`, `Created`, `Runtime`, `Sweep`… whichever were visible), then
 * its config columns, then its summary columns. Nothing in the header says where config ends.
 *
 * The rule: the W&B exports seen (2022–2026) write each block sorted by name, so the config block
 * ends where the alphabetical order breaks (`weight_bits` → `activation_mem_mb`). With exactly one
 * break, that is the boundary. With none (one block is empty, or the config's last name sorts
 * before the summary's first) or several (columns moved by hand), names decide: a metric-like name
 * (`/` in it, a leading `_`, or loss, acc, f1, … in it) starts the summary.
 */

export type SystemRole =
  'name' | 'id' | 'state' | 'tags' | 'created' | 'runtime' | 'group' | { meta: string };

/** The runs table's own columns, as the W&B UI titles them. */
const SYSTEM_COLUMNS: Record<string, SystemRole> = {
  Name: 'name',
  ID: 'id',
  State: 'state',
  Tags: 'tags',
  Created: 'created',
  Runtime: 'runtime',
  Group: 'group',
  Notes: { meta: 'notes' },
  User: { meta: 'user' },
  Sweep: { meta: 'sweep' },
  Updated: { meta: 'updated_at' },
  'End Time': { meta: 'ended_at' },
  'Job Type': { meta: 'job_type' },
  Hostname: { meta: 'host' },
  Commit: { meta: 'git.commit' },
};

const METRIC_LIKE =
  /\/|^_|loss|acc|f1|auc|score|reward|return|perplexity|ppl|error|mse|mae|bleu|rouge|precision|recall|iou|dice|ssim|psnr|runtime|throughput|per_second/i;

export interface RunsTableColumns {
  /** The run's own columns: the leading columns whose title W&B gives them. */
  system: { column: number; role: SystemRole }[];
  config: number[];
  summary: number[];
  /** How config was told from summary. */
  rule: 'order' | 'names';
}

export function systemRole(title: string): SystemRole | undefined {
  return Object.hasOwn(SYSTEM_COLUMNS, title) ? SYSTEM_COLUMNS[title] : undefined;
}

/** True when a header starts as W&B's runs table export does. */
export function isRunsTableHeader(header: readonly string[]): boolean {
  if (header[0] !== 'Name') return false;
  const system = leadingSystemColumns(header);
  const roles = new Set(system.map((s) => (typeof s.role === 'string' ? s.role : s.role.meta)));
  return system.length >= 3 && (roles.has('state') || roles.has('created') || roles.has('runtime'));
}

function leadingSystemColumns(header: readonly string[]): RunsTableColumns['system'] {
  const system: RunsTableColumns['system'] = [];
  for (let column = 0; column < header.length; column++) {
    const role = systemRole(header[column]);
    if (!role) break;
    system.push({ column, role });
  }
  return system;
}

export function runsTableColumns(header: readonly string[]): RunsTableColumns {
  const system = leadingSystemColumns(header);
  const rest = header.map((_, i) => i).slice(system.length);
  const names = rest.map((i) => header[i]);
  const breaks: number[] = [];
  for (let i = 1; i < names.length; i++) if (names[i] < names[i - 1]) breaks.push(i);
  if (breaks.length === 1) {
    return {
      system,
      config: rest.slice(0, breaks[0]),
      summary: rest.slice(breaks[0]),
      rule: 'order',
    };
  }
  if (breaks.length === 0) {
    const first = names.findIndex((n) => METRIC_LIKE.test(n));
    const cut = first < 0 ? names.length : first;
    return { system, config: rest.slice(0, cut), summary: rest.slice(cut), rule: 'names' };
  }
  return {
    system,
    config: rest.filter((i) => !METRIC_LIKE.test(header[i])),
    summary: rest.filter((i) => METRIC_LIKE.test(header[i])),
    rule: 'names',
  };
}
