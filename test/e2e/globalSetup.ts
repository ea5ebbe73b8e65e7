/**
 * Builds the app and serves it with `vite preview` on a free local port for the browser tests;
 * the server stops when the run ends, so nothing started here outlives the tests.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { build, preview, type PreviewServer } from 'vite';
import { assertChromium } from './chromium';

let server: PreviewServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  if (!process.env.E2E_SKIP_BUILD) {
    execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--if-missing'], { stdio: 'inherit' });
    await build({ logLevel: 'warn' });
  }
  server = await preview({ logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  project.provide('baseUrl', url.replace(/\/$/, ''));
  return async () => {
    await new Promise<void>((resolve) => server!.httpServer.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
