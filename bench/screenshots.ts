/**
 * Screenshots of the pages, for the README and for looking over a change by eye: `asm-kg serve`'s server
 * (createServer on a loopback port) in Debian's Chromium, each page a researcher starts from at 375 px
 * (<name>-375.png), and the README's three at 1000 px (<name>-1000.png: a workshop report, the consensus
 * view, a statement; docs/screenshots/ holds the published ones). It checks nothing: test/browser/pages.test.ts
 * holds the checks of the same pages.
 *
 *   npm run screenshots                       # into test-artifacts/pages/ (git-ignored)
 *   npx tsx bench/screenshots.ts --out docs/screenshots
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from '../src/serve/server.js';
import { launchVisitorBrowser } from './visitor-browser.js';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'test-artifacts/pages') } } });
const OUT = resolve(values.out);

/** The pages test/browser/pages.test.ts checks, at a phone's width. */
const NARROW: Array<[string, string]> = [
  ['home', '/'],
  ['workshop', '/id/workshop/2'],
  ['statement', '/id/statement/w1-a-government-14'],
  ['stakeholder', '/id/stakeholder/government'],
  ['theme', '/id/theme/women-and-gender'],
  ['consensus', '/consensus'],
  ['remedies', '/remedies'],
  ['search', '/search?q=mercury'],
  ['ontology', '/ontology'],
  ['results', `/sparql?query=${encodeURIComponent(readFileSync(join(ROOT, 'queries/remedies-for-obstacles.rq'), 'utf8'))}`],
];
/** The README's screenshots, the top 760 px of each page at 1000 px. */
const WIDE: Array<[string, string]> = [['workshop', '/id/workshop/2'], ['consensus', '/consensus'], ['statement', '/id/statement/w2-a-6']];

mkdirSync(OUT, { recursive: true });
const server = await createServer({ root: ROOT, workers: 1 });
const origin = await server.listen(0, '127.0.0.1');
const browser = await launchVisitorBrowser();
try {
  const shots: Array<[string, string, number]> = [...NARROW.map(([name, path]) => [name, path, 375] as [string, string, number]), ...WIDE.map(([name, path]) => [name, path, 1000] as [string, string, number])];
  for (const [name, path, width] of shots) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      // 503: the query process is still starting (slow on a busy machine); it says so and is asked again.
      let response = await page.goto(origin + path, { waitUntil: 'networkidle' });
      for (let tries = 1; response?.status() === 503 && tries < 30; tries++) {
        await new Promise((done) => setTimeout(done, 2000));
        response = await page.goto(origin + path, { waitUntil: 'networkidle' });
      }
      if (response?.status() !== 200) throw new Error(`the ${name} page (${path.slice(0, 60)}) answered ${response?.status() ?? 'nothing'}`);
      const file = join(OUT, `${name}-${width}.png`);
      await page.screenshot(width === 375 ? { path: file } : { path: file, clip: { x: 0, y: 0, width: 1000, height: 760 } });
      process.stdout.write(`${file}\n`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
