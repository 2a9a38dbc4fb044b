/** How components find the workspace and the comparison: through Svelte context, under private keys. */

import { getContext } from 'svelte';
import type { Comparison } from './comparison.svelte';
import type { Workspace } from './workspace.svelte';

const WORKSPACE = Symbol('workspace');
const COMPARISON = Symbol('comparison');

export function getWorkspace(): Workspace {
  return getContext<Workspace>(WORKSPACE);
}

export function getComparison(): Comparison {
  return getContext<Comparison>(COMPARISON);
}

/** The context map to `mount` the app with. */
export function workspaceContext(
  workspace: Workspace,
  comparison: Comparison,
): Map<symbol, unknown> {
  return new Map<symbol, unknown>([
    [WORKSPACE, workspace],
    [COMPARISON, comparison],
  ]);
}
