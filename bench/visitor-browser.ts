/**
 * The browser the benches and the screenshots use: Debian's full Chromium (`/usr/bin/chromium`), as a visitor
 * runs it, where the tests run its headless shell (test/support/chromium.ts). The tests' preflight does not
 * install it, so a machine set up for the tests alone is told which package to install.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/support/chromium.js';

const CHROMIUM = '/usr/bin/chromium';

export function launchVisitorBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`${CHROMIUM} is missing: the benches and screenshots run the full browser (apt-get install chromium)\n`);
    process.exit(2);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
