#!/usr/bin/env node
/**
 * Takes a screenshot of the built page: node scripts/screenshot.mjs [out.png] [query] [folder to pick].
 * By default the sample runs are loaded (`?samples`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const out = process.argv[2] ?? 'docs/screenshot.png';
const query = process.argv[3] ?? '?samples';
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = new URL(query, server.resolvedUrls.local[0]).toString();
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'shot-')), {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_FLAGS,
  viewport: { width: 1280, height: Number(process.env.SHOT_HEIGHT ?? 860) },
  timezoneId: 'UTC',
});
const page = context.pages()[0];
await page.goto(url);
if (process.argv[4]) await page.setInputFiles('[data-testid=folder-input]', process.argv[4]);
await page.waitForFunction(
  () => document.querySelectorAll('[data-testid=run-row]').length > 0,
  null,
  { timeout: 30000 },
);
await page.waitForFunction(
  () => document.querySelector('main')?.getAttribute('data-busy') === 'false',
  null,
  { timeout: 60000 },
);
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: Boolean(process.env.SHOT_FULL) });
await context.close();
server.httpServer.close();
console.log(`wrote ${out}`);
