/**
 * The runs table of a sweep: only the rows in view are in the DOM, the first of them arrive with
 * the runs and the rest a task later (so no task creates them all), and the spacers keep the
 * scroll height of every run, down to the last one.
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
  await open.page.setInputFiles('[data-testid=file-input]', {
    name: 'sweep_runs.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
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
