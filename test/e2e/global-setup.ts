/**
 * Serves the built page (dist/) on a free localhost port for the end-to-end tests, with the
 * production Content-Security-Policy header (vite.config.ts); the embed test's host pages on other
 * localhost ports may frame it.
 */

import { existsSync } from 'node:fs';
import { preview } from 'vite';
import { FRAME_ANCESTORS_ENV } from '../../scripts/csp.mjs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does).');
  process.env[FRAME_ANCESTORS_ENV] = "'self' http://127.0.0.1:*";
  const server = await preview({
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  project.provide('baseUrl', url);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  };
}
