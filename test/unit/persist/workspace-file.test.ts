import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  isWorkspaceFile,
  readWorkspaceFile,
  WorkspaceFileError,
  writeWorkspaceFile,
} from '../../../src/lib/persist/workspace-file';
import { RECORD_VERSION, type WorkspaceRecord } from '../../../src/lib/persist/workspace-record';

const keras = readFileSync(
  'test/fixtures/real/keras/cnnbricks_model_history_log_append_epoch_restarts.csv',
);
const events = readFileSync(
  'test/fixtures/real/tensorboard/stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
);

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const record: WorkspaceRecord = {
  version: RECORD_VERSION,
  savedAt: '2026-12-07T02:00:00.000Z',
  files: [
    { key: 'a1', name: 'logs/history.csv', bytes: keras.length, loaded: null },
    {
      key: 'b2',
      name: 'runs/../<img src=x>/events.out.tfevents',
      bytes: events.length,
      loaded: null,
    },
  ],
  samples: [{ key: 'c3', name: 'runs/a/samples/step_100/digits.png', bytes: 8 }],
  view: { v: 1, curves: { filter: 'val/' } } as WorkspaceRecord['view'],
  notes: { 'keras:history': 'restarts at epoch 3 <b>twice</b>' },
};

describe('a workspace file', () => {
  it('gives back the record and every byte of every file, under its name', async () => {
    const blobs = new Map([
      ['a1', new Blob([keras])],
      ['b2', new Blob([events])],
      ['c3', new Blob([png])],
    ]);
    const archive = await writeWorkspaceFile(record, blobs);
    const back = await readWorkspaceFile(archive, 'w.zip');
    expect(back.record).toEqual(record);
    // The sample's file comes with the others: the page sets it apart by its path.
    expect(back.files.map((f) => f.name)).toEqual(
      [...record.files, ...record.samples].map((f) => f.name),
    );
    expect(Buffer.from(await back.files[2].blob.arrayBuffer()).equals(png)).toBe(true);
    expect(Buffer.from(await back.files[0].blob.arrayBuffer()).equals(keras)).toBe(true);
    expect(Buffer.from(await back.files[1].blob.arrayBuffer()).equals(events)).toBe(true);
    // Stored, not compressed: the archive is the files and a little more.
    expect(archive.size).toBeGreaterThan(keras.length + events.length + png.length);
    expect(archive.size).toBeLessThan(keras.length + events.length + png.length + 2000);
  });

  it('says which file is not a workspace file, and why', async () => {
    const fail = async (blob: Blob) => {
      const error = await readWorkspaceFile(blob, 'x.zip').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkspaceFileError);
      return (error as Error).message;
    };
    expect(await fail(new Blob([zipSync({ 'metrics.csv': strToU8('step,loss\n1,2\n') })]))).toBe(
      'x.zip: no lockstep-workspace.json inside; it is not a Lockstep workspace file (drop it on the page to read it as an archive of run files)',
    );
    expect(
      await fail(new Blob([zipSync({ 'lockstep-workspace.json': strToU8('{"version": 99}') })])),
    ).toBe('x.zip: its lockstep-workspace.json is of another version, or damaged');
    expect(
      await fail(
        new Blob([zipSync({ 'lockstep-workspace.json': strToU8(JSON.stringify(record)) })]),
      ),
    ).toBe(
      'x.zip: logs/history.csv, runs/../<img src=x>/events.out.tfevents, runs/a/samples/step_100/digits.png listed but not inside',
    );
    expect(await fail(new Blob([keras]))).toMatch(/^x\.zip: no lockstep-workspace\.json inside/);
  });

  it('is told apart from an archive of run files by its first entry', async () => {
    const archive = await writeWorkspaceFile(
      record,
      new Map([
        ['a1', new Blob([keras])],
        ['b2', new Blob([events])],
        ['c3', new Blob([png])],
      ]),
    );
    expect(await isWorkspaceFile(archive)).toBe(true);
    expect(
      await isWorkspaceFile(new Blob([zipSync({ 'metrics.csv': strToU8('step,loss\n') })])),
    ).toBe(false);
    expect(await isWorkspaceFile(new Blob([keras]))).toBe(false);
    expect(await isWorkspaceFile(new Blob([]))).toBe(false);
  });

  it('refuses, before writing anything, a file a plain zip cannot hold (4 GB)', async () => {
    // A Blob of 5 GB is not made in a test: a stand-in with that size, which must never be read.
    const huge = {
      size: 5 * 2 ** 30,
      stream: () => {
        throw new Error('read');
      },
    } as unknown as Blob;
    await expect(
      writeWorkspaceFile(
        record,
        new Map([
          ['a1', huge],
          ['b2', new Blob([events])],
          ['c3', new Blob([png])],
        ]),
      ),
    ).rejects.toThrow(
      /^logs\/history\.csv is 5(\.0)? GB: a workspace file holds files of up to 4 GB/,
    );
    const big = {
      size: 2.5 * 2 ** 30,
      stream: () => {
        throw new Error('read');
      },
    } as unknown as Blob;
    await expect(
      writeWorkspaceFile(
        record,
        new Map([
          ['a1', big],
          ['b2', big],
          ['c3', new Blob([png])],
        ]),
      ),
    ).rejects.toThrow(
      /^the workspace's files add up to 5(\.0)? GB: a workspace file holds up to 4 GB/,
    );
  });

  it('refuses to write a record whose file is gone', async () => {
    await expect(writeWorkspaceFile(record, new Map())).rejects.toThrow(
      'logs/history.csv: the file is no longer at hand',
    );
  });
});
