/** The unit tests, with every delimited file read through the parser worker (see fake-worker.setup.ts). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'unit-via-parser-worker',
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Every file goes through a fresh stand-in worker (a module instance each): slower than the unit run.
    testTimeout: 120_000,
    setupFiles: [fileURLToPath(new URL('./fake-worker.setup.ts', import.meta.url))],
  },
});
