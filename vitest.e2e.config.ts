/**
 * Browser tests: real Chromium (Debian's package) driven by playwright-core against the built
 * app, served by test/e2e/globalSetup.ts for the length of the run.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One Chromium at a time: CI machines have two cores.
    fileParallelism: false,
    pool: 'forks',
  },
});
