/** How each file status reads on the page. */

import type { FileStatus } from './workspace.svelte';

export const STATUS_LABEL: Record<FileStatus, string> = {
  queued: 'waiting',
  reading: 'reading',
  loaded: 'loaded',
  partial: 'loaded, some rows rejected',
  empty: 'no data',
  failed: 'not loaded',
  duplicate: 'already loaded',
  cancelled: 'cancelled',
};
