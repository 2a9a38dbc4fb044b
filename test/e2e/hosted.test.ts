/**
 * Hosted sources: the built page on a host of its own, told by `?src=` and `sources.json` which
 * files to load; a second host on another origin, with and without CORS, for the files it must ask
 * about first. Both are real HTTP servers on the loopback.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';
import { startServer, type StaticServer } from './static-server';

const DIST = resolve('dist');
const REAL = resolve('test/fixtures/real');
const KERAS = 'keras/cnnbricks_model_history_log_append_epoch_restarts.csv';
const TB_LOSS = 'tensorboard/cv-project_tb_scalar_download_loss_base.csv';
const MLRUNS = 'mlflow/swahili-stt_mlruns';

let manifest = '{ "files": [] }';
/** Whether the page is served as a host would that lets it fetch from the other origin. */
let loosePolicy = false;
let site: StaticServer;
let other: StaticServer;
let open: OpenPage | null = null;

/** The page under /team/, the fixtures under /team/exports/; sources.json is the test's. */
function siteAnswer(path: string) {
  if (path === '/team/sources.json') return { body: manifest };
  if (path.startsWith('/team/exports/')) return fileIn(REAL, path.slice('/team/exports/'.length));
  if ((path === '/team/' || path === '/team/index.html') && loosePolicy)
    return {
      body: readFileSync(join(DIST, 'index.html'), 'utf8').replace(
        'connect-src &#39;self&#39;',
        `connect-src &#39;self&#39; ${other.origin}`,
      ),
      type: 'text/html',
    };
  if (path.startsWith('/team/')) return fileIn(DIST, path.slice('/team/'.length) || 'index.html');
  return null;
}

function fileIn(root: string, path: string) {
  const file = resolve(root, path);
  if (relative(root, file).startsWith('..')) return null;
  try {
    return statSync(file).isFile() ? { file } : null;
  } catch {
    return null;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(async () => {
  site = await startServer(siteAnswer);
  other = await startServer(
    (path) => fileIn(REAL, path.replace(/^\/(cors|nocors)\//, '')),
    (path): Record<string, string> =>
      path.startsWith('/cors/') ? { 'access-control-allow-origin': site.origin } : {},
  );
});
afterEach(async () => {
  await open?.close();
  open = null;
  manifest = '{ "files": [] }';
  loosePolicy = false;
  other.requests.length = 0;
});
afterAll(async () => {
  await site?.close();
  await other?.close();
});

const page = () => (open as OpenPage).page;

async function openAt(query: string): Promise<OpenPage> {
  open = await openPage(`${query}${query ? '&' : '?'}debug`, `${site.origin}/team/`);
  return open;
}

type Files = { name: string; status: string }[];

async function fileStatuses(): Promise<Record<string, string>> {
  const files = await page().evaluate(() => {
    const list = (window as unknown as { lockstep: { workspace: { files: Files } } }).lockstep
      .workspace.files;
    return list.map((f) => [f.name, f.status]);
  });
  return Object.fromEntries(files);
}

async function settled(expected: number) {
  await page().waitForFunction(
    (n) =>
      (window as unknown as { lockstep?: { workspace: { files: Files } } }).lockstep?.workspace
        .files.length === n &&
      document.querySelector('main')?.dataset.busy === 'false' &&
      !document.querySelector('[data-testid=hosted-entry][data-status=fetching]'),
    expected,
  );
}

const sameOrigin = (o: OpenPage) =>
  o.requests.filter((u) => !u.startsWith(site.origin) && !/^(blob|data):/.test(u));

describe('hosted sources', () => {
  it('loads the files ?src= names from the page’s own server without asking, by their path', async () => {
    const o = await openAt(`?src=exports/${KERAS}&src=${encodeURIComponent(`exports/${TB_LOSS}`)}`);
    await settled(2);
    expect(await fileStatuses()).toEqual({
      [`exports/${KERAS}`]: 'loaded',
      [`exports/${TB_LOSS}`]: 'loaded',
    });
    expect(await page().locator('[data-testid=run-row]').count()).toBeGreaterThan(1);
    expect(await page().locator('[data-testid=hosted-ask]').count()).toBe(0);
    expect(sameOrigin(o)).toEqual([]);
    expect(o.errors).toEqual([]);
  });

  it('loads a whole mlruns/ folder listed in sources.json under the names it gives, and says what it refused', async () => {
    const files = filesUnder(join(REAL, MLRUNS)).map((f) => relative(join(REAL, MLRUNS), f));
    manifest = JSON.stringify({
      files: [
        ...files.map((f) => ({ url: `exports/${MLRUNS}/${f}`, name: `mlruns/${f}` })),
        'javascript:alert(1)',
        42,
      ],
    });
    const o = await openAt('');
    await settled(files.length);
    const statuses = Object.values(await fileStatuses());
    expect(statuses.filter((s) => s !== 'loaded' && s !== 'empty')).toEqual([]);
    await page().waitForSelector('[data-testid=run-row]');
    expect(await page().textContent('[data-testid=hosted-problems]')).toContain(
      'sources.json files[29]: “javascript:alert(1)”: only http and https URLs are fetched, not javascript:',
    );
    expect(await page().textContent('[data-testid=hosted-problems]')).toContain(
      'sources.json files[30]: expected a URL',
    );
    expect(sameOrigin(o)).toEqual([]);
  });

  it('does not offer to fetch from an origin the page’s own policy forbids, and says how to allow it', async () => {
    const url = `${other.origin}/cors/${KERAS}`;
    const o = await openAt(`?src=${encodeURIComponent(url)}`);
    const entry = page().locator('[data-testid=hosted-entry][data-status=blocked]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain(
      `this page's security policy does not let it fetch from ${other.origin}`,
    );
    expect(await entry.textContent()).toContain(`VITE_LOCKSTEP_SOURCE_ORIGINS="${other.origin}"`);
    expect(await page().locator('[data-testid=hosted-ask]').count()).toBe(0);
    await page().waitForTimeout(300);
    expect(other.requests).toEqual([]);
    expect(sameOrigin(o)).toEqual([]);
  });

  it('asks before fetching from another origin, fetches only after yes, without credentials, and explains CORS and 404', async () => {
    loosePolicy = true;
    const cors = `${other.origin}/cors/${KERAS}`;
    const nocors = `${other.origin}/nocors/${TB_LOSS}`;
    const missing = `${other.origin}/cors/keras/missing.csv`;
    const query = [cors, nocors, missing].map((u) => `src=${encodeURIComponent(u)}`).join('&');
    const o = await openAt(`?src=exports/${TB_LOSS}&${query}`);
    await o.context.addCookies([{ name: 'session', value: 'secret', url: site.origin }]);
    await settled(1);
    const ask = page().locator('[data-testid=hosted-ask]');
    await ask.waitFor();
    expect(await ask.textContent()).toContain(other.origin);
    for (const url of [cors, nocors, missing]) expect(await ask.textContent()).toContain(url);
    expect(other.requests).toEqual([]);

    await ask.getByRole('button', { name: 'Fetch them' }).click();
    await page().waitForSelector('[data-testid=hosted-entry][data-status=failed] >> nth=1');
    await settled(2);
    expect((await fileStatuses())[`${new URL(cors).host}/cors/${KERAS}`]).toBe('loaded');
    const messages = await page().$$eval('[data-testid=hosted-message]', (ms) =>
      ms.map((m) => m.textContent),
    );
    expect(messages).toHaveLength(2);
    expect(messages.find((m) => m?.startsWith(nocors))).toContain(
      `Access-Control-Allow-Origin: ${site.origin}`,
    );
    expect(messages.find((m) => m?.startsWith(missing))).toBe(
      `${missing}: the server answered 404 Not Found`,
    );
    // The file from the page's own server is untouched by the failures.
    expect((await fileStatuses())[`exports/${TB_LOSS}`]).toBe('loaded');
    expect(other.requests.map((r) => r.path).sort()).toEqual(
      [`/cors/${KERAS}`, '/cors/keras/missing.csv', `/nocors/${TB_LOSS}`].sort(),
    );
    expect(other.requests.every((r) => r.headers.cookie === undefined)).toBe(true);
    expect(other.requests.every((r) => r.headers.referer === undefined)).toBe(true);
    expect(sameOrigin(o).sort()).toEqual([cors, missing, nocors].sort());
  });

  it('fetches nothing from an origin the user declined', async () => {
    loosePolicy = true;
    const o = await openAt(`?src=${encodeURIComponent(`${other.origin}/cors/${KERAS}`)}`);
    const ask = page().locator('[data-testid=hosted-ask]');
    await ask.getByRole('button', { name: 'Don’t' }).click();
    await ask.waitFor({ state: 'detached' });
    await page().waitForTimeout(300);
    expect(
      other.requests.filter((r) => r.path.startsWith('/cors/') && r.headers.cookie !== 'x'),
    ).toEqual([]);
    expect(sameOrigin(o)).toEqual([]);
  });

  it('fills an embedded view from hosted files', async () => {
    await openAt(`?embed=runs&src=exports/${KERAS}`);
    await page().waitForSelector('[data-testid=run-row]');
    expect(await page().locator('header.top').count()).toBe(0);
  });
});
