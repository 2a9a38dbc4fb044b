/** Dropping and picking real files in the built page: what the user sees for good and bad files. */

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

const REAL = 'test/fixtures/real';
let open: OpenPage;
beforeEach(async () => {
  open = await openPage();
});
afterEach(async () => open?.close());

async function settled(count: number) {
  await open.page.waitForFunction(
    (n) => {
      const files = [...document.querySelectorAll('[data-testid=file]')];
      const idle = document.querySelector('main')?.getAttribute('data-busy') === 'false';
      return (
        idle &&
        files.length === n &&
        files.every((f) => !['queued', 'reading'].includes(f.getAttribute('data-status') ?? ''))
      );
    },
    count,
    { timeout: 30_000 },
  );
}

const fileState = () =>
  open.page.$$eval('[data-testid=file]', (lis) =>
    lis.map((li) => ({
      name: li.getAttribute('data-name'),
      status: li.getAttribute('data-status'),
      message: li.querySelector('[data-testid=file-message]')?.textContent ?? '',
    })),
  );

const runNames = () =>
  open.page.$$eval('[data-testid=run-row] [data-col=name]', (t) => t.map((x) => x.textContent));

describe('picking files', () => {
  it('loads several real exports at once, and shows their runs and last steps', async () => {
    const longCsv = `${REAL}/generic_sweep/chrome-dino_tensorboard-dev_get_scalars_long_format.csv`;
    const keras = `${REAL}/keras/distracted-driver_model_history_log_CRCRLF.csv`;
    await open.page.setInputFiles('[data-testid=file-input]', [longCsv, keras]);
    await settled(2);
    const [header, ...rows] = readFileSync(longCsv, 'utf8')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    expect(header[0]).toBe('run');
    const lastByRun = new Map<string, number>();
    for (const [run, , step] of rows)
      lastByRun.set(run, Math.max(lastByRun.get(run) ?? 0, Number(step)));
    const kerasRows = readFileSync(keras, 'utf8').trim().split(/\r*\n/);
    const expected = new Map([
      ...lastByRun,
      ['distracted-driver_model_history_log_CRCRLF', Number(kerasRows.at(-1)?.split(',')[0])],
    ]);

    expect((await fileState()).map((f) => f.status)).toEqual(['loaded', 'loaded']);
    expect(await open.page.textContent('[data-testid=run-count]')).toBe(String(expected.size));
    const shown = await open.page.$$eval('[data-testid=run-row]', (trs) =>
      trs.map(
        (tr) =>
          [
            tr.querySelector('[data-col=name]')?.textContent,
            tr.querySelector('[data-col=lastStep]')?.textContent,
          ] as const,
      ),
    );
    expect(new Map(shown)).toEqual(
      new Map([...expected].map(([k, v]) => [k, v.toLocaleString('en-US')])),
    );
  });

  it('keeps loaded files when more are added, and recognizes the same file dropped twice', async () => {
    const tb = `${REAL}/tensorboard/cv-project_tb_scalar_download_loss_base.csv`;
    await open.page.setInputFiles('[data-testid=file-input]', [tb]);
    await settled(1);
    await open.page.setInputFiles('[data-testid=file-input]', [
      `${REAL}/lightning/mlops-homework_version_0_metrics.csv`,
    ]);
    await settled(2);
    await open.page.setInputFiles('[data-testid=file-input]', [tb]);
    await settled(3);
    const files = await fileState();
    expect(files.map((f) => f.status)).toEqual(['loaded', 'loaded', 'duplicate']);
    expect(files[2].message).toBe(
      `Same content as cv-project_tb_scalar_download_loss_base.csv, which is already loaded; skipped.`,
    );
    expect(await open.page.textContent('[data-testid=run-count]')).toBe('2');
  });

  it('says which file and line is bad, and still loads the others', async () => {
    await open.page.setInputFiles('[data-testid=file-input]', [
      {
        name: 'ragged.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('step,loss\n1,0.5\n2,0.4,9\n3,0.3\n'),
      },
      {
        name: 'figure.png',
        mimeType: 'image/png',
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      },
      { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from('step,acc\n1,0.9\n') },
    ]);
    await settled(4);
    expect(await fileState()).toEqual([
      {
        name: 'ragged.csv',
        status: 'partial',
        message:
          'CSV, wide: 1 run, 1 metric, 2 points. 1 rejected (3 fields where the header has 2: line 3).',
      },
      {
        name: 'figure.png',
        status: 'failed',
        message: 'This looks like a PNG image, which Lockstep does not read.',
      },
      { name: 'empty.csv', status: 'empty', message: 'The file is empty.' },
      { name: 'good.csv', status: 'loaded', message: 'CSV, wide: 1 run, 1 metric, 1 point.' },
    ]);
    expect(await runNames()).toEqual(['ragged', 'good']);
    expect(await open.page.textContent('[data-testid=rejection]')).toBe(
      'Rejected: 3 fields where the header has 2 — line 3',
    );
  });

  it('keeps relative paths from a picked folder and names runs after their folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-folder-'));
    cpSync(
      `${REAL}/lightning/mlops-homework_version_0_metrics.csv`,
      join(root, 'lightning_logs/version_0/metrics.csv'),
    );
    cpSync(
      `${REAL}/lightning/ai-chem_version_0_metrics_spaces_in_names.csv`,
      join(root, 'lightning_logs/version_1/metrics.csv'),
    );
    await open.page.setInputFiles('[data-testid=folder-input]', join(root, 'lightning_logs'));
    await settled(2);
    expect((await fileState()).map((f) => f.name).sort()).toEqual([
      'lightning_logs/version_0/metrics.csv',
      'lightning_logs/version_1/metrics.csv',
    ]);
    expect((await runNames()).sort()).toEqual([
      'lightning_logs/version_0',
      'lightning_logs/version_1',
    ]);
  });

  it('accepts files dropped on the drop zone', async () => {
    await open.page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(['run,step,metric,value\ndragged,7,loss,0.5\n'], 'dropped.csv', {
          type: 'text/csv',
        }),
      );
      const zone = document.querySelector('[data-testid=dropzone]') as HTMLElement;
      zone.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
      zone.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    });
    await settled(1);
    expect(await runNames()).toEqual(['dragged']);
    expect(await open.page.textContent('[data-testid=run-row] [data-col=lastStep]')).toBe('7');
  });

  it('shows hostile run names as plain text', async () => {
    const name = '<img src=x onerror="window.pwned=1">';
    await open.page.setInputFiles('[data-testid=file-input]', [
      {
        name: 'evil.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `run,step,metric,value\n"${name.replaceAll('"', '""')}",1,<b>loss</b>,1\n`,
        ),
      },
    ]);
    await settled(1);
    expect(await runNames()).toEqual([name]);
    expect(await open.page.$$('main img')).toHaveLength(0);
    expect(
      await open.page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
  });

  it('shows progress and cancels a big file without touching what was loaded', async () => {
    await open.page.setInputFiles('[data-testid=file-input]', [
      { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('step,acc\n1,0.9\n') },
    ]);
    await settled(1);
    const rows: string[] = ['step,loss'];
    for (let i = 0; i < 4_000_000; i++) rows.push(`${i},${(1 / (i + 1)).toFixed(8)}`);
    const big = join(mkdtempSync(join(tmpdir(), 'lockstep-big-')), 'big.csv');
    writeFileSync(big, rows.join('\n'));
    await open.page.setInputFiles('[data-testid=file-input]', [big]);
    await open.page.waitForSelector('[data-name="big.csv"][data-status=reading]');
    const cancel = open.page.locator('[data-name="big.csv"] button:has-text("Cancel")');
    await cancel.click();
    await settled(2);
    const files = await fileState();
    expect(files[1]).toEqual({
      name: 'big.csv',
      status: 'cancelled',
      message: 'Cancelled; nothing from this file was kept.',
    });
    expect(await runNames()).toEqual(['small']);
  });
});
