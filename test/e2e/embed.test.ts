/**
 * The page embedded in another site: `?embed=<view>` shows that view alone with a way out to the
 * whole app, and a host page on an allowed origin drives it by postMessage; a host on any other
 * origin is not heard. The allow-list is the site's `lockstep.config.json` beside the page.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

const CONFIG = 'dist/lockstep.config.json';

/** A host page on its own localhost port that frames the embedded view and logs what it hears. */
function hostServer(pageUrl: string): Promise<{ server: Server; origin: string }> {
  const html = `<!doctype html><meta charset="utf-8"><title>wiki</title>
<h1>Team wiki</h1>
<iframe id="lockstep" src="${pageUrl}" style="width: 900px; height: 700px"></iframe>
<script>
  window.heard = [];
  addEventListener('message', (e) => window.heard.push({ origin: e.origin, data: e.data }));
</script>`;
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let allowed: { server: Server; origin: string };
let stranger: { server: Server; origin: string };
let open: OpenPage;
let pageOrigin = '';

beforeAll(async () => {
  open = await openPage('?samples');
  pageOrigin = new URL(open.baseUrl).origin;
  const embedUrl = new URL('?samples&debug&embed=curves', open.baseUrl).toString();
  allowed = await hostServer(embedUrl);
  stranger = await hostServer(embedUrl);
  writeFileSync(CONFIG, JSON.stringify({ embedOrigins: [allowed.origin] }));
});
afterAll(async () => {
  rmSync(CONFIG, { force: true });
  await open?.close();
  allowed?.server.close();
  stranger?.server.close();
});

async function embedded(host: string): Promise<Frame> {
  await open.page.goto(host);
  const frame = open.page.frame({ url: (u) => u.searchParams.has('embed') });
  if (!frame) throw new Error('no embedded frame');
  await frame.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
  await frame.waitForSelector('[data-testid=curve-chart]');
  await frame.waitForFunction(
    () => performance.getEntriesByName('lockstep:embed-listening').length > 0,
  );
  return frame;
}

/** Posts a message into the frame as the host page would. */
async function post(message: unknown) {
  await open.page.evaluate(
    ({ message, target }) =>
      (document.getElementById('lockstep') as HTMLIFrameElement).contentWindow?.postMessage(
        message,
        target,
      ),
    { message, target: pageOrigin },
  );
}

const heard = () =>
  open.page.evaluate(
    () => (window as unknown as { heard: { origin: string; data: { type: string } }[] }).heard,
  );

const smoothingShown = (frame: Frame) => frame.inputValue('[data-testid=smoothing-kind]');

describe('the embedded page', () => {
  it('shows the one view, no app chrome, and a link to open the whole app', async () => {
    const frame = await embedded(allowed.origin);
    expect(await frame.$('[data-testid=curves]')).not.toBeNull();
    for (const other of ['dropzone', 'same-step', 'statistics', 'share-bar'])
      expect(await frame.$(`[data-testid=${other}]`), other).toBeNull();
    expect(await frame.$('header.top')).toBeNull();
    const href = await frame.getAttribute('[data-testid=open-in-lockstep]', 'href');
    expect(new URL(href ?? '').searchParams.has('embed')).toBe(false);
    expect(new URL(href ?? '').searchParams.has('samples')).toBe(true);
    // Responsive: the charts take the frame's width, not the window's.
    const width = await frame.evaluate(
      () => document.querySelector('[data-testid=curves]')?.getBoundingClientRect().width ?? 0,
    );
    expect(width).toBeLessThanOrEqual(900);
    expect(width).toBeGreaterThan(800);
    await expect
      .poll(heard)
      .toContainEqual({ origin: pageOrigin, data: { type: 'lockstep:ready' } });
  });

  it('takes a view state from an allowed host and answers it', async () => {
    const frame = await embedded(allowed.origin);
    expect(await smoothingShown(frame)).toBe('ema');
    await post({
      type: 'lockstep:set-state',
      state: { v: 1, curves: { smoothing: { kind: 'none' }, filter: 'loss' } },
    });
    await expect.poll(() => smoothingShown(frame)).toBe('none');
    await expect
      .poll(() =>
        frame.$$eval('[data-testid=curve-chart]', (cs) => cs.map((c) => c.dataset.metric)),
      )
      .toEqual(['train/loss', 'val/loss']);
    await expect
      .poll(async () => (await heard()).map((m) => m.data.type))
      .toContain('lockstep:applied');

    await post({ type: 'lockstep:get-state' });
    await expect
      .poll(async () => (await heard()).find((m) => m.data.type === 'lockstep:state')?.data)
      .toMatchObject({ state: { v: 1, curves: { smoothing: { kind: 'none' }, filter: 'loss' } } });

    await post({ type: 'lockstep:set-state', state: { v: 1, curves: { logY: 'yes' } } });
    await expect
      .poll(async () => (await heard()).find((m) => m.data.type === 'lockstep:error')?.data)
      .toEqual({ type: 'lockstep:error', message: 'curves.logY: expected true or false' });
  });

  it('ignores a host on an origin that is not allowed', async () => {
    const frame = await embedded(stranger.origin);
    await post({
      type: 'lockstep:set-state',
      state: { v: 1, curves: { smoothing: { kind: 'none' } } },
    });
    await post({ type: 'lockstep:get-state' });
    await open.page.waitForTimeout(500);
    expect(await smoothingShown(frame)).toBe('ema');
    expect((await heard()).map((m) => m.data.type)).toEqual([]);
    expect(open.errors).toEqual([]);
  });
});
