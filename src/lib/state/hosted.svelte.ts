/**
 * The hosted files a page was told to load (`?src=`, `sources.json`): which are waiting for the
 * user's yes, fetching (with progress), or failed and why. Fetched files go to the workspace in
 * batches, so a manifest of a thousand small files is read like a dropped folder, not a thousand
 * drops; a failure of one leaves the others loading.
 */

import type { PickedFile } from '../files/collect';
import { fetchSource, SourceFetchError, type FetchProgress } from '../files/fetch-source';
import { originOf, type HostedSource, type SourceList } from '../files/hosted-sources';

export type HostedStatus =
  'asking' | 'queued' | 'fetching' | 'fetched' | 'failed' | 'skipped' | 'blocked';

export interface HostedEntry extends HostedSource {
  id: number;
  origin: string;
  status: HostedStatus;
  bytes: number;
  total: number | null;
  message: string | null;
}

interface Target {
  add(picked: PickedFile[]): Promise<void>;
}

type Fetcher = typeof fetchSource;

const CONCURRENT_FETCHES = 4;
/** Fetched files wait at most this long for others before going to the engine together. */
const HAND_OVER_EVERY_MS = 300;
const PROGRESS_EVERY_MS = 100;

export class HostedSources {
  #target: Target;
  #fetch: Fetcher;
  #pageOrigin: string;
  /** Whether the page's own policy lets it fetch from an origin (null: unknown). */
  #policyAllows: (origin: string) => boolean | null;
  #nextId = 1;
  #active = 0;
  #pending: PickedFile[] = [];
  #handOver: ReturnType<typeof setTimeout> | null = null;
  #idle: (() => void)[] = [];
  /** Replaced whole on each change, never mutated. */
  entries = $state.raw<HostedEntry[]>([]);
  problems = $state.raw<string[]>([]);
  /** Origins outside the allow-list with files waiting for the user's answer. */
  readonly asking = $derived(askingOrigins(this.entries));
  readonly fetchedCount = $derived(this.entries.filter((e) => e.status === 'fetched').length);

  constructor(
    target: Target,
    options: {
      fetch?: Fetcher;
      pageOrigin?: string;
      policyAllows?: (origin: string) => boolean | null;
    } = {},
  ) {
    this.#target = target;
    this.#fetch = options.fetch ?? fetchSource;
    this.#pageOrigin = options.pageOrigin ?? location.origin;
    this.#policyAllows = options.policyAllows ?? (() => null);
  }

  /** Takes the listed sources: trusted ones start fetching, others wait for `allow`. */
  start(list: SourceList): void {
    const known = new Set(this.entries.map((e) => e.url)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
    const added = list.sources
      .filter((s) => !known.has(s.url))
      .map((s): HostedEntry => {
        const origin = originOf(s.url);
        const blocked = s.trust === 'ask' && this.#policyAllows(origin) === false;
        return {
          ...s,
          id: this.#nextId++,
          origin,
          status: blocked ? 'blocked' : s.trust === 'ask' ? 'asking' : 'queued',
          bytes: 0,
          total: null,
          message: blocked
            ? `${s.url}: this page's security policy does not let it fetch from ${origin}. Whoever hosts Lockstep can allow it by building with VITE_LOCKSTEP_SOURCE_ORIGINS="${origin}", or put the file beside the page.`
            : null,
        };
      });
    this.entries = [...this.entries, ...added];
    if (list.problems.length > 0) this.problems = [...this.problems, ...list.problems];
    this.#pump();
  }

  allow(origin: string): void {
    this.#set((e) => e.origin === origin && e.status === 'asking', { status: 'queued' });
    this.#pump();
  }

  skip(origin: string): void {
    this.#set((e) => e.origin === origin && e.status === 'asking', { status: 'skipped' });
    this.#settle();
  }

  retry(id: number): void {
    this.#set((e) => e.id === id && e.status === 'failed', {
      status: 'queued',
      message: null,
      bytes: 0,
    });
    this.#pump();
  }

  dismissProblems(): void {
    this.problems = [];
  }

  /** Resolves once nothing is fetching or queued and every fetched file went to the workspace. */
  settled(): Promise<void> {
    if (this.#isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#active < CONCURRENT_FETCHES) {
      const next = this.entries.find((e) => e.status === 'queued');
      if (!next) break;
      this.#active++;
      this.#set((e) => e.id === next.id, { status: 'fetching' });
      void this.#fetchOne(next).finally(() => {
        this.#active--;
        this.#pump();
        this.#settle();
      });
    }
  }

  async #fetchOne(entry: HostedEntry): Promise<void> {
    let shown = 0;
    const onProgress = ({ bytes, total }: FetchProgress) => {
      const now = performance.now();
      if (now - shown < PROGRESS_EVERY_MS) return;
      shown = now;
      this.#set((e) => e.id === entry.id, { bytes, total });
    };
    try {
      const blob = await this.#fetch(entry.url, { onProgress, pageOrigin: this.#pageOrigin });
      this.#set((e) => e.id === entry.id, {
        status: 'fetched',
        bytes: blob.size,
        total: blob.size,
      });
      this.#pending.push({ name: entry.name, blob });
      this.#handOver ??= setTimeout(() => this.#flush(), HAND_OVER_EVERY_MS);
    } catch (error) {
      const message =
        error instanceof SourceFetchError
          ? error.message
          : `${entry.url}: ${error instanceof Error ? error.message : String(error)}`;
      this.#set((e) => e.id === entry.id, { status: 'failed', message });
    }
  }

  /** Hands the fetched files to the workspace now if nothing else is on its way. */
  #settle(): void {
    if (this.#active === 0 && !this.entries.some((e) => e.status === 'queued')) this.#flush();
    else if (this.#isSettled()) this.#wake();
  }

  #flush(): void {
    if (this.#handOver !== null) clearTimeout(this.#handOver);
    this.#handOver = null;
    const picked = this.#pending;
    this.#pending = [];
    const added = picked.length > 0 ? this.#target.add(picked) : Promise.resolve();
    void added.finally(() => {
      if (this.#isSettled()) this.#wake();
    });
  }

  #isSettled(): boolean {
    return (
      this.#active === 0 &&
      this.#pending.length === 0 &&
      !this.entries.some((e) => e.status === 'queued' || e.status === 'fetching')
    );
  }

  #wake(): void {
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #set(which: (e: HostedEntry) => boolean, change: Partial<HostedEntry>): void {
    this.entries = this.entries.map((e) => (which(e) ? { ...e, ...change } : e));
  }
}

function askingOrigins(entries: readonly HostedEntry[]): { origin: string; urls: string[] }[] {
  const byOrigin = new Map<string, string[]>(); // eslint-disable-line svelte/prefer-svelte-reactivity -- a lookup, not state
  for (const e of entries) {
    if (e.status !== 'asking') continue;
    const urls = byOrigin.get(e.origin);
    if (urls) urls.push(e.url);
    else byOrigin.set(e.origin, [e.url]);
  }
  return [...byOrigin].map(([origin, urls]) => ({ origin, urls }));
}
