/**
 * A link to what the page shows: choices made through the page land in the address, a fresh
 * browser opening that address with the same files shows the same page, without the files it
 * says which ones it expects, back/forward move between views, and a bad link is refused with a
 * message.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';
import { deflateSync, strToU8 } from 'fflate';
import { encodeViewState } from '../../src/lib/share/view-state';

/** `text` deflated and in base64url, as a link carries a state, whatever the text is. */
const deflated = (text: string) => Buffer.from(deflateSync(strToU8(text))).toString('base64url');

let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples&debug');
  await loaded(open);
});
afterAll(async () => open?.close());

interface Debug {
  lockstep: { link: { view: string | null }; curves: { smoothing: unknown } };
}
const linkView = (o: OpenPage) =>
  o.page.evaluate(() => (window as unknown as Debug).lockstep.link.view);

async function loaded(o: OpenPage) {
  await o.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await o.page.waitForSelector('[data-testid=run-row]');
}

/** What a person sees of the choices a link carries. */
async function visibleState(o: OpenPage) {
  const p = o.page;
  await p.waitForSelector('[data-testid=align-row]');
  await p.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
  await p.waitForSelector('[data-testid=compare-column].base');
  await p.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
  return {
    selected: await p.$$eval('[data-testid=run-row]', (rows) =>
      rows
        .filter((r) => r.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked)
        .map((r) => r.getAttribute('data-run-key') ?? r.textContent?.trim()),
    ),
    student: await p.getAttribute('[data-testid=student]', 'data-run-key'),
    policy: await p.inputValue('[data-testid=policy-select]'),
    sameStep: await p.$$eval('[data-testid=align-row]', (rows) =>
      rows.map((r) => r.textContent?.replace(/\s+/g, ' ').trim()),
    ),
    filter: await p.inputValue('[data-testid=metric-filter]'),
    smoothing: await p.inputValue('[data-testid=smoothing-kind]'),
    charts: await p.$$eval('[data-testid=curve-chart]', (charts) =>
      charts.map((c) => c.getAttribute('data-metric')),
    ),
    base: await p.textContent('[data-testid=compare-column].base'),
    hideIdentical: await p.isChecked('[data-testid=hide-identical]'),
    seed: await p.inputValue('[data-testid=stats-seed]'),
  };
}

async function hashSettled(o: OpenPage, changed: (hash: string) => boolean) {
  await o.page.waitForFunction(
    (before) => location.hash.startsWith('#s=') && location.hash !== before,
    '',
  );
  await expect
    .poll(() => o.page.evaluate(() => location.hash), { timeout: 5000 })
    .toSatisfy(changed);
  // The address is written a moment after the last change.
  await o.page.waitForTimeout(600);
}

describe('a link to the view', () => {
  let url = '';
  let before: Awaited<ReturnType<typeof visibleState>>;

  it('carries the choices made through the page', async () => {
    const p = open.page;
    const rows = p.locator('[data-testid=run-row]');
    for (const i of [0, 2, 3, 5]) await rows.nth(i).locator('input[type=checkbox]').check();
    await p.selectOption('[data-testid=policy-select]', 'nearest');
    const studentOptions = await p.$$eval('[data-testid=student-select] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''),
    );
    await p.selectOption('[data-testid=student-select]', studentOptions[1]);
    await p.fill('[data-testid=metric-filter]', 'val');
    await p.selectOption('[data-testid=smoothing-kind]', 'none');
    await p.locator('[data-testid=compare]').scrollIntoViewIfNeeded();
    // The columns are the four selected runs once the view has caught up with the selection.
    await p.waitForFunction(
      () => document.querySelectorAll('[data-testid=compare-column]').length === 4,
    );
    const picked = await p.getAttribute('[data-testid=compare-column] >> nth=2', 'data-run-key');
    await p.click('[data-testid=compare-column] >> nth=2 >> [data-testid=make-base]');
    await p.waitForSelector(`[data-testid=compare-column].base[data-run-key="${picked}"]`);
    await p.check('[data-testid=hide-identical]');
    await p.locator('[data-testid=statistics]').scrollIntoViewIfNeeded();
    await p.fill('[data-testid=stats-seed]', '42');
    await hashSettled(open, (h) => h.length > 10);
    url = p.url();
    expect(new URL(url).hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    before = await visibleState(open);
    expect(before.selected).toHaveLength(4);
    expect(before.policy).toBe('nearest');
    expect(before.filter).toBe('val');
    expect(before.seed).toBe('42');
    expect(before.hideIdentical).toBe(true);
  });

  it('opens in a fresh browser with the same files as the same page', async () => {
    const again = await openPage(new URL(url).search + new URL(url).hash);
    try {
      await loaded(again);
      await expect.poll(() => visibleState(again), { timeout: 15_000 }).toEqual(before);
      expect(again.errors).toEqual([]);
      expect(again.requests.every((r) => new URL(r).origin === new URL(open.baseUrl).origin)).toBe(
        true,
      );
    } finally {
      await again.close();
    }
  });

  it('says which files it expects when opened without them', async () => {
    const bare = await openPage(new URL(url).hash);
    try {
      const missing = await bare.page
        .waitForSelector('[data-testid=link-missing]')
        .catch(() => null);
      // Nothing is loaded, so there is no share bar yet; the message is there all the same.
      expect(missing).not.toBeNull();
      const text = (await missing?.textContent()) ?? '';
      expect(text).toContain('runs.csv');
      expect(text).toContain('metrics.csv');
      expect(text).toMatch(/Drop them here/);
    } finally {
      await bare.close();
    }
  });

  it('moves between views with back and forward', async () => {
    const p = open.page;
    await p.click('[data-testid=share-bar] >> text=Curves');
    await hashSettled(open, () => true);
    await p.click('[data-testid=share-bar] >> text=Statistics');
    await hashSettled(open, () => true);
    expect(await linkView(open)).toBe('statistics');
    await p.goBack();
    await expect.poll(() => linkView(open)).toBe('curves');
    await p.goForward();
    await expect.poll(() => linkView(open)).toBe('statistics');
  });

  it('refuses a malformed or oversized link with a message, and loads the page as usual', async () => {
    const cases = [
      ['#s=%%%not-base64', /characters that base64url does not use/],
      ['#s=' + 'A'.repeat(40_000), /over the 32,000 a link may carry/],
      [
        '#s=' +
          encodeViewState({
            v: 1,
            view: 'curves',
            curves: { smoothing: { kind: 'ema', weight: 'alert(1)' } },
          } as never),
        /curves\.smoothing\.weight: expected a number/,
      ],
      ['#s=' + encodeViewState({ v: 2 } as never), /version 2/],
      ['#s=' + 'x'.repeat(100_000), /100,000 characters long, over the 32,000/],
      ['#s=' + Buffer.from('no deflate in here').toString('base64url'), /not compressed data/],
      ['#s=' + deflated('<script>window.__pwned=1</script>'), /not JSON/],
      ['#s=' + deflated('["window.__pwned=1"]'), /state: expected an object/],
      ['#s=' + deflated(' '.repeat(1_000_000)), /inflates to over 256,000 bytes/],
    ] as const;
    // One browser, a new page load per link (the query changes, so the hash is read afresh).
    const o = await openPage();
    try {
      for (const [i, [hash, message]] of cases.entries()) {
        await o.page.goto(new URL(`?samples&debug&case=${i}${hash}`, o.baseUrl).toString());
        await loaded(o);
        expect(await o.page.textContent('[data-testid=link-problem]'), hash.slice(0, 40)).toMatch(
          message,
        );
        expect(await o.page.evaluate(() => '__pwned' in window)).toBe(false);
        expect(
          await o.page.evaluate(() => (window as unknown as Debug).lockstep.curves.smoothing),
        ).toEqual({
          kind: 'ema',
          weight: 0.6,
        });
      }
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });
});
