/**
 * A categorical axis with more categories than labels fit: every category keeps a tick, a window
 * of them is labelled, and the wheel over the axis scrolls the window through all of them.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

const CATEGORIES = 80;
const arch = (k: number) => `arch-${String(k).padStart(2, '0')}`;
const csv = [
  'run,state,params.arch,params.lr,summary.val/acc',
  ...Array.from(
    { length: CATEGORIES },
    (_, k) =>
      `run-${k},finished,${arch(k)},${(k % 7) / 1000 + 0.001},${(0.5 + k / 200).toFixed(3)}`,
  ),
].join('\n');

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?debug');
  await open.page.setInputFiles('[data-testid=file-input]', {
    name: 'many-archs.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await open.page.waitForFunction(
    (n) =>
      (window as unknown as { lockstep: { workspace: { runs: unknown[]; busy: boolean } } })
        .lockstep?.workspace.runs.length === n,
    CATEGORIES,
  );
  await open.page.locator('[data-testid=sweep]').scrollIntoViewIfNeeded();
  await open.page.waitForSelector('[data-testid=category-window]');
});
afterAll(async () => open?.close());

const labels = () =>
  open.page.$$eval('[data-testid=category-label] title', (ts) => ts.map((t) => t.textContent));
const windowText = () => open.page.textContent('[data-testid=category-window]');

describe('an axis of many categories', () => {
  it('labels a window of consecutive categories and says which', async () => {
    const shown = await labels();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(CATEGORIES);
    // From the top of the axis: the last categories first.
    expect(shown[0]).toBe(arch(CATEGORIES - 1));
    expect(shown[1]).toBe(arch(CATEGORIES - 2));
    expect(await windowText()).toBe(`↕ 1–${shown.length} of ${CATEGORIES}`);
  });

  it('scrolls through every category with the wheel over the axis', async () => {
    const area = open.page.locator('[data-testid=brush-area][data-axis="param:arch"]');
    const box = await area.boundingBox();
    if (!box) throw new Error('no arch axis');
    await open.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const seen = new Set(await labels());
    const scrollY = await open.page.evaluate(() => window.scrollY);
    for (let k = 0; k < CATEGORIES && seen.size < CATEGORIES; k++) {
      const before = await windowText();
      await open.page.mouse.wheel(0, 120);
      await expect.poll(windowText).not.toBe(before);
      for (const l of await labels()) seen.add(l);
    }
    expect(seen.size).toBe(CATEGORIES);
    // The page itself did not scroll.
    expect(await open.page.evaluate(() => window.scrollY)).toBe(scrollY);
    const shown = await labels();
    expect(shown.at(-1)).toBe(arch(0));
    expect(await windowText()).toBe(
      `↕ ${CATEGORIES - shown.length + 1}–${CATEGORIES} of ${CATEGORIES}`,
    );
    await open.page
      .locator('[data-testid=parcoords]')
      .screenshot({ path: '.shots/sweep-many-categories.png' });
  });
});
