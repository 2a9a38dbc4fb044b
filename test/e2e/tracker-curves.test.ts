/**
 * TensorBoard pr_curves of two runs dropped as a folder: both runs overlaid, AP as computed by hand;
 * W&B curve tables of a run folder, per class.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chance,
  fair,
  good,
  prCurveEvent,
  prCurveFile,
} from '../unit/importers/tfevents/pr-curve-events';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
let root: string;

function write(path: string, bytes: Uint8Array) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
}

async function legend(): Promise<Record<string, string>> {
  return open.page.$$eval('[data-testid=tracker-legend] li', (items) =>
    Object.fromEntries(
      items.map((li) => [
        li.getAttribute('data-run') ?? '',
        li.querySelector('[data-testid=tracker-ap]')?.textContent ?? '',
      ]),
    ),
  );
}

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'lockstep-prc-')), 'exp');
  write(
    'runA/events.out.tfevents.1700000000.host.1.0',
    prCurveFile([prCurveEvent('val/pr', 1, chance), prCurveEvent('val/pr', 2, good)]),
  );
  write(
    'runB/events.out.tfevents.1700000000.host.2.0',
    prCurveFile([prCurveEvent('val/pr', 1, chance), prCurveEvent('val/pr', 2, fair)]),
  );
  open = await openPage();
  await open.page.setInputFiles('[data-testid=folder-input]', root);
  await open.page.waitForSelector('[data-testid=tracker-legend] li >> nth=1');
}, 60_000);
afterAll(async () => open?.close());

describe('tracker PR curves', () => {
  it('overlays both runs at the newest step, AP as hand-computed in pr-curve-events.ts', async () => {
    expect(await open.page.inputValue('[data-testid=tracker-step]')).toBe('2');
    const ap = await legend();
    expect(Object.keys(ap).sort()).toEqual(['dir:exp/runA', 'dir:exp/runB']);
    expect(Number(ap['dir:exp/runA'])).toBeCloseTo(0.5 + 0.1875 + 1 / 7, 3);
    expect(Number(ap['dir:exp/runB'])).toBeCloseTo(2 / 3, 3);
    expect(await open.page.locator('[data-testid=tracker-pr] path').count()).toBe(2);
    expect(await open.page.locator('[data-testid=tracker-roc] path').count()).toBe(2);
    await open.page.locator('[data-testid=tracker-curves]').screenshot({
      path: join(process.cwd(), '.shots', 'tracker-curves.png'),
    });
  });

  it('redraws both runs at the step picked', async () => {
    await open.page.selectOption('[data-testid=tracker-step]', '1');
    await expect
      .poll(async () => Object.values(await legend()).map(Number), { timeout: 10_000 })
      .toEqual([0.4, 0.4]);
  });
});

describe('W&B curve tables', () => {
  it('are drawn per class from a dropped run folder, the one panel their kind fills', async () => {
    const wandb = await openPage();
    try {
      await wandb.page.setInputFiles(
        '[data-testid=folder-input]',
        resolve('test/fixtures/synthetic/wandb/run-20261201_101010-a1b2c3d4'),
      );
      await wandb.page.waitForSelector('[data-testid=tracker-legend] li');
      const tags = await wandb.page.$$eval('[data-testid=tracker-tag] option', (o) =>
        o.map((x) => x.textContent),
      );
      expect(tags).toEqual(['pr_curve_table · cat', 'pr_curve_table · dog', 'roc_table · cat']);
      expect(await wandb.page.textContent('[data-testid=tracker-ap]')).toBe('0.75');
      expect(await wandb.page.locator('[data-testid=tracker-roc]').count()).toBe(0);
      await wandb.page.selectOption('[data-testid=tracker-tag]', 'roc_table · cat');
      await wandb.page.waitForSelector('[data-testid=tracker-roc]');
      expect(await wandb.page.locator('[data-testid=tracker-pr]').count()).toBe(0);
      expect(await wandb.page.textContent('[data-testid=tracker-auc]')).toBe('0.75');
      expect(await wandb.page.textContent('[data-testid=tracker-basis]')).toContain(
        'W&B logged a table of points',
      );
      // The table of another kind says why it was not read.
      expect(
        await wandb.page.textContent(
          '[data-testid=file][data-name$="samples_table_40_5e1c8a2b7d4f9e3a6b10.table.json"]',
        ),
      ).toContain('only curve tables are read');
      await wandb.page.locator('[data-testid=tracker-curves]').screenshot({
        path: join(process.cwd(), '.shots', 'wandb-curve-tables.png'),
      });
      expect(wandb.errors).toEqual([]);
    } finally {
      await wandb.close();
    }
  });
});
