/** Debug samples of two runs at several iterations: the grid, the slider moving both runs, zoom, bad files. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../unit/helpers/png';
import { concatBytes, fileVersionEvent, frame, pb } from '../unit/importers/tfevents/reference';
import { openPage, type OpenPage } from './browser';

const STEPS = { runA: [100, 200, 300], runB: [100, 300] };

/** A 64×64 picture whose colour says the run and whose bar length says the step. */
function picture(run: 'runA' | 'runB', step: number): Uint8Array {
  const base: [number, number, number] = run === 'runA' ? [40, 90, 200] : [200, 80, 40];
  return encodePng(64, 64, (x, y) => (y > 40 && x < (step / 300) * 64 ? [250, 250, 250] : base));
}

let open: OpenPage;
let root: string;

function write(path: string, bytes: Uint8Array | string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
}

async function tilesByRun(): Promise<Record<string, string[]>> {
  return open.page.$$eval('[data-testid=samples-row]', (rows) => {
    const out: Record<string, string[]> = {};
    for (const row of rows) {
      const key = row.querySelector('th')?.textContent ?? '';
      for (const cell of row.querySelectorAll('[data-testid=samples-cell]')) {
        const run = cell.getAttribute('data-run') ?? '';
        const at = cell.querySelector('[data-testid=samples-at]')?.textContent ?? 'none';
        (out[run] ??= []).push(`${key}: ${at}`);
      }
    }
    return out;
  });
}

async function setSlider(index: number) {
  await open.page.$eval(
    '[data-testid=samples-slider]',
    (el, i) => {
      const input = el as HTMLInputElement;
      input.value = String(i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    index,
  );
}

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'lockstep-samples-')), 'exp');
  for (const [run, steps] of Object.entries(STEPS) as ['runA' | 'runB', number[]][])
    for (const step of steps) write(`${run}/samples/step_${step}/digits.png`, picture(run, step));
  write('runA/samples/step_200/broken.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  write('runB/samples/step_100/<img src=x onerror=alert(1)>.png', picture('runB', 100));
  write('runA/samples/caption_100.txt', '<script>alert(1)</script> a cat');
  open = await openPage();
  await open.page.setInputFiles('[data-testid=folder-input]', root);
  await open.page.waitForSelector('[data-testid=samples-row]');
}, 60_000);
afterAll(async () => open?.close());

describe('debug samples', () => {
  it('shows a grid of runs in columns and sample keys in rows, at the newest iteration', async () => {
    const runs = await open.page.$$eval('[data-testid=samples-run]', (th) =>
      th.map((t) => t.textContent),
    );
    expect(runs).toEqual(['exp/runA', 'exp/runB']);
    expect(await open.page.textContent('[data-testid=samples-step]')).toBe('step 300');
    expect(await tilesByRun()).toEqual({
      'dir:exp/runA': [
        '<img src=x onerror=alert(1)>: none',
        'broken: from step 200',
        'caption: from step 100',
        'digits: step 300',
      ],
      'dir:exp/runB': [
        '<img src=x onerror=alert(1)>: from step 100',
        'broken: none',
        'caption: none',
        'digits: step 300',
      ],
    });
  });

  it('moves both runs together with the slider, each saying when its sample is from an earlier step', async () => {
    await setSlider(1);
    expect(await open.page.textContent('[data-testid=samples-step]')).toBe('step 200');
    const at = await tilesByRun();
    expect(at['dir:exp/runA']).toContain('digits: step 200');
    expect(at['dir:exp/runB']).toContain('digits: from step 100');
    await setSlider(0);
    const first = await tilesByRun();
    expect(first['dir:exp/runA']).toContain('digits: step 100');
    expect(first['dir:exp/runB']).toContain('digits: step 100');
    expect(first['dir:exp/runA']).toContain('broken: none');
    await setSlider(1);
  });

  it('decodes the good images, says which file cannot be decoded, and keeps names and text inert', async () => {
    await open.page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('[data-testid=sample-tile] img')].every(
          (img) => img.complete,
        ) && document.querySelector('[data-testid=sample-bad]') !== null,
    );
    const images = await open.page.$$eval('[data-testid=sample-tile] img', (imgs) =>
      imgs.map((i) => [
        (i as HTMLImageElement).naturalWidth,
        (i as HTMLImageElement).src.slice(0, 5),
      ]),
    );
    expect(images).toEqual([
      [64, 'blob:'],
      [64, 'blob:'],
      [64, 'blob:'],
    ]);
    expect(await open.page.textContent('[data-testid=sample-bad]')).toBe(
      'cannot decode exp/runA/samples/step_200/broken.png',
    );
    expect(await open.page.textContent('pre')).toBe('<script>alert(1)</script> a cat');
    expect(await open.page.$('main img[src=x], main script')).toBeNull();
    await open.page.screenshot({ path: '.shots/debug-samples.png', fullPage: true });
  });

  it('zooms a sample on click and closes on Escape', async () => {
    await open.page.click(
      '[data-testid=samples-cell][data-run="dir:exp/runB"] [data-testid=sample-tile] button',
    );
    await open.page.waitForSelector('[data-testid=sample-zoom] img');
    const width = await open.page.$eval(
      '[data-testid=sample-zoom] img',
      (i) => i.getBoundingClientRect().width,
    );
    expect(width).toBeGreaterThan(200);
    await open.page.screenshot({ path: '.shots/debug-samples-zoom.png' });
    await open.page.keyboard.press('Escape');
    await open.page.waitForSelector('[data-testid=sample-zoom]', { state: 'detached' });
  });

  it('adds the images of a TensorBoard event file as a run of its own, at the same iteration', async () => {
    const image = (step: number) => [
      ...pb.double(1, 1_700_000_000 + step),
      ...pb.varint(2, step),
      ...pb.bytes(
        5,
        pb.bytes(1, [
          ...pb.string(1, 'digits'),
          ...pb.bytes(4, pb.bytes(4, picture('runA', step * 3))),
        ]),
      ),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-tb-'));
    const path = join(dir, 'events.out.tfevents.1700000000.host.1.0');
    writeFileSync(
      path,
      concatBytes([fileVersionEvent(1_700_000_000), image(50), image(100)].map((e) => frame(e))),
    );
    await open.page.setInputFiles('[data-testid=file-input]', path);
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=samples-run]').length === 3,
    );
    const at = await tilesByRun();
    expect(at['file:events.out.tfevents.1700000000.host.1.0']).toContain('digits: from step 100');
    // Rows load their tiles once near the screen: scroll the event file's image into view.
    await open.page
      .locator('[data-testid=samples-row]', { hasText: 'digits' })
      .scrollIntoViewIfNeeded();
    await open.page.waitForFunction(() => {
      const imgs = [
        ...document.querySelectorAll<HTMLImageElement>(
          '[data-testid=samples-row]:last-child [data-testid=sample-tile] img',
        ),
      ];
      return imgs.length === 3 && imgs.every((img) => img.complete && img.naturalWidth === 64);
    });
    await open.page.screenshot({ path: '.shots/debug-samples-tfevents.png' });
  });

  it('loads nothing from outside the page and breaks no policy', async () => {
    const origin = new URL(open.baseUrl).origin;
    expect(open.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:'))).toEqual(
      [],
    );
    expect(await open.cspViolations()).toEqual([]);
    expect(open.errors.filter((e) => !/ERR_|Failed to load/.test(e))).toEqual([]);
  });
});
