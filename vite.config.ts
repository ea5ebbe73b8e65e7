/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { DEV_HEADERS, PRODUCTION_HEADERS, headersFile } from './security-headers';

/** Ships the production headers as dist/_headers for static hosts. */
function headersFilePlugin(): Plugin {
  return {
    name: 'security-headers-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
  };
}

export default defineConfig({
  plugins: [react(), headersFilePlugin()],
  worker: { format: 'es' },
  // No source maps in the production build: the served code is the code.
  build: { target: 'es2022', sourcemap: false },
  server: { headers: DEV_HEADERS },
  preview: { headers: PRODUCTION_HEADERS },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
    testTimeout: 20_000,
    pool: 'threads',
  },
});
