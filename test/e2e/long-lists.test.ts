/**
 * Long lists render in steps, a few items a task, so that no task creates them all: the runs
 * table of a sweep (only the rows in view are in the DOM, the spacers keep the scroll height of
 * every run, down to the last one) and the same-step table's column per baseline.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

const RUNS = 300;
const ROW_HEIGHT = 29;
const csv = [
  'name,lr,seed',
  ...Array.from(
    { length: RUNS },
    (_, i) => `run-${String(i).padStart(3, '0')},${1e-4 * (i + 1)},${i % 5}`,
  ),
].join('\n');

// Runs with a loss curve, for the same-step table and the statistics: 120 runs, 20 steps each.
const CURVE_RUNS = 120;
/** Baselines the same-step table shows at most (the CSV has every one). */
const SHOWN_BASELINES = 100;
const metrics = [
  'run,step,metric,value',
  ...Array.from({ length: CURVE_RUNS }, (_, r) =>
    Array.from(
      { length: 20 },
      (_, s) => `curve-${r},${s + 1},loss,${(1 / (s + 1 + r)).toFixed(6)}`,
    ),
  ).flat(),
].join('\n');

let open: OpenPage;
let rowsWithTheRuns: number;
beforeAll(async () => {
  open = await openPage();
  // Rows in the DOM when the run count first reads RUNS, as the same task left them.
  await open.page.evaluate((runs) => {
    const w = window as unknown as { rowsWithTheRuns?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=run-count]')?.textContent !== String(runs)) return;
      w.rowsWithTheRuns = document.querySelectorAll('[data-testid=run-row]').length;
      observer.disconnect();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, RUNS);
  await open.page.setInputFiles('[data-testid=file-input]', [
    { name: 'sweep_runs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
  ]);
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  rowsWithTheRuns = await open.page.evaluate(
    () => (window as unknown as { rowsWithTheRuns: number }).rowsWithTheRuns,
  );
});
afterAll(async () => open?.close());

/** The rows the table keeps in view at the top: the window's 70 % and five rows of margin. */
const windowRows = () =>
  open.page.evaluate((h) => Math.ceil(Math.round(window.innerHeight * 0.7) / h) + 10, ROW_HEIGHT);
const shownNames = () =>
  open.page.$$eval('[data-testid=run-row] [data-col=name]', (ths) =>
    ths.map((th) => th.textContent),
  );

describe('the runs table of 300 runs', () => {
  it('creates a few rows with the runs, then the rest of the rows in view', async () => {
    expect(rowsWithTheRuns).toBeGreaterThan(0);
    expect(rowsWithTheRuns).toBeLessThan(await windowRows());
    await open.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=run-row]').length === n,
      await windowRows(),
    );
    const names = await shownNames();
    expect(names).toEqual(
      Array.from({ length: names.length }, (_, i) => `run-${String(i).padStart(3, '0')}`),
    );
  });

  it('keeps the height of every run in its spacers and shows the last run at the bottom', async () => {
    const bottom = await open.page.$eval(
      '[data-testid=runs-table] tbody tr.spacer:last-child',
      (tr) => tr.getBoundingClientRect().height,
    );
    expect(bottom).toBe((RUNS - (await windowRows())) * ROW_HEIGHT);
    await open.page.$eval('.runs .table-scroll', (el) => (el.scrollTop = el.scrollHeight));
    await open.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=run-row] [data-col=name]')].some(
        (th) => th.textContent === 'run-299',
      ),
    );
    const names = await shownNames();
    expect(names.at(-1)).toBe('run-299');
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the compare view of 300 runs', () => {
  it('compares the first 200 side by side and says so', async () => {
    await open.page.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
    await open.page.waitForSelector('[data-testid=compare-capped]');
    expect(await open.page.textContent('[data-testid=compare] .count')).toBe('200 runs');
    expect(await open.page.textContent('[data-testid=compare-capped]')).toMatch(
      /Comparing the first 200 of 300 runs, in the runs table's order/,
    );
  });
});

describe('the same-step table and the statistics of 120 runs with a loss curve', () => {
  let fresh: OpenPage;
  afterAll(async () => fresh?.close());

  it('draws a few baselines, then up to a hundred, each read at the student’s step', async () => {
    fresh = await openPage();
    const { page } = fresh;
    await page.setInputFiles('[data-testid=file-input]', [
      { name: 'loss_long.csv', mimeType: 'text/csv', buffer: Buffer.from(metrics) },
    ]);
    await page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
    // With this many runs, the same-step view compares the selected ones: select them all.
    await page.evaluate(() => {
      const w = window as unknown as { baselinesFirstShown?: number };
      new MutationObserver((_, observer) => {
        const table = document.querySelector('[data-testid=align-table]');
        if (!table) return;
        w.baselinesFirstShown = table.querySelectorAll('[data-testid=align-cell]').length;
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.check('[aria-label="Select all shown runs"]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=align-cell]').length === n,
      SHOWN_BASELINES,
      { timeout: 30_000 },
    );
    const first = await page.evaluate(
      () => (window as unknown as { baselinesFirstShown: number }).baselinesFirstShown,
    );
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(SHOWN_BASELINES);
    expect(await page.textContent('[data-testid=align-capped]')).toMatch(
      /The first 100 of 119 baselines: the CSV download has every one/,
    );
    const cells = await page.$$eval('[data-testid=align-cell]', (tds) =>
      tds.map((td) => [td.getAttribute('data-run'), td.getAttribute('data-steps')] as const),
    );
    // Every run logged steps 1–20, so every baseline is read at the student's last step exactly.
    expect(new Set(cells.map(([run]) => run)).size).toBe(SHOWN_BASELINES);
    expect(new Set(cells.map(([, steps]) => steps))).toEqual(new Set(['20']));
  });

  it('lists a hundred runs as students, finds the others by name, and keeps the one picked', async () => {
    const { page } = fresh;
    await page.locator('[data-testid=same-step]').scrollIntoViewIfNeeded();
    const options = () =>
      page.$$eval('[data-testid=student-select] option', (os) =>
        os.map((o) => (o as HTMLOptionElement).label),
      );
    const listed = await options();
    // "automatic", a hundred runs, and the count of the others.
    expect(listed).toHaveLength(102);
    expect(listed.at(-1)).toBe('… 20 more: type part of a name');
    expect(listed).not.toContain('curve-117');
    await page.fill('[data-testid=student-filter]', 'curve-11');
    // The automatic student (the first run) stays listed, so that the select can show it.
    await expect
      .poll(options)
      .toEqual([
        'automatic',
        'curve-0',
        ...Array.from({ length: 11 }, (_, i) => `curve-11${i === 0 ? '' : i - 1}`),
      ]);
    await page.selectOption('[data-testid=student-select]', { label: 'curve-117' });
    await page.waitForSelector('[data-testid=student][data-run-key]');
    await expect
      .poll(() => page.textContent('[data-testid=student]'))
      .toMatch(/^Student: curve-117, picked by you/);
    // Another search leaves the student picked and listed.
    await page.fill('[data-testid=student-filter]', 'curve-2');
    await expect.poll(async () => (await options())[1]).toBe('curve-117');
    expect(
      await page.$eval('[data-testid=student-select]', (s) => (s as HTMLSelectElement).value),
    ).not.toBe('auto');
  });

  it('fills the curves legend of a new selection 50 entries a task, from the first', async () => {
    const { page } = fresh;
    const entries = () => page.locator('.runs-legend li').count();
    await expect.poll(entries).toBe(CURVE_RUNS);
    await page.evaluate(() => {
      const w = window as unknown as { legendFirstShown?: number };
      const legend = document.querySelector('.runs-legend') as Element;
      new MutationObserver((_, observer) => {
        w.legendFirstShown = legend.querySelectorAll('li').length;
        observer.disconnect();
      }).observe(legend, { childList: true });
    });
    // Another selection, one that starts with another run: every run but the first.
    await page.uncheck('[aria-label="Select curve-0"]');
    await expect.poll(entries).toBe(CURVE_RUNS - 1);
    const first = await page.evaluate(
      () => (window as unknown as { legendFirstShown: number }).legendFirstShown,
    );
    expect(first).toBeLessThanOrEqual(50);
    const names = await page.$$eval('.runs-legend li .run-name', (els) =>
      els.map((e) => e.textContent),
    );
    expect(names.slice(0, 3)).toEqual(['curve-1', 'curve-2', 'curve-3']);
    await page.check('[aria-label="Select curve-0"]');
    await expect.poll(entries).toBe(CURVE_RUNS);
  });

  it('tests nothing past 50 groups, and says how to get fewer', async () => {
    const { page } = fresh;
    await page.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=stats-grouping]', 'none');
    const text = await page.textContent('[data-testid=stats-too-many]');
    expect(text).toMatch(/120 groups: too many to test one against another \(at most 50\)/);
    expect(await page.locator('[data-testid=stats-reference]').count()).toBe(0);
    // The same config, any seed: these runs have no hyperparameters, so they are one group.
    await page.selectOption('[data-testid=stats-grouping]', 'seeds');
    await page.waitForSelector('[data-testid=stats-reference]');
    expect(await page.locator('[data-testid=stats-too-many]').count()).toBe(0);
  });
});
