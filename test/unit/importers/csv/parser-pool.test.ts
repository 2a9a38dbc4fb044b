/**
 * The parser pool, with a stand-in worker that runs parse.worker.ts in this thread: files read in
 * it must store exactly what the engine's own thread stores, one worker serves every file, and a
 * cancelled file frees the worker for the next.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/lib/engine/engine';
import { parserOptions, readInParser } from '../../../../src/lib/importers/csv/parse-remote';
import { ParserPool, type ParserWorker } from '../../../../src/lib/importers/csv/parser-pool';
import { ImportReport } from '../../../../src/lib/importers/report';
import { tensorboardEventsImporter } from '../../../../src/lib/importers/tensorboard-events';
import type { CanonicalSink, PointBatch } from '../../../../src/lib/schema/canonical-sink';
import { fixture, makeEngine } from '../../helpers/engine';
import { PARSER_WORKER, StandInWorker } from '../../helpers/stand-in-worker';

const EVENT_FILES = [
  'real/tensorboard/text-gen-lstm_lightning_events.out.tfevents.1716735746.99c8c45923de.3769.0',
  'real/tensorboard/stockdata_keras_train_events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2',
  'real/tensorboard/stockdata_keras_validation_events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2',
  'real/tensorboard/swahili-stt_keras_train_events.out.tfevents.1628697775.DESKTOP-V1DB051.21044.31250.v2',
];

/** Every stored point, and every source's hash, in a fixed order. */
function stored(engine: Engine) {
  return {
    points: engine.rows(
      `SELECT r.run_key, mn.name, m.step, m.value, m.wall FROM metrics m JOIN runs r USING (run_id)
       JOIN metric_names mn USING (metric_id) ORDER BY ALL`,
    ),
    sources: engine.rows('SELECT name, sha256, status FROM sources ORDER BY name'),
  };
}

async function ingestAll(engine: Engine) {
  return engine.ingestBatch(EVENT_FILES.map((path, key) => ({ key, ...fixture(path) })));
}

describe('files read in the parser pool', () => {
  const minBytes = parserOptions.minBytes;
  beforeAll(() => {
    parserOptions.minBytes = 0;
  });
  afterAll(() => {
    parserOptions.minBytes = minBytes;
    delete (globalThis as Record<string, unknown>).Worker;
  });

  it('store what the engine stores in its own thread, all read by one worker', async () => {
    delete (globalThis as Record<string, unknown>).Worker;
    const here = await makeEngine();
    await ingestAll(here);
    const expected = stored(here);
    expect(expected.points.length).toBeGreaterThan(1000);

    (globalThis as Record<string, unknown>).Worker = StandInWorker;
    const before = StandInWorker.made;
    const pooled = await makeEngine();
    const reports = await ingestAll(pooled);
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    expect(stored(pooled)).toEqual(expected);
    const again = await makeEngine();
    await ingestAll(again);
    expect(stored(again)).toEqual(expected);
    // One parser worker, and the hash worker it started.
    expect(StandInWorker.made - before).toBe(2);
  });

  it('cancel a file parsed ahead and still read the next', async () => {
    (globalThis as Record<string, unknown>).Worker = StandInWorker;
    const engine = await makeEngine();
    let cancelled = false;
    const reports = await engine.ingestBatch(
      EVENT_FILES.slice(0, 3).map((path, key) => ({ key, ...fixture(path) })),
      (events) => {
        if (!cancelled && events.some((e) => e.kind === 'start' && e.key === 0)) {
          cancelled = true;
          engine.cancel(1);
        }
      },
    );
    expect(reports.map((r) => r.status)).toEqual(['loaded', 'cancelled', 'loaded']);
    const sources = engine.rows<{ source_id: number }>(
      'SELECT DISTINCT source_id FROM metrics ORDER BY source_id',
    );
    expect(sources.map((s) => s.source_id)).toEqual([reports[0].sourceId, reports[2].sourceId]);
  });
});

/** A sink that keeps the points it is handed, as the engine's sink would store them. */
function keepingSink() {
  const points: number[] = [];
  const sink = {
    points,
    run: () => 0,
    metric: (name: string) => name.length,
    param() {},
    summary() {},
    meta() {},
    pointBatch(b: PointBatch) {
      for (let i = 0; i < b.length; i++) points.push(b.step[i], b.value[i]);
    },
  };
  return sink;
}

describe('ParserPool', () => {
  const request = (path: string) => {
    const file = fixture(path);
    return file.blob.arrayBuffer().then((bytes) => {
      const raw = new Uint8Array(bytes).subarray(0, 65536);
      return {
        importerId: tensorboardEventsImporter.id,
        name: file.name,
        blob: file.blob,
        probe: {
          name: file.name,
          size: file.blob.size,
          raw,
          head: raw,
          headText: '',
          binary: null,
        },
      };
    });
  };
  const read = (job: NonNullable<ReturnType<ParserPool['start']>>) => {
    const sink = keepingSink();
    const done = readInParser(job, {
      sink: sink as unknown as CanonicalSink,
      report: new ImportReport(),
      signal: new AbortController().signal,
      onBytes() {},
    });
    return { sink, done };
  };

  it('holds what a job sent until its reader listens, and reuses its worker', async () => {
    const pool = new ParserPool(
      () => new StandInWorker(PARSER_WORKER) as unknown as ParserWorker,
      1,
    );
    const first = pool.start(await request(EVENT_FILES[0]));
    const second = pool.start(await request(EVENT_FILES[0]));
    if (!first || !second) throw new Error('no worker');
    // Both files are read before anyone listens; nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const a = read(first);
    const b = read(second);
    expect(await a.done).toMatch(/^[0-9a-f]{64}$/);
    expect(await b.done).toEqual(await a.done);
    expect(b.sink.points).toEqual(a.sink.points);
    expect(a.sink.points.length).toBeGreaterThan(0);
    expect(pool.started).toBe(1);
  });

  it('lets a cancelled job go and reads the next', async () => {
    const pool = new ParserPool(
      () => new StandInWorker(PARSER_WORKER) as unknown as ParserWorker,
      1,
    );
    const cancelled = pool.start(await request(EVENT_FILES[3]));
    const next = pool.start(await request(EVENT_FILES[0]));
    if (!cancelled || !next) throw new Error('no worker');
    cancelled.cancel();
    const { sink, done } = read(next);
    expect(await done).toMatch(/^[0-9a-f]{64}$/);
    expect(sink.points.length).toBeGreaterThan(0);
  });

  it('leaves the file to its caller when no worker can start', async () => {
    const pool = new ParserPool(() => {
      throw new Error('no workers here');
    }, 1);
    expect(pool.start(await request(EVENT_FILES[0]))).toBeNull();
  });

  it('leaves the file to its caller when the worker dies before saying anything of it', async () => {
    let worker: ParserWorker | null = null;
    const pool = new ParserPool(() => {
      worker = {
        onmessage: null,
        onerror: null,
        postMessage() {},
        terminate() {},
      };
      return worker;
    }, 1);
    const job = pool.start(await request(EVENT_FILES[0]));
    if (!job || !worker) throw new Error('no worker');
    const { done } = read(job);
    (worker as ParserWorker).onerror?.({
      message: 'failed to load',
      preventDefault() {},
    } as ErrorEvent);
    expect(await done).toBeNull();
  });
});
