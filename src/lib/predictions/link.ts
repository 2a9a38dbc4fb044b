/**
 * Which loaded run a predictions file's run reference names: the run whose key is the reference,
 * else whose tracker id is (the part of its key after `wandb:`, `mlflow:`…), else whose name is.
 * A reference several runs answer to at the same level is left unlinked, and says why.
 */

export interface LinkableRun {
  runId: number;
  runKey: string;
  name: string;
}

export function linkRun(
  ref: string,
  runs: readonly LinkableRun[],
): { runId: number | null; unlinked: string | null } {
  const levels: ((r: LinkableRun) => boolean)[] = [
    (r) => r.runKey === ref,
    (r) => trackerId(r.runKey) === ref,
    (r) => r.name === ref,
  ];
  for (const matches of levels) {
    const found = runs.filter(matches);
    if (found.length === 1) return { runId: found[0].runId, unlinked: null };
    if (found.length > 1)
      return { runId: null, unlinked: `${found.length} loaded runs answer to "${ref}"` };
  }
  return { runId: null, unlinked: `no loaded run is named "${ref}" or has it as its id` };
}

/** `wandb:abc123` → `abc123`; a key without a tracker prefix is its own id. */
function trackerId(key: string): string {
  const at = key.lastIndexOf(':');
  return at < 0 ? key : key.slice(at + 1);
}
