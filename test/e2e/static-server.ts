/** A small real HTTP server on the loopback for tests that need files on a host of their own. */

import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
};

/** What a path answers: a file on disk, a body, or (null) a 404. */
export type Answer = { file: string } | { body: string | Buffer; type?: string } | null;

export interface StaticServer {
  origin: string;
  /** Every request: its path and headers, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startServer(
  answer: (path: string) => Answer,
  headers: (path: string) => Record<string, string> = () => ({}),
): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, headers: req.headers });
    const found = answer(path);
    if (!found) {
      res.writeHead(404, 'Not Found', headers(path));
      res.end();
      return;
    }
    const body = 'file' in found ? readFileSync(found.file) : Buffer.from(found.body);
    res.writeHead(200, {
      'content-type':
        ('type' in found ? found.type : undefined) ??
        TYPES[extname('file' in found ? found.file : path)] ??
        'application/octet-stream',
      'content-length': body.length,
      ...headers(path),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
