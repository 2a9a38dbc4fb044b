/**
 * A watched folder while a run trains: rows appended to a file update the same-step table without
 * a reload. The folder is in the origin-private file system (OPFS), whose handles are the same
 * FileSystemDirectoryHandle a picked folder gives; they go through the same `watchFolder`.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?debug&watchEveryMs=300');
});
afterAll(async () => open?.close());

interface LivePage {
  lockstep: {
    live: {
      watchFolder(dir: FileSystemDirectoryHandle): Promise<void>;
      look(): Promise<void>;
      entries: unknown[];
      lastUpdate: unknown;
    };
  };
}

describe('a watched folder', () => {
  it('updates the same-step table when rows are appended to a watched CSV', async () => {
    const { page } = open;
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('live', { create: true });
      const write = async (run: string, text: string) => {
        const sub = await dir.getDirectoryHandle(run, { create: true });
        const file = await sub.getFileHandle('metrics.csv', { create: true });
        const w = await file.createWritable();
        await w.write(text);
        await w.close();
      };
      await write('student', 'step,loss\n1,0.9\n2,0.8\n3,0.7\n4,0.6');
      await write(
        'baseline',
        'step,loss\n1,1\n2,0.95\n3,0.9\n4,0.85\n5,0.8\n6,0.75\n7,0.7\n8,0.65\n',
      );
      await (window as unknown as LivePage).lockstep.live.watchFolder(dir);
    });
    const studentCell = page.locator('[data-testid=student-cell]').first();
    // The half-written "4,0.6" (no line break yet) is not read: the student is at step 3.
    await expect.poll(() => studentCell.getAttribute('data-x-star')).toBe('3');
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('live');
      const file = await (await dir.getDirectoryHandle('student')).getFileHandle('metrics.csv');
      const size = (await file.getFile()).size;
      const w = await file.createWritable({ keepExistingData: true });
      await w.seek(size);
      await w.write('5\n5,0.55\n6,0.5\n');
      await w.close();
    });
    await expect.poll(() => studentCell.getAttribute('data-x-star'), { timeout: 10_000 }).toBe('6');
    expect(await studentCell.getAttribute('data-value')).toBe('0.5');
    const baseline = await page.locator('[data-testid=align-row] td').allTextContents();
    expect(baseline.join(' ')).toMatch(/0\.75/);
    const live = await page.locator('[data-testid=live-run]').allTextContents();
    expect(live.join(' ')).toMatch(/student.*updated/);
    await page.screenshot({ path: '.shots/live.png', fullPage: false });
    expect(open.errors).toEqual([]);
  });

  it('changes nothing on the page when a look finds no file changed', async () => {
    const { page } = open;
    const outcome = await page.evaluate(async () => {
      const { live } = (window as unknown as LivePage).lockstep;
      const section = document.querySelector('[data-testid=live]');
      let changes = 0;
      const observer = new MutationObserver((records) => {
        changes += records.filter((r) => !section?.contains(r.target)).length;
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      // Quiet first: the views may still be drawing what the last append brought.
      for (let quiet = 0; quiet < 5;) {
        const before = changes;
        await new Promise((resolve) => setTimeout(resolve, 100));
        quiet = changes === before ? quiet + 1 : 0;
      }
      const entries = live.entries;
      const update = live.lastUpdate;
      changes = 0;
      await live.look();
      await live.look();
      // The page's own timer (every 300 ms here) looks too.
      await new Promise((resolve) => setTimeout(resolve, 700));
      observer.disconnect();
      return {
        changes,
        sameEntries: live.entries === entries,
        sameUpdate: live.lastUpdate === update,
      };
    });
    expect(outcome).toEqual({ changes: 0, sameEntries: true, sameUpdate: true });
  });
});
