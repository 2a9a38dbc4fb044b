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
  // The runs first: the view loads when near the screen, and their arrival moves it down.
  await open.page.waitForSelector('[data-testid=run-row]');
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

/** Waits until the parallel coordinates say they keep `n` runs. */
async function keptCount(n: number) {
  await open.page.waitForFunction(
    (n) =>
      document
        .querySelector('[data-testid=parcoords-count]')
        ?.textContent?.trim()
        .startsWith(`${n} of`),
    n,
  );
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

  it('exports what it draws: SVG paths for the runs kept, PNG pixels, CSV values', async () => {
    await brush('param:seed', 0.4, 0.6);
    const download = async (label: string) => {
      const [file] = await Promise.all([
        open.page.waitForEvent('download'),
        open.page.click(`[data-testid=sweep] button:text-is("${label}")`),
      ]);
      return readFileSync((await file.path()) as string);
    };
    const svg = (await download('SVG')).toString('utf8');
    const seedOne = sampleRuns.filter((r) => param(r, 'seed') === '1');
    expect(svg.match(/<path d="M/g)?.length).toBe(seedOne.length);
    expect(svg).toContain('warmup_steps');
    const png = await download('PNG');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const csv = csvParseRows((await download('Download CSV')).toString('utf8'));
    expect(csv[0]).toEqual(['run', 'run_id', 'lr', 'seed', 'warmup_steps', 'val/acc']);
    expect(
      csv
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(seedOne.map((r) => r[0]).sort());
    for (const row of csv.slice(1)) {
      const sample = sampleRuns.find((r) => r[0] === row[0]) as string[];
      expect(Number(row[2])).toBe(Number(param(sample, 'lr')));
      expect(row[3]).toBe('1');
    }
    await open.page.click('[data-testid=sweep-clear]');
  });

  it('finds what moves any metric, not only the colour one', async () => {
    const importance = open.page.locator('[data-testid=importance]');
    await importance.scrollIntoViewIfNeeded();
    await open.page.waitForSelector('[data-testid=importance-row]');
    const colour = await importance.getAttribute('data-target');
    const options = await open.page.$$eval('[data-testid=importance-target] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''),
    );
    expect(options.length).toBeGreaterThan(0);
    expect(options).not.toContain(colour);
    await open.page.selectOption('[data-testid=importance-target]', options[0]);
    await expect.poll(() => importance.getAttribute('data-target')).toBe(options[0]);
    expect(
      await open.page.$$eval('[data-testid=importance-row]', (rs) => rs.length),
    ).toBeGreaterThan(0);
    await open.page.selectOption('[data-testid=importance-target]', '');
    await expect.poll(() => importance.getAttribute('data-target')).toBe(colour);
  });

  it('lists the Pareto front of two columns and links its box brush to the other views', async () => {
    const scatter = open.page.locator('[data-testid=scatter]');
    await open.page.selectOption('[data-testid=scatter-x]', 'param:seed');
    await open.page.selectOption('[data-testid=scatter-y]', 'param:warmup_steps');
    await scatter.scrollIntoViewIfNeeded();
    // Both higher-is-better (hyperparameters have no direction of their own): brute force over
    // the sample CSV, a run is on the front when no other is at least as high on both and higher
    // on one.
    const point = (r: string[]) => [Number(param(r, 'seed')), Number(param(r, 'warmup_steps'))];
    const front = sampleRuns
      .filter((r) => {
        const [x, y] = point(r);
        return !sampleRuns.some((o) => {
          const [ox, oy] = point(o);
          return ox >= x && oy >= y && (ox > x || oy > y);
        });
      })
      .map((r) => r[0])
      .sort();
    await open.page.waitForSelector('[data-testid=pareto-run]');
    const listed = await open.page.$$eval('[data-testid=pareto-run]', (rows) =>
      rows.map((r) => r.querySelector('td, th')?.textContent?.trim() ?? ''),
    );
    expect([...listed].sort()).toEqual(front);

    // A box over the left half of the plot: seeds 0 and 1.
    const svg = await scatter.locator('svg').first().boundingBox();
    if (!svg) throw new Error('no scatter');
    await open.page.mouse.move(svg.x + 74, svg.y + 14);
    await open.page.mouse.down();
    await open.page.mouse.move(svg.x + 74 + (svg.width - 90) * 0.55, svg.y + svg.height - 44, {
      steps: 5,
    });
    await open.page.mouse.up();
    const lowSeeds = sampleRuns
      .filter((r) => ['0', '1'].includes(param(r, 'seed')))
      .map((r) => r[0]);
    await keptCount(lowSeeds.length);
    expect(await selectedNames()).toEqual([...lowSeeds].sort());
    const boxShown = () =>
      scatter.locator('.selection').evaluate((r) => getComputedStyle(r).display !== 'none');
    expect(await boxShown()).toBe(true);
    // Clearing the brushes clears the scatter's box with them, not only its runs.
    await open.page.click('[data-testid=sweep-clear]');
    await expect.poll(boxShown).toBe(false);
    await keptCount(sampleRuns.length);
  });
});
