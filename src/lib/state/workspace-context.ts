/** How components find the workspace: through Svelte context, under one private key. */

import { getContext } from 'svelte';
import type { Workspace } from './workspace.svelte';

const KEY = Symbol('workspace');

export function getWorkspace(): Workspace {
  return getContext<Workspace>(KEY);
}

/** The context map to `mount` the app with, so every component finds the workspace. */
export function workspaceContext(workspace: Workspace): Map<symbol, unknown> {
  return new Map([[KEY, workspace]]);
}
