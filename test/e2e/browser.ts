/** Headless Chromium (Debian's, driven by playwright-core) with a fresh profile per test file. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../../scripts/chromium.mjs';

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /**
   * Content-Security-Policy violations reported in the page and in its workers (the engine worker,
   * where Arrow and DuckDB run, has its own policy from its response header). A worker is watched
   * from the moment Playwright sees it.
   */
  cspViolations(): Promise<string[]>;
  close(): Promise<void>;
}

interface Recorded {
  cspViolations?: string[];
}

/** Runs in the page and in each worker: keeps every `securitypolicyviolation` it hears. */
function recordViolations() {
  const scope = globalThis as unknown as Recorded & EventTarget;
  if (scope.cspViolations) return;
  const seen: string[] = (scope.cspViolations = []);
  scope.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
  });
}

/** Opens the built page at `query`, from the preview server or from `baseUrl` when given. */
export async function openPage(query = '', baseUrl = inject('baseUrl')): Promise<OpenPage> {
  const profile = mkdtempSync(join(tmpdir(), 'lockstep-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await context.addInitScript(recordViolations);
  page.on('worker', (w) => void w.evaluate(recordViolations).catch(() => {}));
  await page.goto(new URL(query, baseUrl).toString());
  return {
    page,
    context,
    baseUrl,
    requests,
    errors,
    async cspViolations() {
      const read = () => (globalThis as unknown as Recorded).cspViolations ?? [];
      const inWorkers = await Promise.all(
        page.workers().map((w) => w.evaluate(read).catch(() => [])),
      );
      return [...(await page.evaluate(read)), ...inWorkers.flat()];
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Scrolls `section` into view until `until` is on the page, as a person keeps looking at it:
 * views above it may still be drawing and push it off the screen after a single scroll.
 */
export async function lookAt(page: Page, section: string, until: string, timeout = 30_000) {
  await page.waitForFunction(
    ([s, u]) => {
      if (document.querySelector(u)) return true;
      document.querySelector(s)?.scrollIntoView({ block: 'center' });
      return false;
    },
    [section, until] as const,
    { timeout, polling: 250 },
  );
}
