/**
 * A workspace kept in the browser (OPFS, in the test's own browser profile): reopened after a
 * reload from the engine's snapshot, with no file read again, its view state back; cleared whole.
 */

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../unit/helpers/png';
import { concatBytes, fileVersionEvent, frame, pb } from '../unit/importers/tfevents/reference';
import { lookAt, openPage, type OpenPage } from './browser';

const samples = (
  JSON.parse(readFileSync('public/samples/index.json', 'utf8')) as { files: string[] }
).files;
let open: OpenPage;
beforeAll(async () => {
  open = await openPage('?samples&debug');
  await loaded(samples.length);
});
afterAll(async () => open?.close());

type Lockstep = {
  workspace: { files: { name: string; status: string }[]; runs: unknown[]; busy: boolean };
  persistence: { status: string; snapshotBytes: number; reopened: { readAgain: number } | null };
};
const persisted = () =>
  open.page.evaluate(() => {
    const l = (window as unknown as { lockstep: Lockstep }).lockstep;
    return {
      readAgain: l.persistence.reopened?.readAgain ?? null,
      files: l.workspace.files.map((f) => f.name).sort(),
    };
  });

async function loaded(files: number) {
  await open.page.waitForFunction((n) => {
    const l = (window as unknown as { lockstep?: Lockstep }).lockstep;
    return (
      l?.workspace.files.length === n &&
      !l.workspace.busy &&
      l.workspace.files.every((f) => f.status === 'loaded')
    );
  }, files);
}

async function saved() {
  await open.page.waitForFunction(() => {
    const p = (window as unknown as { lockstep: Lockstep }).lockstep.persistence;
    return p.status === 'saved' && p.snapshotBytes > 0;
  });
  // A save follows each change after a short pause: wait for the one after the last change.
  await open.page.waitForTimeout(600);
  await open.page.waitForFunction(
    () => (window as unknown as { lockstep: Lockstep }).lockstep.persistence.status === 'saved',
  );
}

/** A note with markup in it: kept as text, shown as text. */
const NOTE = 'Diverged after warm-up <b>check lr</b>';
const noteShown = () =>
  open.page.locator('[data-testid=run-row] [data-testid=note-edit]').first().textContent();

const sameStep = () =>
  open.page.$$eval('[data-testid=align-cell]', (cells) => cells.map((c) => c.textContent?.trim()));

describe('a kept workspace', () => {
  let before: (string | undefined)[] = [];
  let workspaceFile = '';

  it('is kept only once the user says so, and says how much it stores', async () => {
    expect(await open.page.locator('[data-testid=keep-enable]').count()).toBe(1);
    await open.page.click('[data-testid=keep-enable]');
    await saved();
    expect(await open.page.textContent('[data-testid=keep]')).toMatch(
      /Kept in this browser:\s+[\d.]+ (KB|MB) of files, and [\d.]+ (KB|MB) to reopen them/,
    );
    await open.page.locator('[data-testid=run-row] [data-testid=note-edit]').first().click();
    await open.page.fill('[data-testid=note-input]', NOTE);
    await open.page.press('[data-testid=note-input]', 'Enter');
    expect(await noteShown()).toBe(NOTE);
    await open.page.fill('[data-testid=metric-filter]', 'val/');
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=curve-chart]').length === 2,
    );
    await open.page.waitForSelector('[data-testid=align-cell]');
    before = await sameStep();
    expect(before.length).toBeGreaterThan(5);
    await saved();
  });

  it('reopens after a reload without reading any file again, with its view state', async () => {
    const started = Date.now();
    // No ?samples and no link in the address: everything comes from the browser's storage.
    await open.page.goto(new URL('?debug', open.baseUrl).toString());
    await loaded(samples.length);
    await open.page.waitForSelector('[data-testid=keep-reopened]');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await persisted()).readAgain).toBe(0);
    expect((await persisted()).files).toEqual(samples.map((name) => `samples/${name}`).sort());
    expect(await open.page.inputValue('[data-testid=metric-filter]')).toBe('val/');
    await open.page.waitForFunction(
      () => document.querySelectorAll('[data-testid=curve-chart]').length === 2,
    );
    await open.page.waitForSelector('[data-testid=align-cell]');
    expect(await sameStep()).toEqual(before);
    expect(await noteShown()).toBe(NOTE);
    expect(await open.page.locator('[data-testid=run-row] b').count()).toBe(0);
    expect(open.errors).toEqual([]);
  });

  it('keeps a file dropped after the reopen too', async () => {
    await open.page.setInputFiles(
      '[data-testid=file-input]',
      resolve('test/fixtures/real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv'),
    );
    await loaded(samples.length + 1);
    await saved();
    await open.page.reload();
    await loaded(samples.length + 1);
    await open.page.waitForSelector('[data-testid=keep-reopened]');
    expect((await persisted()).readAgain).toBe(0);
  });

  it('keeps debug samples dropped in a folder and inside event files, and reopens them at their iterations', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'lockstep-kept-samples-')), 'exp');
    for (const step of [100, 200]) {
      mkdirSync(join(root, `runA/samples/step_${step}`), { recursive: true });
      const png = encodePng(16, 16, (x) => (x < step / 20 ? [250, 250, 250] : [40, 90, 200]));
      writeFileSync(join(root, `runA/samples/step_${step}/digits.png`), png);
    }
    // The same key in a TensorBoard event file of another run: its bytes stay inside that file.
    const image = [
      ...pb.double(1, 1_700_000_200),
      ...pb.varint(2, 200),
      ...pb.bytes(
        5,
        pb.bytes(1, [
          ...pb.string(1, 'digits'),
          ...pb.bytes(
            4,
            pb.bytes(
              4,
              encodePng(16, 16, () => [200, 60, 60]),
            ),
          ),
        ]),
      ),
    ];
    mkdirSync(join(root, 'runB'));
    writeFileSync(
      join(root, 'runB/events.out.tfevents.1700000000.host.1.0'),
      concatBytes([fileVersionEvent(1_700_000_000), image].map((e) => frame(e))),
    );
    await open.page.setInputFiles('[data-testid=folder-input]', root);
    await loaded(samples.length + 2);
    await open.page.waitForSelector('[data-testid=samples-row]');
    await saved();
    await open.page.reload();
    await loaded(samples.length + 2);
    await open.page.waitForSelector('[data-testid=keep-reopened]');
    await open.page.locator('[data-testid=samples]').scrollIntoViewIfNeeded();
    await open.page.waitForSelector('[data-testid=samples-row]');
    expect(await open.page.textContent('[data-testid=samples-step]')).toBe('step 200');
    await expect
      .poll(() =>
        open.page.$$eval('[data-testid=samples-run]', (th) => th.map((t) => t.textContent).sort()),
      )
      .toEqual(['exp/runA', 'exp/runB']);
    // Drawn from the stored bytes, the event file's sliced from the kept file: both decode.
    await lookAt(open.page, '[data-testid=samples-row]', '[data-testid=samples-cell] img');
    await open.page.waitForFunction(() => {
      const imgs = [
        ...document.querySelectorAll<HTMLImageElement>('[data-testid=samples-cell] img'),
      ];
      return imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth === 16);
    });
    expect((await persisted()).readAgain).toBe(0);
  });

  it('is not shown in an embedded view, which leaves it as it was', async () => {
    await open.page.goto(new URL('?samples&debug&embed=curves', open.baseUrl).toString());
    await loaded(samples.length);
    await open.page.waitForSelector('[data-testid=curve-chart]');
    expect((await persisted()).readAgain).toBeNull();
    expect((await persisted()).files).toEqual(samples.map((name) => `samples/${name}`).sort());
    await open.page.waitForTimeout(1500);
    await open.page.goto(new URL('?debug', open.baseUrl).toString());
    await loaded(samples.length + 2);
    await open.page.waitForSelector('[data-testid=keep-reopened]');
    expect((await persisted()).readAgain).toBe(0);
  });

  it('moves to another browser as one file, with its view state', async () => {
    const [download] = await Promise.all([
      open.page.waitForEvent('download'),
      open.page.click('[data-testid=keep-export]'),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'lockstep-move-')), download.suggestedFilename());
    await download.saveAs(path);
    workspaceFile = path;
    expect(download.suggestedFilename()).toMatch(/^lockstep-workspace-\d{4}-\d{2}-\d{2}\.zip$/);
    const other = await openPage('?debug');
    try {
      await other.page.setInputFiles('[data-testid=workspace-input]', path);
      await other.page.waitForFunction((n) => {
        const l = (window as unknown as { lockstep?: Lockstep }).lockstep;
        return (
          l?.workspace.files.length === n &&
          !l.workspace.busy &&
          l.workspace.files.every((f) => f.status === 'loaded')
        );
      }, samples.length + 2);
      expect(await other.page.inputValue('[data-testid=metric-filter]')).toBe('val/');
      await other.page.waitForSelector('[data-testid=align-cell]');
      const cells = await other.page.$$eval('[data-testid=align-cell]', (cs) =>
        cs.map((c) => c.textContent?.trim()),
      );
      expect(cells.length).toBeGreaterThan(5);
      await other.page.waitForSelector('[data-testid=samples-row]');
      expect(await other.page.textContent('[data-testid=samples-step]')).toBe('step 200');
      expect(
        await other.page
          .locator('[data-testid=run-row] [data-testid=note-edit]')
          .first()
          .textContent(),
      ).toBe(NOTE);
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('opens a workspace file given as a run file too, not as an archive of runs', async () => {
    const other = await openPage('?debug');
    try {
      await other.page.setInputFiles('[data-testid=file-input]', workspaceFile);
      await other.page.waitForFunction((n) => {
        const l = (window as unknown as { lockstep?: Lockstep }).lockstep;
        return l?.workspace.files.length === n && !l.workspace.busy;
      }, samples.length + 2);
      const names = await other.page.evaluate(() =>
        (window as unknown as { lockstep: Lockstep }).lockstep.workspace.files.map((f) => f.name),
      );
      expect(names.filter((n) => n.endsWith('.zip'))).toEqual([]);
      expect(await other.page.inputValue('[data-testid=metric-filter]')).toBe('val/');
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('clears everything it stored, and the page opens empty', async () => {
    await open.page.click('[data-testid=keep-clear]');
    await open.page.waitForURL((u) => u.hash === '');
    await open.page.waitForFunction(() => document.querySelector('main')?.dataset.busy === 'false');
    expect((await persisted()).files.length).toBe(0);
    const stored = await open.page.evaluate(async () => {
      const names: string[] = [];
      const root = await navigator.storage.getDirectory();
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
        names.push(name);
      return names;
    });
    expect(stored).toEqual([]);
    await open.page.reload();
    await open.page.waitForTimeout(500);
    expect((await persisted()).files.length).toBe(0);
  });
});
