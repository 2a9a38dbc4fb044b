/**
 * What the engine's events change in the page's file rows, gathered by file until the page applies
 * them. A group commit finishes hundreds of files at once, and their events come in one message
 * per slice they were sent in: applied one message at a time, each would copy the file list and
 * regroup it.
 */

import type { IngestEvent } from '../engine/api';
import type { WorkspaceFile } from './workspace.svelte';

export type FileChange = Partial<WorkspaceFile>;

export function changeOf(event: IngestEvent): FileChange {
  if (event.kind === 'start') return { status: 'reading', sourceId: event.sourceId };
  if (event.kind === 'progress')
    return { bytes: event.bytes, bytesRead: event.bytesRead, points: event.points };
  const r = event.report;
  return {
    report: r,
    status: r.status,
    sourceId: r.sourceId,
    bytes: r.bytes,
    bytesRead: r.bytes,
    points: r.report?.points ?? 0,
  };
}

export class FileChanges {
  #byId = new Map<number, FileChange>();

  /** Later events of a file override earlier ones field by field, as they happened. */
  add(events: readonly IngestEvent[]): void {
    for (const event of events) {
      const earlier = this.#byId.get(event.key);
      const change = changeOf(event);
      this.#byId.set(event.key, earlier ? { ...earlier, ...change } : change);
    }
  }

  /** The changes gathered so far, by file id; the buffer starts over empty. */
  take(): [number, FileChange][] {
    const taken = [...this.#byId];
    this.#byId.clear();
    return taken;
  }
}
