/**
 * The browser of the page, site and query-editor tests: Debian's Chromium headless shell
 * (`chromium-headless-shell`, the same Chromium build as the `chromium` package), driven by playwright-core.
 *
 * Why the shell rather than the full browser (`/usr/bin/chromium` in its headless mode): it is the same Blink,
 * V8 and network stack without the browser's UI layer, and each new page costs a fraction of the CPU. Measured
 * on two busy cores, 20 visits of serve's pages, each in a new page: 20 s of CPU against 51 s; in one page
 * navigated from visit to visit: 13 s against 21 s. On 18 pages at 375 px the two gave the same scroll widths,
 * heights, fonts, element boxes and axe-core results (violations, incomplete and passes, node for node).
 * `npm run screenshots` and bench/site.ts keep the full browser: they show and time what a visitor's
 * browser does.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { TOOL_LOCATIONS } from '../preflight/system-tools.js';

/** No sandbox (the tests run as root), no GPU, and none of the browser's own traffic (updates, sync, QUIC probes). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless Chromium for one test file; close it in afterAll. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: TOOL_LOCATIONS.chromium, args: CHROMIUM_ARGS, ...options });
}
