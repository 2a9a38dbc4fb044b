/** Many files in one batch: committed in groups, each with its own report, none hurting the others. */

import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../../src/lib/engine/api';
import type { Engine } from '../../../src/lib/engine/engine';
import { makeEngine } from '../helpers/engine';

let engine: Engine;
beforeEach(async () => {
  engine = await makeEngine();
});

const file = (key: number, name: string, content: string | Uint8Array) => ({
  key,
  name,
  blob: new Blob([content as BlobPart]),
});

describe('a batch of files', () => {
  it('gives each file its own report, in order, with a bad one among them', async () => {
    const files = [
      file(1, 'a/metrics.csv', 'step,loss\n1,0.5\n2,0.4\n'),
      file(2, 'b/metrics.csv', 'step,loss\n1,"0.5\n'),
      file(3, 'c/metrics.csv', 'step,acc\n1,0.9\n'),
      file(4, 'copy/metrics.csv', 'step,loss\n1,0.5\n2,0.4\n'),
    ];
    const events: IngestEvent[] = [];
    const reports = await engine.ingestBatch(files, (es) => events.push(...es));
    expect(reports.map((r) => [r.name, r.status])).toEqual([
      ['a/metrics.csv', 'loaded'],
      ['b/metrics.csv', 'failed'],
      ['c/metrics.csv', 'loaded'],
      ['copy/metrics.csv', 'duplicate'],
    ]);
    expect(reports[3].message).toBe(
      'Same content as a/metrics.csv, which is already loaded; skipped.',
    );
    expect(
      events
        .filter((e) => e.kind === 'done')
        .map((e) => e.key)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(events.filter((e) => e.kind === 'start').map((e) => e.key)).toEqual([1, 2, 3, 4]);
    expect(engine.rows('SELECT name FROM runs ORDER BY name')).toEqual([
      { name: 'a' },
      { name: 'c' },
    ]);
    expect(engine.rows('SELECT name, status FROM sources ORDER BY source_id')).toEqual(
      reports.map((r) => ({ name: r.name, status: r.status })),
    );
  });

  it('merges files of one run within a group and counts a step repeated across them once', async () => {
    const reports = await engine.ingestBatch([
      file(1, 'part1.csv', 'run,step,metric,value\nr,1,loss,0.9\nr,2,loss,0.8\n'),
      file(2, 'part2.csv', 'run,step,metric,value\nr,2,loss,0.75\nr,3,loss,0.7\n'),
    ]);
    expect(reports.map((r) => r.report?.points)).toEqual([1, 2]);
    expect(reports[1].report?.warnings).toContain(
      '1 points repeat a step already logged for the same run and metric (a resumed run?): the later value was kept.',
    );
    expect(engine.rows('SELECT step, value FROM metrics ORDER BY step')).toEqual([
      { step: 1, value: 0.9 },
      { step: 2, value: 0.75 },
      { step: 3, value: 0.7 },
    ]);
    expect(engine.rows('SELECT n, last_step, last_value FROM series')).toEqual([
      { n: 3, last_step: 3, last_value: 0.7 },
    ]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM runs')).toEqual([{ n: 1 }]);
  });

  it('replaces a stand-in name with the real one, whichever file comes first, and keeps the earliest start', async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const meta = `artifact_uri: x\nend_time: null\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: gentle-owl\nrun_uuid: ${id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: 3\nuser_id: me\n`;
    const metric = '1700000000000 0.5 0\n1700000001000 0.4 1\n';
    for (const order of [
      ['metrics/loss', 'meta.yaml'],
      ['meta.yaml', 'metrics/loss'],
    ]) {
      engine = await makeEngine();
      // One batch and two batches: the name must come out right either way.
      await engine.ingestBatch(
        order.map((f, i) => file(i + 1, `mlruns/1/${id}/${f}`, f === 'meta.yaml' ? meta : metric)),
      );
      expect(engine.rows('SELECT name, name_provisional FROM runs'), order.join(' then ')).toEqual([
        { name: 'gentle-owl', name_provisional: false },
      ]);
      engine = await makeEngine();
      for (const [i, f] of order.entries())
        await engine.ingestBatch([
          file(i + 1, `mlruns/1/${id}/${f}`, f === 'meta.yaml' ? meta : metric),
        ]);
      expect(engine.rows('SELECT name FROM runs'), `${order.join(' then ')}, two batches`).toEqual([
        { name: 'gentle-owl' },
      ]);
    }
  });

  it("replaces a param of a run loaded before instead of adding a second one, and keeps the run's others", async () => {
    const id = '0123456789abcdef0123456789abcdef';
    await engine.ingestBatch([
      file(1, `mlruns/1/${id}/params/lr`, '0.1'),
      file(2, `mlruns/1/${id}/params/seed`, '3'),
    ]);
    const [again] = await engine.ingestBatch([file(3, `later/mlruns/1/${id}/params/lr`, '0.2')]);
    expect(again.status).toBe('loaded');
    expect(engine.rows('SELECT key, value, num FROM params ORDER BY key')).toEqual([
      { key: 'lr', value: '0.2', num: 0.2 },
      { key: 'seed', value: '3', num: 3 },
    ]);
  });

  it('reads a thousand small files in few transactions', async () => {
    const files = Array.from({ length: 1000 }, (_, i) =>
      file(i + 1, `runs/r${i}/metrics.csv`, `step,loss\n0,${i}\n1,${i / 2}\n`),
    );
    const started = performance.now();
    const reports = await engine.ingestBatch(files);
    const seconds = (performance.now() - started) / 1000;
    expect(reports.every((r) => r.status === 'loaded')).toBe(true);
    expect(engine.rows('SELECT count(*)::INTEGER AS runs FROM runs')).toEqual([{ runs: 1000 }]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM sources')).toEqual([{ n: 1000 }]);
    // Not a timing target (that is `npm run bench`): a guard against a statement per file creeping back.
    expect(seconds).toBeLessThan(30);
  }, 60_000);

  it('fails a file that changed on disk since it was picked, and reads the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingest-batch-'));
    try {
      for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.csv`), `step,${n}\n1,0.5\n`);
      const files = await Promise.all(
        ['a', 'b', 'c'].map(async (n, i) => ({
          key: i + 1,
          name: `${n}.csv`,
          blob: await openAsBlob(join(dir, `${n}.csv`)),
        })),
      );
      writeFileSync(join(dir, 'b.csv'), 'step,b\n1,0.5\n2,0.4\n');
      const reports = await engine.ingestBatch(files);
      expect(reports.map((r) => r.status)).toEqual(['loaded', 'failed', 'loaded']);
      expect(reports[1].message).toMatch(/^The file could not be read: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancels a file that is still waiting, and reads the rest', async () => {
    let cancelled = false;
    const reports = await engine.ingestBatch(
      [
        file(1, 'a.csv', 'step,loss\n1,0.5\n'),
        file(2, 'b.csv', 'step,loss\n1,0.6\n'),
        file(3, 'c.csv', 'step,loss\n1,0.7\n'),
      ],
      (events) => {
        for (const e of events) {
          if (e.kind === 'start' && e.key === 1 && !cancelled) {
            cancelled = true;
            engine.cancel(2);
          }
        }
      },
    );
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'cancelled', 'loaded']);
    expect(engine.rows('SELECT name FROM runs ORDER BY name')).toEqual([
      { name: 'a' },
      { name: 'c' },
    ]);
  });
});

describe('batches asked for at once', () => {
  it('run one after another, in order, each file once', async () => {
    const starts: number[] = [];
    const onEvents = (events: IngestEvent[]) =>
      starts.push(...events.filter((e) => e.kind === 'start').map((e) => e.key));
    const [first, second] = await Promise.all([
      engine.ingestBatch(
        [
          file(1, 'a/metrics.csv', 'step,loss\n1,0.5\n'),
          file(2, 'b/metrics.csv', 'step,loss\n1,0.6\n'),
        ],
        onEvents,
      ),
      engine.ingestBatch([file(3, 'c/metrics.csv', 'step,loss\n1,0.7\n')], onEvents),
    ]);
    expect([...first, ...second].map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded']);
    expect(starts).toEqual([1, 2, 3]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM runs')).toEqual([{ n: 3 }]);
  });
});

describe('files asked for while others are still being read', () => {
  it('join the batch under way and are committed with it, each call answered with its own reports', async () => {
    const db = engine.db;
    const query = db.queryIPC.bind(db);
    let commits = 0;
    db.queryIPC = (sql) => {
      if (sql === 'COMMIT') commits++;
      return query(sql);
    };
    const slice = (from: number) =>
      Array.from({ length: 20 }, (_, i) =>
        file(from + i, `runs/r${from + i}/metrics.csv`, `step,loss\n0,${from + i}\n`),
      );
    const answers = await Promise.all([1, 21, 41].map((from) => engine.ingestBatch(slice(from))));
    expect(answers.map((reports) => reports.map((r) => r.name))).toEqual(
      [1, 21, 41].map((from) => slice(from).map((f) => f.name)),
    );
    expect(answers.flat().every((r) => r.status === 'loaded')).toBe(true);
    // One group unless the machine is so slow that 60 tiny files take over 250 ms per group.
    expect(commits).toBeLessThan(3);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM sources')).toEqual([{ n: 60 }]);
  });

  it('after the queue ran dry start a new batch', async () => {
    await engine.ingestBatch([file(1, 'a.csv', 'step,loss\n1,0.5\n')]);
    const [again] = await engine.ingestBatch([file(2, 'copy.csv', 'step,loss\n1,0.5\n')]);
    expect(again.status).toBe('duplicate');
    expect(again.message).toBe('Same content as a.csv, which is already loaded; skipped.');
  });
});

describe('a zip archive', () => {
  const archive = () =>
    zipSync({
      'sweep/run1/metrics.csv': strToU8('step,loss\n1,0.5\n'),
      'sweep/run2/metrics.csv': strToU8('step,loss\n1,0.6\n2,0.55\n'),
      'sweep/notes.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      '__MACOSX/sweep/._run1': strToU8('junk'),
    });

  it('is read file by file in the worker, paths kept, each with its report', async () => {
    const r = await engine.ingest({ name: 'sweep.zip', blob: new Blob([archive()]) });
    expect(r.status).toBe('partial');
    expect(r.message).toBe('Zip archive: 3 files, 2 loaded, 1 failed.');
    expect(r.children.map((c) => [c.name, c.status])).toEqual([
      ['sweep.zip/sweep/notes.png', 'failed'],
      ['sweep.zip/sweep/run1/metrics.csv', 'loaded'],
      ['sweep.zip/sweep/run2/metrics.csv', 'loaded'],
    ]);
    expect(engine.rows('SELECT name FROM runs ORDER BY name')).toEqual([
      { name: 'sweep.zip/sweep/run1' },
      { name: 'sweep.zip/sweep/run2' },
    ]);
  });

  it('is removed with everything inside it', async () => {
    const r = await engine.ingest({ name: 'sweep.zip', blob: new Blob([archive()]) });
    engine.remove(r.sourceId);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM runs')).toEqual([{ n: 0 }]);
    expect(engine.rows('SELECT count(*)::INTEGER AS n FROM metrics')).toEqual([{ n: 0 }]);
  });

  it('says a damaged archive cannot be read', async () => {
    const bytes = archive().slice(0, 60);
    const r = await engine.ingest({ name: 'broken.zip', blob: new Blob([bytes]) });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^The zip archive cannot be read/);
  });
});
