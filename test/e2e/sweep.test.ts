/**
 * The sweep view of the sample runs: parallel coordinates drawn from every run, a brush keeping
 * the runs in its range (checked against the sample CSV), those runs becoming the selection, and
 * hovering a line naming its run.
 */

import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples&debug');
  await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await open.page.locator('[data-testid=sweep]').scrollIntoViewIfNeeded();
  await open.page.waitForFunction(
    () => performance.getEntriesByName('lockstep:parcoords-drawn').length > 0,
  );
});
afterAll(async () => open?.close());

const [header, ...sampleRuns] = csvParseRows(readFileSync('public/samples/runs.csv', 'utf8'));
const param = (run: string[], key: string) => run[header.indexOf(`params.${key}`)];

const kept = async () =>
  ((await open.page.textContent('[data-testid=parcoords-count]')) ?? '').replace(/\s+/g, ' ');
const selectedNames = () =>
  open.page.evaluate(() => {
    const { workspace } = (window as unknown as { lockstep: { workspace: never } }).lockstep as {
      workspace: { selection: Set<number>; runLabel(id: number): { name: string } };
    };
    return [...workspace.selection].map((id) => workspace.runLabel(id).name).sort();
  });

/** Drags on an axis between two values (fractions of the axis from its top). */
async function brush(axis: string, from: number, to: number, shift = false) {
  const area = open.page.locator(`[data-testid=brush-area][data-axis="${axis}"]`);
  await area.scrollIntoViewIfNeeded();
  const box = await area.boundingBox();
  if (!box) throw new Error(`no brush area for ${axis}`);
  const x = box.x + box.width / 2;
  // The area reaches 4 px past the top and covers the missing tick below the axis.
  const axisTop = box.y + 4;
  const axisHeight = (box.height - 8) / 1.15;
  if (shift) await open.page.keyboard.down('Shift');
  await open.page.mouse.move(x, axisTop + from * axisHeight);
  await open.page.mouse.down();
  await open.page.mouse.move(x, axisTop + to * axisHeight, { steps: 4 });
  await open.page.mouse.up();
  if (shift) await open.page.keyboard.up('Shift');
}

describe('the sweep view of the sample runs', () => {
  it('draws a line for every run, coloured by the validation metric', async () => {
    expect(await kept()).toMatch(/6 of 6 runs shown/);
    const coloured = await open.page.$eval('[data-testid=parcoords] canvas', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; data && i < data.length; i += 4) if (data[i + 3] > 0) n++;
      return n;
    });
    expect(coloured).toBeGreaterThan(1000);
    const titles = await open.page.$$eval('[data-testid=axis-title]', (els) =>
      els.map((e) => e.getAttribute('data-label')),
    );
    // Hyperparameters that vary across the samples, then the colour metric.
    expect(titles).toEqual(['lr', 'seed', 'warmup_steps', 'val/acc']);
  });

  it('keeps the runs a brush covers and makes them the selection', async () => {
    // seed runs from 0 (bottom) to 2 (top): the middle third is seed 1.
    await brush('param:seed', 0.4, 0.6);
    const seedOne = sampleRuns.filter((r) => param(r, 'seed') === '1').map((r) => r[0]);
    expect(await kept()).toMatch(new RegExp(`^${seedOne.length} of 6 runs kept`));
    expect(await selectedNames()).toEqual([...seedOne].sort());

    // Shift adds a second range on the same axis: seed 1 or seed 2.
    await brush('param:seed', 0, 0.1, true);
    const oneOrTwo = sampleRuns
      .filter((r) => ['1', '2'].includes(param(r, 'seed')))
      .map((r) => r[0]);
    expect(await selectedNames()).toEqual([...oneOrTwo].sort());
    expect(await open.page.locator('[data-testid=brush-range]').count()).toBe(2);

    await open.page.click('[data-testid=sweep-clear]');
    expect(await kept()).toMatch(/6 of 6 runs shown/);
    expect(await selectedNames()).toEqual([]);
  });

  it('names the run under the pointer', async () => {
    await open.page.locator('[data-testid=parcoords] svg').scrollIntoViewIfNeeded();
    const svg = await open.page.locator('[data-testid=parcoords] svg').boundingBox();
    if (!svg) throw new Error('no chart');
    // Along the first axis the lines fan out; sweep the pointer down it until a run is named.
    let named: string | null = null;
    for (let y = svg.y + 60; y < svg.y + 340 && !named; y += 4) {
      await open.page.mouse.move(svg.x + 66, y);
      await open.page.waitForTimeout(20);
      named = await open.page.evaluate(() =>
        (window as unknown as { lockstep: { workspace: { hoveredRun: number | null } } }).lockstep
          .workspace.hoveredRun !== null
          ? (document.querySelector('[data-testid=parcoords-count]')?.parentElement?.textContent ??
            '')
          : null,
      );
    }
    expect(named).toMatch(/vit-s16/);
  });
});
