/**
 * Watched files and folders (File System Access API): every few seconds each file's size and time
 * are looked at (no byte is read on this thread); a file that grew is read further by the engine,
 * only from where its last read stopped, and the views ask again. A file that changed otherwise is
 * read again whole, and the page says so. New files in a watched folder are read as they appear.
 */

import type { AppendOutcome } from '../engine/live-sources';
import { filesUnder, type WatchedHandle } from '../files/fs-handles';
import { runActivity, type RunActivity } from '../live/activity';
import type { Workspace, WorkspaceFile } from './workspace.svelte';

export interface LiveEngine {
  wholeLengths(files: { name: string; blob: Blob }[]): Promise<number[]>;
  watch(sources: { sourceId: number; name: string; blob: Blob }[]): Promise<void>;
  append(sourceId: number, blob: Blob): Promise<AppendOutcome>;
}

export interface LiveOptions {
  /** How often the files are looked at. */
  everyMs?: number;
  /** A run none of whose watched files changed for this long is shown as stalled. */
  stallAfterMs?: number;
}

export interface LiveEntry {
  name: string;
  /** The workspace file it is read into. */
  fileId: number | null;
  size: number;
  lastModified: number;
  /** When it last grew or changed (ms since the epoch), or when watching began. */
  lastChange: number;
  /** What the user should know about it now (a line still being written, a file gone). */
  note: string | null;
}

/** What the last look found, for the page and the bench. */
export interface LiveUpdate {
  /** `performance.now()` when the grown files were seen, and when the runs table was read again. */
  seenAt: number;
  refreshedAt: number;
  files: number;
  points: number;
}

const WATCHABLE: readonly WorkspaceFile['status'][] = ['loaded', 'partial', 'empty'];

export class LiveWatch {
  #workspace: Workspace;
  #engine: LiveEngine;
  #handles = new Map<string, FileSystemFileHandle>(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
  #dirs: FileSystemDirectoryHandle[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #looking: Promise<void> | null = null;
  readonly everyMs: number;
  readonly stallAfterMs: number;
  entries = $state.raw<LiveEntry[]>([]);
  folders = $state.raw<string[]>([]);
  notice = $state<string | null>(null);
  lastUpdate = $state.raw<LiveUpdate | null>(null);

  constructor(workspace: Workspace, engine: LiveEngine, options: LiveOptions = {}) {
    this.#workspace = workspace;
    this.#engine = engine;
    this.everyMs = options.everyMs ?? 2000;
    this.stallAfterMs = options.stallAfterMs ?? 120_000;
  }

  /** The watched runs, each with the newest change among its watched files. */
  get runs(): RunActivity[] {
    return runActivity(this.#workspace.runs, this.entries);
  }

  /** Asks the user for a folder and watches it; nothing happens when they cancel. */
  async pickFolder(): Promise<void> {
    let dir: FileSystemDirectoryHandle;
    try {
      dir = await (
        window as unknown as { showDirectoryPicker(o: object): Promise<FileSystemDirectoryHandle> }
      ).showDirectoryPicker({ mode: 'read', id: 'lockstep-live' });
    } catch (error) {
      if ((error as DOMException).name === 'AbortError') return;
      throw error;
    }
    await this.watchFolder(dir);
  }

  /** Reads every file under the folder and watches them, and the folder for new files. */
  async watchFolder(dir: FileSystemDirectoryHandle): Promise<void> {
    this.#dirs.push(dir);
    this.folders = [...this.folders, dir.name];
    await this.watchFiles(await filesUnder(dir));
  }

  /** Dropped files' and folders' handles (see fs-handles.ts), read and watched. */
  async watchDropped(
    handles: readonly (FileSystemFileHandle | FileSystemDirectoryHandle | null)[],
  ): Promise<void> {
    const files: WatchedHandle[] = [];
    for (const h of handles) {
      if (h?.kind === 'file') files.push({ name: h.name, handle: h });
      else if (h?.kind === 'directory') {
        this.#dirs.push(h);
        this.folders = [...this.folders, h.name];
        files.push(...(await filesUnder(h)));
      }
    }
    await this.watchFiles(files);
  }

  /** Reads the files (up to their last whole line or record) and watches them from there. */
  async watchFiles(list: readonly WatchedHandle[]): Promise<void> {
    const fresh = list.filter((h) => !this.#handles.has(h.name));
    if (fresh.length === 0) return;
    for (const h of fresh) this.#handles.set(h.name, h.handle);
    const files = await Promise.all(fresh.map((h) => h.handle.getFile()));
    const picked = await this.#wholeContent(
      fresh.map((h, i) => ({ name: h.name, file: files[i] })),
    );
    await this.#workspace.add(picked);
    const now = Date.now();
    const added = picked.map((p, i) => {
      const row = this.#workspace.files.find((f) => f.blob === p.blob);
      return { row, file: files[i], name: fresh[i].name };
    });
    await this.#watchRows(added);
    this.entries = [
      ...this.entries,
      ...added.map(({ row, file, name }) => ({
        name,
        fileId: row?.id ?? null,
        size: file.size,
        lastModified: file.lastModified,
        lastChange: now,
        note: null,
      })),
    ];
    this.#schedule();
  }

  /** Looks at every watched file now (the timer calls it); one look at a time. */
  look(): Promise<void> {
    this.#looking ??= this.#look().finally(() => (this.#looking = null));
    return this.#looking;
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.look().finally(() => this.#schedule());
    }, this.everyMs);
  }

  async #look(): Promise<void> {
    for (const dir of this.#dirs) {
      try {
        const listed = await filesUnder(dir);
        await this.watchFiles(listed);
      } catch {
        // A folder that went away: its files say so below.
      }
    }
    const seenAt = performance.now();
    let grown = 0;
    let points = 0;
    // Copied on the first change only: a look that finds nothing new leaves the page's state alone.
    let entries: LiveEntry[] | null = null;
    for (const [k, e] of this.entries.entries()) {
      const next = await this.#lookAt(e);
      if (!next) continue;
      entries ??= [...this.entries];
      entries[k] = next.entry;
      if (next.outcome?.kind === 'appended') {
        grown++;
        points += next.outcome.points;
      }
    }
    if (entries) this.entries = entries;
    if (grown > 0) {
      await this.#workspace.refresh();
      this.lastUpdate = { seenAt, refreshedAt: performance.now(), files: grown, points };
    }
  }

  /** Null when the entry's file is as it was; else the entry now, and what reading it gave. */
  async #lookAt(e: LiveEntry): Promise<{ entry: LiveEntry; outcome: AppendOutcome | null } | null> {
    let file: File;
    try {
      file = await (this.#handles.get(e.name) as FileSystemFileHandle).getFile();
    } catch {
      return e.note === 'gone' ? null : { entry: { ...e, note: 'gone' }, outcome: null };
    }
    if (file.size === e.size && file.lastModified === e.lastModified) return null;
    const outcome = await this.#readOn(e, file);
    const waiting =
      outcome?.kind === 'waiting' || (outcome?.kind === 'appended' && outcome.waiting > 0);
    return {
      entry: {
        ...e,
        size: file.size,
        lastModified: file.lastModified,
        lastChange: outcome?.kind === 'same' ? e.lastChange : Date.now(),
        note: waiting ? 'a line is still being written: read once it is whole' : null,
      },
      outcome,
    };
  }

  /** Reads a changed file further, or again whole; null when it was read again whole. */
  async #readOn(e: LiveEntry, file: File): Promise<AppendOutcome | null> {
    const row = this.#workspace.files.find((f) => f.id === e.fileId);
    if (!row) return null;
    if (row.sourceId !== null && WATCHABLE.includes(row.status)) {
      const outcome = await this.#engine.append(row.sourceId, file);
      if (outcome.kind === 'appended') this.#workspace.grew(row.id, outcome.report);
      if (outcome.kind !== 'changed') return outcome;
      this.notice = `${e.name} changed (${outcome.reason}): it was read again whole.`;
    }
    const [picked] = await this.#wholeContent([{ name: e.name, file }]);
    await this.#workspace.readAgain(row.id, picked.blob);
    const again = this.#workspace.files.find((f) => f.id === row.id);
    await this.#watchRows([{ row: again, file, name: e.name }]);
    return null;
  }

  /** The files cut after their last whole line or record: a line being written is read once whole. */
  async #wholeContent(
    files: readonly { name: string; file: File }[],
  ): Promise<{ name: string; blob: Blob }[]> {
    const lengths = await this.#engine.wholeLengths(
      files.map((f) => ({ name: f.name, blob: f.file })),
    );
    return files.map((f, i) => ({
      name: f.name,
      blob: lengths[i] < f.file.size ? f.file.slice(0, lengths[i]) : f.file,
    }));
  }

  async #watchRows(
    rows: readonly { row: WorkspaceFile | undefined; file: File; name: string }[],
  ): Promise<void> {
    const sources = rows
      .filter(({ row }) => row && row.sourceId !== null && WATCHABLE.includes(row.status))
      .map(({ row, file, name }) => ({
        sourceId: (row as WorkspaceFile).sourceId as number,
        name,
        blob: file,
      }));
    if (sources.length > 0) await this.#engine.watch(sources);
  }
}
