/** A worker that hangs is noticed, replaced, and every file the user gave is read again. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?debug&hangAfterMs=1500');
});
afterAll(async () => open?.close());

describe('the engine watchdog', () => {
  it('restarts a hung worker, tells the user, and reloads their files', async () => {
    const page = open.page;
    await page.setInputFiles('[data-testid=file-input]', [
      {
        name: 'a.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('run,step,metric,value\nalpha,1,loss,0.5\nbeta,2,loss,0.4\n'),
      },
    ]);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=run-count]')?.textContent === '2',
    );
    const started = Date.now();
    await page.evaluate(() => {
      const handle = (
        window as unknown as { lockstep: { engine: { hangForTest(ms: number): Promise<void> } } }
      ).lockstep;
      void handle.engine.hangForTest(60_000).catch(() => {});
    });
    await page.waitForSelector('.notice:has-text("stopped responding")', { timeout: 10_000 });
    await page.waitForSelector('.notice:has-text("your files were read again")', {
      timeout: 20_000,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    await page.waitForFunction(
      () => document.querySelector('main')?.getAttribute('data-busy') === 'false',
    );
    expect(await page.textContent('[data-testid=run-count]')).toBe('2');
    expect(await page.getAttribute('[data-testid=file]', 'data-status')).toBe('loaded');
    // The page stayed responsive throughout: it answers at once.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  });

  it('restarts a worker that crashed, and says so', async () => {
    const page = open.page;
    await page.evaluate(() => {
      const handle = (
        window as unknown as { lockstep: { engine: { crashForTest(): Promise<void> } } }
      ).lockstep;
      void handle.engine.crashForTest();
    });
    await page.waitForSelector('.notice:has-text("the worker crashed")', { timeout: 10_000 });
    await page.waitForSelector('.notice:has-text("your files were read again")', {
      timeout: 20_000,
    });
    await page.waitForFunction(
      () => document.querySelector('main')?.getAttribute('data-busy') === 'false',
    );
    expect(await page.textContent('[data-testid=run-count]')).toBe('2');
  });
});
