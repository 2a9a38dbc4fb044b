#!/usr/bin/env node
/** `npm start`: serves the page with hot reload and prints the address that opens the sample runs. */
import { createServer } from 'vite';

const server = await createServer({
  server: { open: process.env.CI || !process.env.DISPLAY ? false : '/?samples' },
});
await server.listen();
const base = server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`;
console.log(
  `\n  Lockstep is running. Open ${base}?samples to start with the sample runs loaded.\n  (Press Ctrl+C to stop.)\n`,
);
