import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/csp-plugin.mjs';

const blockingBundle = fileURLToPath(
  new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
);

export default defineConfig({
  // Relative asset URLs: the built page works under any base path on any static host.
  base: './',
  plugins: [svelte(), contentSecurityPolicy()],
  resolve: { alias: { 'duckdb-blocking': blockingBundle } },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    minify: !process.env.NO_MINIFY,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
