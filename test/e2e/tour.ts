/**
 * A walk through every view of the loaded page as a person takes it: each view scrolled to and
 * drawn, the pointer over its charts until a tooltip or readout shows, and every export clicked.
 * Used by the tests that check the page under its CSP and with hostile names.
 */

import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { lookAt, type OpenPage } from './browser';

export interface Tour {
  /** Downloaded files by their suggested name, as text (PNG files as their byte length). */
  downloads: Map<string, string>;
  /** The Markdown the page offered to copy, by view. */
  markdown: { sameStep: string; statistics: string };
  /** Tooltips and readouts that appeared, by where. */
  shown: string[];
}

const drawn = (page: Page, mark: string) =>
  page.waitForFunction(
    (name) => performance.getEntriesByName(name).length > 0,
    `lockstep:${mark}-drawn`,
    { timeout: 30_000 },
  );

async function download(page: Page, button: Locator, into: Map<string, string>) {
  await button.scrollIntoViewIfNeeded();
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  const name = file.suggestedFilename();
  into.set(
    name,
    name.endsWith('.png') ? String(readFileSync(path).length) : readFileSync(path, 'utf8'),
  );
}

/** Moves the pointer onto the first painted pixel of a canvas; says whether `appears` then shows. */
async function pointAtPaint(page: Page, canvas: Locator, appears: string): Promise<boolean> {
  await canvas.scrollIntoViewIfNeeded();
  const at = await canvas.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data;
    const scale = el.width / el.getBoundingClientRect().width;
    for (let i = 3; data && i < data.length; i += 4)
      if (data[i] > 200) {
        const p = (i - 3) / 4;
        return { x: (p % el.width) / scale, y: Math.floor(p / el.width) / scale };
      }
    return null;
  });
  const box = await canvas.boundingBox();
  if (!at || !box) return false;
  await page.mouse.move(box.x + at.x + 2, box.y + at.y + 2);
  return (await page.waitForSelector(appears, { timeout: 2000 }).catch(() => null)) !== null;
}

/** Moves the pointer over `area` row by row until `appears` is on the page; says whether it did. */
async function pointUntil(page: Page, area: Locator, appears: string): Promise<boolean> {
  await area.scrollIntoViewIfNeeded();
  const box = await area.boundingBox();
  if (!box) return false;
  for (let fy = 0.1; fy < 1; fy += 0.1)
    for (let fx = 0.05; fx < 1; fx += 0.05) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      if (await page.$(appears)) return true;
    }
  return false;
}

export async function tourEveryView(open: OpenPage): Promise<Tour> {
  const { page } = open;
  const downloads = new Map<string, string>();
  const shown: string[] = [];
  await open.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(open.baseUrl).origin,
  });
  const share = (label: string) => page.click(`[data-testid=share-bar] >> text=${label}`);

  if (await page.$('[data-testid=same-step] .empty')) {
    const rows = page.locator('[data-testid=run-row] input[type=checkbox]');
    const n = Math.min(await rows.count(), 6);
    for (let i = 0; i < n; i++) await rows.nth(i).check();
  }
  await share('Same step');
  await page.waitForSelector('[data-testid=align-row]');
  await download(page, page.locator('[data-testid=download-csv]'), downloads);
  await page.click('[data-testid=copy-markdown]');
  const sameStep = await page.inputValue('[data-testid=markdown-text]');

  await share('Curves');
  await drawn(page, 'curve');
  const chart = page.locator('[data-testid=curve-chart]').first();
  if (await pointUntil(page, chart.locator('svg').first(), '[data-testid=readout]'))
    shown.push('curve readout');
  await page.locator('[data-testid=legend-run]').first().hover();
  for (const label of ['PNG', 'SVG'])
    await download(page, chart.locator(`button:text-is("${label}")`), downloads);
  await download(page, chart.locator('[data-testid=chart-csv]'), downloads);

  await share('Sweep');
  await drawn(page, 'parcoords');
  const parcoords = page.locator('[data-testid=parcoords]');
  if (await pointUntil(page, parcoords.locator('canvas').first(), '[data-testid=parcoords] b'))
    shown.push('parallel coordinates run name');
  for (const label of ['PNG', 'SVG'])
    await download(page, parcoords.locator(`button:text-is("${label}")`), downloads);
  await download(
    page,
    page.locator('[data-testid=sweep] button:text-is("Download CSV")'),
    downloads,
  );
  await drawn(page, 'scatter');
  if (
    await pointAtPaint(
      page,
      page.locator('[data-testid=scatter] canvas').first(),
      '[data-testid=scatter-tooltip]',
    )
  )
    shown.push('scatter tooltip');

  await share('Runs');
  await page.locator('[data-testid=run-row]').first().hover();

  await share('Compare');
  await drawn(page, 'compare');
  await page.locator('[data-testid=compare-row]').first().hover();
  const scalarCsv = page.locator('[data-testid=scalar-csv]');
  if (await scalarCsv.isEnabled()) await download(page, scalarCsv, downloads);

  await share('Statistics');
  await lookAt(page, '[data-testid=statistics]', '[data-testid=stats-markdown]');
  await drawn(page, 'statistics');
  await page.click('[data-testid=stats-markdown]');
  const statistics = await page.inputValue('[data-testid=stats-markdown-text]');

  await page.click('[data-testid=copy-link]');
  await page.mouse.move(0, 0);
  return { downloads, markdown: { sameStep, statistics }, shown };
}
