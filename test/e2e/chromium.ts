/** Where the browser tests find Chromium, and the advice they fail with when it is missing. */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need Debian's chromium package: ` +
        'run `sudo apt-get install -y chromium` (or `apt-get install -y chromium` as root; .ci/run does this), ' +
        'or point CHROMIUM_PATH at a Chromium binary. `npx playwright install` cannot download browsers here.',
    );
  }
}
