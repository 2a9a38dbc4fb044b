/** The page as a new user first sees it: sample runs loaded, every number from the sample files. */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples');
  await open.page.waitForSelector('[data-testid=run-row]');
  await open.page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid=file]')].every(
      (f) => f.getAttribute('data-status') === 'loaded',
    ),
  );
});
afterAll(async () => open?.close());

function sampleRuns() {
  const [, ...rows] = readFileSync('public/samples/runs.csv', 'utf8').trim().split('\n');
  return rows.map((r) => r.split(','));
}

function sampleLastSteps(): Map<string, number> {
  const last = new Map<string, number>();
  const [, ...rows] = readFileSync('public/samples/metrics.csv', 'utf8').trim().split('\n');
  for (const row of rows) {
    const [run, step] = row.split(',');
    last.set(run, Math.max(last.get(run) ?? 0, Number(step)));
  }
  return last;
}

describe('the sample runs', () => {
  it('are all in the runs table, with their state and last step', async () => {
    const runs = sampleRuns();
    const last = sampleLastSteps();
    expect(await open.page.textContent('[data-testid=run-count]')).toBe(String(runs.length));
    const rows = await open.page.$$eval('[data-testid=run-row]', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('[data-col=name]')?.textContent,
        state: tr.querySelector('[data-col=state]')?.textContent,
        lastStep: tr.querySelector('[data-col=lastStep]')?.textContent,
      })),
    );
    expect(rows).toEqual(
      runs.map(([name, state]) => ({
        name,
        state,
        lastStep: (last.get(name) ?? 0).toLocaleString('en-US'),
      })),
    );
    expect(rows.filter((r) => r.state === 'running')).toHaveLength(1);
  });

  it('show every metric of the long CSV and the wide JSON Lines file', async () => {
    const names = await open.page.getAttribute(
      '[data-testid=run-row] [data-col=metrics]',
      'data-metric-names',
    );
    expect(names?.split('\n')).toEqual([
      'downstream/linear_acc',
      'lr',
      'train/loss',
      'val/acc',
      'val/loss',
    ]);
  });

  it('show the hyperparameters as columns', async () => {
    const headers = await open.page.$$eval('thead th.param', (ths) =>
      ths.map((th) => th.textContent?.trim()),
    );
    expect(headers).toEqual(
      expect.arrayContaining(['lr', 'optimizer', 'seed', 'warmup_steps', 'batch_size', 'model']),
    );
  });

  it('sort by a column and filter by name', async () => {
    const page = open.page;
    await page.click('thead button:has-text("Last step")');
    const first = await page.textContent('[data-testid=run-row]:first-child [data-col=lastStep]');
    expect(first).toBe('3,000');
    await page.click('thead button:has-text("Last step")');
    expect(await page.textContent('[data-testid=run-row]:first-child [data-col=lastStep]')).toBe(
      '1,000',
    );
    await page.fill('[data-testid=run-filter]', 'warmup500-s1');
    expect(
      await page.$$eval('[data-testid=run-row] [data-col=name]', (t) =>
        t.map((x) => x.textContent),
      ),
    ).toEqual(['vit-s16-adamw-lr3e-4-warmup500-s1']);
    await page.fill('[data-testid=run-filter]', '');
  });

  it('can be selected row by row', async () => {
    await open.page.check('[data-testid=run-row]:nth-child(2) input[type=checkbox]');
    expect(await open.page.textContent('.runs-head .selected')).toBe('1 selected');
  });

  it('never made a request to another origin', () => {
    const origin = new URL(open.baseUrl).origin;
    expect(open.requests.length).toBeGreaterThan(3);
    expect(
      open.requests.filter(
        (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
      ),
    ).toEqual([]);
    expect(open.errors).toEqual([]);
  });
});
