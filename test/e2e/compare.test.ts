/** The compare view of the sample runs: differences from the base, following the base when it changes. */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples');
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await open.page.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
  await open.page.waitForSelector('[data-testid=compare-row]');
});
afterAll(async () => open?.close());

const [header, ...sampleRuns] = csvParseRows(readFileSync('public/samples/runs.csv', 'utf8'));
const param = (run: string[], key: string) => run[header.indexOf(`params.${key}`)];

async function differing(key: string): Promise<boolean[]> {
  return open.page.$$eval(
    `[data-testid=compare-row][data-key="${key}"] [data-testid=compare-cell]`,
    (cells) => cells.map((c) => c.getAttribute('data-differs') === 'true'),
  );
}

describe('the compare view of the sample runs', () => {
  it('marks the hyperparameters that differ from the base run, the first column', async () => {
    const base = sampleRuns[0];
    for (const key of ['lr', 'warmup_steps', 'seed', 'optimizer'])
      expect(await differing(`hyperparameters/${key}`), key).toEqual(
        sampleRuns.map((r) => param(r, key) !== param(base, key)),
      );
  });

  it('follows a new base run', async () => {
    await open.page.click('[data-testid=compare-column] >> nth=4 >> [data-testid=make-base]');
    const base = sampleRuns[4];
    await open.page.waitForSelector('[data-testid=compare-column].base >> text=' + base[0]);
    for (const key of ['lr', 'seed'])
      expect(await differing(`hyperparameters/${key}`), key).toEqual(
        sampleRuns.map((r) => param(r, key) !== param(base, key)),
      );
  });

  it('hides identical fields when asked, keeping every difference', async () => {
    const before = await open.page.$$eval('[data-testid=compare-row]', (rows) =>
      rows.map((r) => [r.getAttribute('data-key'), r.getAttribute('data-differs')]),
    );
    await open.page.check('[data-testid=hide-identical]');
    const after = await open.page.$$eval('[data-testid=compare-row]', (rows) =>
      rows.map((r) => [r.getAttribute('data-key'), r.getAttribute('data-differs')]),
    );
    expect(after.every(([, d]) => d === 'true')).toBe(true);
    expect(after).toEqual(before.filter(([, d]) => d === 'true'));
    const count = await open.page.textContent('[data-testid=difference-count]');
    expect(count).toContain(`${after.length} fields differ`);
  });

  it('downloads the scalar table as the page shows it', async () => {
    await open.page.locator('[data-testid=scalar-table]').scrollIntoViewIfNeeded();
    await open.page.waitForSelector('[data-testid=scalar-row]');
    const shown = await open.page.$$eval('[data-testid=scalar-row]', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-metric'),
        ...[...r.querySelectorAll('[data-testid=scalar-cell]')].flatMap((c) => [
          c.getAttribute('data-value'),
          c.getAttribute('data-step'),
        ]),
      ]),
    );
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click('[data-testid=scalar-csv]'),
    ]);
    const [head, ...rows] = csvParseRows(readFileSync(await download.path(), 'utf8'));
    expect(head.slice(0, 3)).toEqual(['metric', 'direction', 'rule']);
    expect(rows.map((r) => [r[0], ...r.slice(3)])).toEqual(shown);
    expect(shown.length).toBe(5);
  });

  it('jumps to the next difference with the button and the n key', async () => {
    await open.page.click('[data-testid=next-difference]');
    const first = await open.page.getAttribute('tr.current', 'data-key');
    await open.page.keyboard.press('n');
    const second = await open.page.getAttribute('tr.current', 'data-key');
    expect(first).not.toBeNull();
    expect(second).not.toBe(first);
    expect(open.errors).toEqual([]);
  });
});
