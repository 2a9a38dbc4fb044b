/**
 * Keeps the location hash and the page's view state in step: a link opened restores its state
 * (once its runs are loaded), every change is written back to the hash (replaced, so the history
 * is not flooded), a change of view is a new history entry, and back/forward restore the view.
 */

import {
  MAX_HASH_CHARS,
  ViewStateError,
  viewStateFromHash,
  viewStateHash,
  type ViewState,
} from '../share/view-state';
import type { ViewLink } from './view-link.svelte';
import type { Workspace } from './workspace.svelte';

const WRITE_AFTER_MS = 250;

export interface LinkSyncOptions {
  /** Called with the view to show after a restore (scrolling to it, in the page). */
  onView?: (view: string | null) => void;
}

export function syncViewLink(
  link: ViewLink,
  workspace: Workspace,
  options: LinkSyncOptions = {},
): () => void {
  const read = (hash: string) => {
    try {
      const state = viewStateFromHash(hash);
      if (state) {
        link.open(state);
        options.onView?.(link.view);
      }
      return state;
    } catch (error) {
      link.problem = `This link's view state was not applied: ${error instanceof ViewStateError ? error.message : String(error)}.`;
      return null;
    }
  };
  let written = location.hash;
  let writtenView: string | null = null;
  if (read(location.hash)) writtenView = link.view;

  let timer: ReturnType<typeof setTimeout> | null = null;
  const onPop = () => {
    if (location.hash === written) return;
    written = location.hash;
    if (read(location.hash)) writtenView = link.view;
  };
  addEventListener('popstate', onPop);

  const stop = $effect.root(() => {
    // A pending state is tried again whenever the runs change and nothing is being read.
    $effect(() => {
      void workspace.runs;
      if (link.pending && !workspace.busy) link.retry();
    });

    $effect(() => {
      if (link.pending || workspace.files.length === 0) return;
      const state = link.capture();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const { hash, dropped } = fitting(state);
        link.note = dropped;
        if (hash === null || hash === written) return;
        const url = `${location.pathname}${location.search}${hash}`;
        if (state.view !== undefined && state.view !== writtenView)
          history.pushState(null, '', url);
        else history.replaceState(null, '', url);
        written = hash;
        writtenView = state.view ?? null;
      }, WRITE_AFTER_MS);
    });
  });

  return () => {
    stop();
    removeEventListener('popstate', onPop);
    if (timer) clearTimeout(timer);
  };
}

/** The hash of the state, without the selection when the selection alone makes it too long. */
function fitting(state: ViewState): { hash: string | null; dropped: string | null } {
  const hash = viewStateHash(state);
  if (hash.length <= MAX_HASH_CHARS) return { hash, dropped: null };
  const { runs, ...rest } = state;
  const smaller = viewStateHash(rest);
  if (runs && smaller.length <= MAX_HASH_CHARS)
    return {
      hash: smaller,
      dropped: `The link does not carry the selection of ${runs.length.toLocaleString('en-US')} runs: it would be too long for a URL.`,
    };
  return {
    hash: null,
    dropped: 'The view state is too long for a link; the address was not updated.',
  };
}
