/**
 * The workspace kept in this browser, with the user's consent: every file given is stored as soon
 * as it is given (a crash mid-read loses nothing), and once the engine is idle its loaded state is
 * written too, so a reload reads that back instead of parsing the files again. Reopening restores
 * the files, the engine and the view state; "clear" removes all of it.
 */

/* eslint-disable svelte/prefer-svelte-reactivity -- the Maps and Sets here are bookkeeping, never shown; dates are replaced whole */
import type { SourceReport } from '../engine/api';
import type { EngineClient } from '../engine/client';
import {
  clearStored,
  readRecord,
  removeStoredFile,
  storedFile,
  storeFile,
  writeRecord,
} from '../persist/stored-files';
import {
  parseRecord,
  RECORD_VERSION,
  type RecordFile,
  type RecordSample,
  type WorkspaceRecord,
} from '../persist/workspace-record';
import { validateViewState } from '../share/view-state';
import { readWorkspaceFile, writeWorkspaceFile } from '../persist/workspace-file';
import type { Sample } from '../samples/types';
import type { ViewLink } from './view-link.svelte';
import type { Workspace, WorkspaceFile } from './workspace.svelte';

const CONSENT_KEY = 'lockstep:keep-workspace';
const SAVE_AFTER_MS = 400;
/** Statuses a file keeps for good: its state in the engine will not change until it is removed. */
const SETTLED = new Set(['loaded', 'partial', 'empty', 'failed', 'duplicate']);

export type KeepStatus = 'off' | 'saving' | 'saved' | 'restoring' | 'failed';

export class Persistence {
  #workspace: Workspace;
  #engine: EngineClient;
  #link: ViewLink;
  #samples: { readonly dropped: readonly Sample[] };
  /** The stored copy of each file the workspace holds, by the Blob it holds. */
  #keys = new WeakMap<Blob, string>();
  #storedKeys = new Set<string>();
  /** Workspace file ids whose read state the engine's last snapshot holds, with their sources. */
  #inSnapshot = new Map<number, number>();
  #snapshotSignature = '';
  #chain: Promise<void> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | null = null;

  enabled = $state(false);
  status = $state<KeepStatus>('off');
  message = $state<string | null>(null);
  /** Bytes of the stored files, and of the engine's snapshot. */
  fileBytes = $state(0);
  snapshotBytes = $state(0);
  savedAt = $state<Date | null>(null);
  /** How the last reopen went: files listed, files read again, milliseconds to usable. */
  reopened = $state.raw<{
    files: number;
    readAgain: number;
    ms: number;
    /** Where the time went, in ms since the page's start (the worker's parts: since it was asked). */
    phases: Record<string, number>;
  } | null>(null);
  #phases: Record<string, number> = {};

  constructor(
    workspace: Workspace,
    engine: EngineClient,
    link: ViewLink,
    samples: { readonly dropped: readonly Sample[] },
  ) {
    this.#workspace = workspace;
    this.#engine = engine;
    this.#link = link;
    this.#samples = samples;
    this.enabled = available() && localStorage.getItem(CONSENT_KEY) === '1';
    this.status = this.enabled ? 'saved' : 'off';
  }

  /** Whether this browser can keep a workspace at all (OPFS). */
  get available(): boolean {
    return available();
  }

  /** At start-up: reopens a kept workspace, then follows every change. */
  async start(options: { hasLinkState: boolean }): Promise<void> {
    if (this.enabled) await this.#reopen(options.hasLinkState);
    $effect.root(() => {
      $effect(() => {
        void this.#workspace.files;
        void this.#samples.dropped;
        void this.#workspace.busy;
        void this.#workspace.notes.version;
        if (!this.enabled || this.status === 'restoring' || this.#link.pending) return;
        void this.#link.capture();
        this.#schedule();
      });
    });
  }

  async enable(): Promise<void> {
    if (!available()) return;
    localStorage.setItem(CONSENT_KEY, '1');
    this.enabled = true;
    // Asks the browser not to evict the data under storage pressure; it may say no.
    await navigator.storage.persist?.().catch(() => false);
    this.#schedule(0);
  }

  /** Stops keeping the workspace and removes everything stored; what is loaded stays loaded. */
  async forget(): Promise<void> {
    localStorage.removeItem(CONSENT_KEY);
    this.enabled = false;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#serial(async () => {
      await clearStored();
      await this.#engine.clearSnapshots();
      this.#storedKeys.clear();
      this.#keys = new WeakMap();
      this.#inSnapshot.clear();
      this.#snapshotSignature = '';
      this.fileBytes = 0;
      this.snapshotBytes = 0;
      this.savedAt = null;
      this.status = 'off';
    });
  }

  /** The record of the workspace as it is now (also what a workspace file carries). */
  record(): WorkspaceRecord {
    return {
      version: RECORD_VERSION,
      savedAt: new Date().toISOString(),
      files: this.#workspace.files
        .filter((f) => f.status !== 'cancelled')
        .map((f) => this.#recordFile(f)),
      samples: this.#sampleFiles().map(({ name, blob }) => ({
        key: this.keyOf(blob),
        name,
        bytes: blob.size,
      })),
      view: this.#link.pending ?? this.#link.capture(),
      notes: this.#workspace.notes.record(),
    };
  }

  /** The workspace as one file for another machine: the files as given, and the view state. */
  async exportFile(): Promise<Blob> {
    const record = this.record();
    const blobs = new Map<string, Blob>();
    for (const f of [...this.#workspace.files, ...this.#sampleFiles()])
      blobs.set(this.keyOf(f.blob), f.blob);
    // Another machine reads the files again: the engine's state stays with this browser.
    const portable = { ...record, files: record.files.map((f) => ({ ...f, loaded: null })) };
    return writeWorkspaceFile(portable, blobs);
  }

  /** Opens a workspace file: its files are read like dropped ones, its view state restored. */
  async importFile(archive: Blob, name: string): Promise<void> {
    try {
      const { record, files } = await readWorkspaceFile(archive, name);
      if (record.view) this.#openView(record.view);
      this.#workspace.notes.merge(record.notes);
      await this.#workspace.add(files);
    } catch (error) {
      this.#workspace.notice = error instanceof Error ? error.message : String(error);
    }
  }

  /** The stored copy's key of a file, made up for a file not stored yet. */
  keyOf(blob: Blob): string {
    let key = this.#keys.get(blob);
    if (!key) {
      key = crypto.randomUUID();
      this.#keys.set(blob, key);
    }
    return key;
  }

  /** The dropped files the samples came from, each once. */
  #sampleFiles(): { name: string; blob: Blob }[] {
    const seen = new Set<Blob>();
    const out: { name: string; blob: Blob }[] = [];
    for (const s of this.#samples.dropped)
      if (!seen.has(s.blob)) {
        seen.add(s.blob);
        out.push({ name: s.file, blob: s.blob });
      }
    return out;
  }

  #recordFile(f: WorkspaceFile): RecordFile {
    const sourceId = this.#inSnapshot.get(f.id);
    const loaded =
      sourceId !== undefined && sourceId === f.sourceId && f.report && f.status !== 'queued'
        ? { status: f.status, points: f.points, report: f.report, sourceId }
        : null;
    return { key: this.keyOf(f.blob), name: f.name, bytes: f.bytes ?? f.blob.size, loaded };
  }

  #schedule(delay = SAVE_AFTER_MS): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#serial(() => this.#save());
    }, delay);
  }

  #serial(task: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(task, task);
    return this.#chain;
  }

  async #save(): Promise<void> {
    if (!this.enabled) return;
    this.status = 'saving';
    try {
      await this.#storeFiles();
      await this.#snapshotIfIdle();
      await writeRecord(JSON.stringify(this.record()));
      this.savedAt = new Date();
      this.status = 'saved';
      this.message = null;
    } catch (error) {
      this.status = 'failed';
      this.message = `The workspace could not be kept: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async #storeFiles(): Promise<void> {
    const files = [
      ...this.#workspace.files.filter((f) => f.status !== 'cancelled'),
      ...this.#sampleFiles(),
    ];
    const wanted = new Set<string>();
    let bytes = 0;
    for (const f of files) {
      const key = this.keyOf(f.blob);
      wanted.add(key);
      bytes += ('bytes' in f ? (f.bytes as number | null) : null) ?? f.blob.size;
      if (this.#storedKeys.has(key)) continue;
      await storeFile(key, f.blob);
      this.#storedKeys.add(key);
    }
    for (const key of [...this.#storedKeys])
      if (!wanted.has(key)) {
        await removeStoredFile(key);
        this.#storedKeys.delete(key);
      }
    this.fileBytes = bytes;
  }

  /** Writes the engine's state once every file is settled, if it changed since the last time. */
  async #snapshotIfIdle(): Promise<void> {
    const files = this.#workspace.files;
    if (
      this.#workspace.busy ||
      files.some((f) => !SETTLED.has(f.status) && f.status !== 'cancelled')
    )
      return;
    const signature = files.map((f) => `${f.id}:${f.sourceId}:${f.status}`).join(',');
    if (signature === this.#snapshotSignature) return;
    const { bytes } = await this.#engine.saveSnapshot();
    // A file given while the snapshot was written is not in it: the next save writes another.
    if (this.#workspace.busy || this.#workspace.files !== files) return;
    this.#snapshotSignature = signature;
    this.#inSnapshot = new Map(
      files.filter((f) => f.sourceId !== null).map((f) => [f.id, f.sourceId as number]),
    );
    this.snapshotBytes = bytes;
  }

  async #reopen(hasLinkState: boolean): Promise<void> {
    const started = performance.now();
    const record = parseRecord(await readRecord().catch(() => null));
    if (!record || record.files.length + record.samples.length === 0) return;
    this.status = 'restoring';
    try {
      const sampleFiles = await this.#storedSamples(record.samples);
      const found = await Promise.all(
        record.files.map(async (f) => ({ f, blob: await storedFile(f.key) })),
      );
      const present = found.filter((x): x is { f: RecordFile; blob: File } => x.blob !== null);
      const lost = found.length - present.length + record.samples.length - sampleFiles.length;
      for (const { f, blob } of present) {
        this.#keys.set(blob, f.key);
        this.#storedKeys.add(f.key);
      }
      this.fileBytes = [...present, ...sampleFiles].reduce((sum, x) => sum + x.blob.size, 0);
      // Set apart by their paths again, as in a drop: nothing of them is in the engine.
      if (sampleFiles.length > 0) void this.#workspace.add(sampleFiles);
      this.#phases = { started: started, recordRead: performance.now() };
      const kept = present.filter((x) => x.f.loaded);
      const adopted = kept.length > 0 ? await this.#restoreSnapshot(kept) : [];
      if (adopted.length > 0) {
        this.#workspace.adopt(
          adopted.map(({ f, blob }) => ({
            name: f.name,
            blob,
            bytes: f.bytes,
            ...(f.loaded as NonNullable<RecordFile['loaded']>),
          })),
        );
        // The snapshot holds exactly these: a save with nothing new writes no new one.
        this.#inSnapshot = new Map(this.#workspace.files.map((w) => [w.id, w.sourceId as number]));
        this.#snapshotSignature = this.#workspace.files
          .map((w) => `${w.id}:${w.sourceId}:${w.status}`)
          .join(',');
        this.#phases.adopted = performance.now();
        await this.#engine
          .reattach(
            adopted.map(({ f, blob }) => ({
              sourceId: (f.loaded as NonNullable<RecordFile['loaded']>).sourceId,
              blob,
            })),
          )
          .catch(() => undefined); // The samples inside them stay away; the rest is back.
        await this.#workspace.refresh();
        this.#phases.refreshed = performance.now();
      }
      if (adopted.length > 0) void this.#whenPointsIn(adopted);
      const again = present.filter((x) => !adopted.includes(x));
      if (!hasLinkState && record.view) this.#openView(record.view);
      this.#workspace.notes.merge(record.notes);
      this.reopened = {
        files: present.length,
        readAgain: again.length,
        ms: Math.round(performance.now() - started),
        phases: Object.fromEntries(
          Object.entries(this.#phases).map(([k, v]) => [k, Math.round(v)]),
        ),
      };
      this.message =
        lost > 0
          ? `${lost} of the kept files were no longer in this browser's storage (it may have been cleared).`
          : null;
      this.status = 'saved';
      if (again.length > 0)
        await this.#workspace.add(again.map(({ f, blob }) => ({ name: f.name, blob })));
    } catch (error) {
      this.status = 'failed';
      this.message = `The kept workspace could not be reopened: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async #storedSamples(samples: readonly RecordSample[]): Promise<{ name: string; blob: File }[]> {
    const found = await Promise.all(
      samples.map(async (f) => ({ f, blob: await storedFile(f.key) })),
    );
    const present = found.filter((x): x is { f: RecordSample; blob: File } => x.blob !== null);
    for (const { f, blob } of present) {
      this.#keys.set(blob, f.key);
      this.#storedKeys.add(f.key);
    }
    return present.map(({ f, blob }) => ({ name: f.name, blob }));
  }

  /** Reads the engine's snapshot back; the kept files it holds, or none (then all are read again). */
  async #restoreSnapshot<T extends { f: RecordFile }>(kept: T[]): Promise<T[]> {
    let restored;
    try {
      restored = await this.#engine.restoreSnapshot();
    } catch {
      // A snapshot of another version, or a damaged one: the files are read again instead.
      return [];
    }
    if (!restored) return [];
    const { reports, bytes, phases } = restored;
    this.#phases.snapshotRestored = performance.now();
    for (const [k, v] of Object.entries(phases)) this.#phases[`worker.${k}`] = v;
    this.snapshotBytes = bytes;
    const held = new Set(reports.map((r) => r.sourceId));
    const matched = kept.filter((x) => x.f.loaded && held.has(x.f.loaded.sourceId));
    // Sources the record does not know (it was written before a later snapshot) are let go.
    const known = new Set<number>();
    const know = (r: SourceReport) => {
      known.add(r.sourceId);
      r.children.forEach(know);
    };
    for (const x of matched) if (x.f.loaded) know(x.f.loaded.report);
    for (const r of reports) if (!known.has(r.sourceId)) await this.#engine.remove(r.sourceId);
    return matched;
  }

  /** Should the snapshot's points not follow, the engine is empty: its files are read again. */
  async #whenPointsIn(adopted: { f: RecordFile; blob: File }[]): Promise<void> {
    const problem = await this.#engine.snapshotSettled();
    if (problem === null) return;
    const blobs = new Set<Blob>(adopted.map((x) => x.blob));
    this.#workspace.files = this.#workspace.files.filter((f) => !blobs.has(f.blob));
    this.#inSnapshot.clear();
    this.#snapshotSignature = '';
    this.message = `The kept state could not be read back (${problem}); the files are being read again.`;
    await this.#workspace.add(adopted.map(({ f, blob }) => ({ name: f.name, blob })));
  }

  #openView(view: unknown): void {
    try {
      this.#link.open(validateViewState(view));
    } catch {
      // A kept view that no longer validates is dropped; the files still load.
    }
  }
}

function available(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}
