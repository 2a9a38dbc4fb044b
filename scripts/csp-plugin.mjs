/** Vite plugins that put the page's Content-Security-Policy (scripts/csp.mjs) on every response and into the build. */

import { cspHeader, cspMeta, frameAncestors } from './csp.mjs';

/** @returns {import('vite').Plugin[]} */
export function contentSecurityPolicy() {
  return [
    {
      name: 'lockstep:csp-header',
      configureServer(server) {
        const ancestors = frameAncestors();
        const scheme = server.config.server.https ? 'wss' : 'ws';
        server.middlewares.use((req, res, next) => {
          // The address the page was opened at, if it is only a host and port.
          const host = /^[\w.:[\]-]+$/.test(req.headers.host ?? '')
            ? req.headers.host
            : 'localhost';
          const hmrSocket = `${scheme}://${host}`;
          res.setHeader('Content-Security-Policy', cspHeader({ ancestors, hmrSocket }));
          next();
        });
      },
      configurePreviewServer(server) {
        const header = cspHeader({ ancestors: frameAncestors() });
        server.middlewares.use((_req, res, next) => {
          res.setHeader('Content-Security-Policy', header);
          next();
        });
      },
    },
    {
      name: 'lockstep:csp-meta',
      apply: 'build',
      transformIndexHtml: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta() },
          injectTo: 'head-prepend',
        },
      ],
    },
  ];
}
