/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { embedAncestors, headersFile, headersFor } from './security-headers';

/**
 * The security headers, per request path (the embed page may be framed, the app may not), for
 * `vite dev` and `vite preview`; and dist/_headers for static hosts. The middleware runs before
 * Vite serves anything, and Vite itself is given no headers to set, so these are the only ones.
 */
function securityHeadersPlugin(): Plugin {
  const ancestors = embedAncestors();
  const middleware = (mode: 'production' | 'dev'): Connect.NextHandleFunction => (req, res, next) => {
    for (const [k, v] of Object.entries(headersFor(req.url ?? '/', mode, ancestors))) res.setHeader(k, v);
    next();
  };
  return {
    name: 'security-headers',
    configureServer(server) {
      server.middlewares.use(middleware('dev'));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware('production'));
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(ancestors) });
    },
  };
}

const page = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  plugins: [react(), securityHeadersPlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No source maps in the production build: the served code is the code.
    sourcemap: false,
    // Two pages: the app, and the embed page an <iframe> shows (one chart or the result card).
    rollupOptions: { input: { main: page('index.html'), embed: page('embed.html') } },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
    testTimeout: 20_000,
    pool: 'threads',
  },
});
