import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchSource,
  SourceFetchError,
  type FetchProgress,
} from '../../../src/lib/files/fetch-source';

/** A real HTTP server on the loopback, one route per way a hosted file arrives or fails to. */
let server: Server;
let base = '';
const body = Buffer.from(
  'step,loss\n' + Array.from({ length: 5000 }, (_, i) => `${i},${1 / (i + 1)}`).join('\n'),
);
const cookies: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    cookies.push(req.headers.cookie ?? req.headers.authorization);
    switch (req.url) {
      case '/runs.csv':
        res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
        // In pieces, so progress is seen more than once.
        res.write(body.subarray(0, 20_000));
        setTimeout(() => res.end(body.subarray(20_000)), 20);
        return;
      case '/chunked.csv':
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(body);
        return;
      case '/huge.csv':
        res.writeHead(200, { 'content-length': 5_000_000 });
        res.end();
        return;
      case '/endless.csv':
        res.writeHead(200);
        res.write(Buffer.alloc(64 * 1024));
        res.write(Buffer.alloc(64 * 1024));
        res.end(Buffer.alloc(64 * 1024));
        return;
      case '/cut.csv':
        res.writeHead(200, { 'content-length': 10_000 });
        res.write(Buffer.alloc(4000));
        setTimeout(() => res.destroy(), 10);
        return;
      case '/fallback.csv':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>App</title>');
        return;
      default:
        res.writeHead(404, 'Not Found');
        res.end('no');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  return (error as Error).message;
};

describe('fetchSource', () => {
  it('gives every byte, with progress against the announced size, and sends no credentials', async () => {
    const seen: FetchProgress[] = [];
    const blob = await fetchSource(`${base}/runs.csv`, { onProgress: (p) => seen.push(p) });
    expect(Buffer.from(await blob.arrayBuffer()).equals(body)).toBe(true);
    expect(blob.type).toBe('text/csv');
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((p) => p.total === body.length)).toBe(true);
    expect(seen.at(-1)?.bytes).toBe(body.length);
    expect(cookies.every((c) => c === undefined)).toBe(true);
  });

  it('reads a body of unannounced size to its end', async () => {
    const seen: FetchProgress[] = [];
    const blob = await fetchSource(`${base}/chunked.csv`, { onProgress: (p) => seen.push(p) });
    expect(blob.size).toBe(body.length);
    expect(seen.every((p) => p.total === null)).toBe(true);
  });

  it('says which URL and what the server answered', async () => {
    expect(await failure(fetchSource(`${base}/missing.csv`))).toBe(
      `${base}/missing.csv: the server answered 404 Not Found`,
    );
  });

  it('refuses the index page a server sends in place of a file it does not have', async () => {
    expect(await failure(fetchSource(`${base}/fallback.csv`))).toBe(
      `${base}/fallback.csv: the server answered with a web page, not a data file (most likely the file is not there and the server sent its index page instead)`,
    );
  });

  it('refuses a file past the cap before reading it, and one that grows past it while arriving', async () => {
    expect(await failure(fetchSource(`${base}/huge.csv`, { maxBytes: 1_000_000 }))).toBe(
      `${base}/huge.csv: 4.8 MB, past the 977 KB a hosted file may have; nothing of it was loaded`,
    );
    expect(await failure(fetchSource(`${base}/endless.csv`, { maxBytes: 100_000 }))).toBe(
      `${base}/endless.csv: more than 128 KB, past the 98 KB a hosted file may have; nothing of it was loaded`,
    );
  });

  it('loads nothing of a download that broke off', async () => {
    expect(await failure(fetchSource(`${base}/cut.csv`))).toMatch(
      new RegExp(
        `^${base}/cut\\.csv: the download broke off after [\\d,]+ bytes .*; nothing of it was loaded$`,
      ),
    );
  });

  it('explains that another origin may be unreachable or not allow reading, as the browser cannot tell', async () => {
    const closed = `http://127.0.0.1:9/x.csv`;
    const message = await failure(fetchSource(closed, { pageOrigin: base }));
    expect(message).toContain(`${closed}: could not be read`);
    expect(message).toContain(`Access-Control-Allow-Origin: ${base}`);
    expect(await failure(fetchSource(closed, { pageOrigin: 'http://127.0.0.1:9' }))).toMatch(
      /could not be reached/,
    );
  });
});
