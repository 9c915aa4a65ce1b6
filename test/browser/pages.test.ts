/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core, against a real server
 * (createServer on port 0). For each page a researcher starts from: no console error, no failed request,
 * no request to any other host, no horizontal overflow at 375 px, and no serious or critical axe-core
 * violation. The screenshots of these pages are `npm run screenshots` (bench/screenshots.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';
import { launchChromium } from '../support/chromium.js';

const ROOT = join(import.meta.dirname, '../..');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGES: Array<[string, string]> = [
  ['home', '/'],
  ['workshop', '/id/workshop/2'],
  ['statement', '/id/statement/w1-a-government-14'],
  ['stakeholder', '/id/stakeholder/government'],
  ['theme', '/id/theme/women-and-gender'],
  ['consensus', '/consensus'],
  ['remedies', '/remedies'],
  ['search', '/search?q=mercury'],
  ['ontology', '/ontology'],
  // A SPARQL result as a browser sees it (src/render/html-results.ts): a wide table in its own scroll box.
  ['results', `/sparql?query=${encodeURIComponent(readFileSync(join(ROOT, 'queries/remedies-for-obstacles.rq'), 'utf8'))}`],
];

let server: TestServer;
let origin: string;
let browser: Browser;
/**
 * The one page every test navigates: a new page starts a renderer process, which cost more CPU than the visit
 * itself (measured: 20 visits of serve's pages in new pages, 20 s of CPU; in one page, 13 s). Its cache is off, so each
 * visit requests every stylesheet, script and image, as a fresh context did.
 */
let page: Page;

beforeAll(async () => {
  // One query process and no spare (test/fixtures/serve/server.ts): a spare is a second process loading the graph, and these pages need none.
  server = await sharedServer();
  origin = server.url;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  // (The DevTools protocol's setting holds only in a session that has its Network domain on.)
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit { page: Page; problems: string[]; foreign: string[] }

const WATCHED = ['console', 'pageerror', 'requestfailed', 'response', 'request'] as const;
/** Ends a test's watch on the shared page: the next test attaches its own listeners. */
function unwatch(): void {
  for (const event of WATCHED) page.removeAllListeners(event);
}

/** Every list page, and the first and last member of each folder, from the home page's links. */
async function samplePaths(): Promise<string[]> {
  const home = await (await fetch(`${origin}/`)).text();
  const lists = [...home.matchAll(/href="(\/(?:id\/[a-z]+|graph)\/)"/g)].map((m) => m[1]!);
  const paths = new Set<string>(lists);
  for (const list of lists) {
    const html = await (await fetch(origin + list)).text();
    const main = html.slice(html.indexOf('<main'));
    const members = [...main.matchAll(/<li>(?:<span[^>]*>[^<]*<\/span>)*<a href="([^"#?]+)"/g)].map((m) => m[1]!).filter((p) => p.startsWith(list));
    if (members.length > 0) { paths.add(members[0]!); paths.add(members.at(-1)!); }
  }
  for (const page of ['/id/statement/page/2', '/ontology', '/search', '/dist/', '/recipes', '/docs']) paths.add(page);
  // Every guide's page: their tables and code blocks are the widest content of the site.
  const docs = await (await fetch(`${origin}/docs`)).text();
  for (const m of docs.matchAll(/<h3><a href="(\/docs\/[^"]+)"/g)) paths.add(m[1]!);
  return [...paths];
}

/** Opens a path in the page, `width` px wide, recording every console error, failed request and foreign request until unwatch(). */
async function visit(path: string, width = 375): Promise<Visit> {
  if (page.viewportSize()?.width !== width) await page.setViewportSize({ width, height: 800 });
  const problems: string[] = [];
  const foreign: string[] = [];
  const host = new URL(origin).host;
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
  page.on('request', (request) => { const url = new URL(request.url()); if (url.protocol !== 'data:' && url.host !== host) foreign.push(request.url()); });
  await page.goto(origin + path, { waitUntil: 'networkidle' });
  return { page, problems, foreign };
}

/** What the tests use of axe-core: its run, and its list of rules (with each rule's impact and default state). */
interface Axe {
  run(context: Document, options: { runOnly: { type: 'rule'; values: string[] }; resultTypes: string[] }): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }>;
  _audit: { rules: Array<{ id: string; enabled?: boolean; impact?: string }> };
}

describe('pages in Chromium', () => {
  it.each(PAGES)('%s: no errors, no foreign requests, no overflow at 375 px, no serious axe violations', async (_name, path) => {
    const { problems, foreign } = await visit(path);
    try {
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(overflow.scroll, `${path} is ${overflow.scroll} px wide`).toBeLessThanOrEqual(overflow.width);
      // axe-core's source, evaluated through the DevTools protocol (the page's CSP forbids inline scripts).
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: Axe }).axe;
        // The rules axe.run() runs (those enabled by default) that can report a serious or critical violation:
        // axe-core gives each violation its rule's impact (finalizeRuleResult), so a rule of minor or moderate
        // impact never reports one. Only violations are collected in full (resultTypes), not every passing node.
        const rules = axe._audit.rules.filter((rule) => rule.enabled !== false && rule.impact !== 'minor' && rule.impact !== 'moderate').map((rule) => rule.id);
        if (!rules.includes('color-contrast')) throw new Error(`axe-core's rules are not where this test looks for them: ${rules.join(', ')}`);
        const result = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
      });
      expect(violations).toEqual([]);
    } finally {
      unwatch();
    }
  }, 60_000);

  it('no page of any other kind overflows 375 px or logs an error: one resource of each folder, every list', async () => {
    const paths = await samplePaths();
    expect(paths.length).toBeGreaterThan(15);
    if (page.viewportSize()?.width !== 375) await page.setViewportSize({ width: 375, height: 800 });
    const host = new URL(origin).host;
    const problems: string[] = [];
    const overflowing: string[] = [];
    let current = '';
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`${current}: console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`${current}: page error: ${error.message}`));
    // Going on to the next page cancels what the last one still had in flight (its favicon): not a failure.
    page.on('requestfailed', (request) => { if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${current}: failed: ${request.url()} ${request.failure()?.errorText}`); });
    page.on('response', (response) => { if (response.status() >= 400) problems.push(`${current}: HTTP ${response.status()}: ${response.url()}`); });
    page.on('request', (request) => { const url = new URL(request.url()); if (url.protocol !== 'data:' && url.host !== host) problems.push(`${current}: foreign request ${request.url()}`); });
    try {
      for (const path of paths) {
        current = path;
        await page.goto(origin + path, { waitUntil: 'load' });
        const size = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        if (size[0]! > size[1]!) overflowing.push(`${path}: ${size[0]} px`);
      }
    } finally {
      unwatch();
    }
    expect(problems).toEqual([]);
    expect(overflowing).toEqual([]);
  }, 180_000);

  it('search filters live in the page with the same answers as the server', async () => {
    const { problems } = await visit('/search', 1000);
    try {
      await page.fill('#q', 'licensing');
      await page.waitForFunction(() => /match/.test(document.getElementById('result-count')!.textContent ?? ''));
      const live = await page.$$eval('#results li:not([hidden])', (items) => items.map((li) => (li as HTMLElement).dataset.id));
      expect(page.url()).toBe(`${origin}/search?q=licensing`);
      const server = await (await fetch(`${origin}/search?q=licensing`)).text();
      const answered = [...server.matchAll(/<li data-id="([^"]+)">/g)].map((m) => m[1]);
      expect(live.length).toBeGreaterThan(0);
      expect(live).toEqual(answered);
      await page.selectOption('select[name=kind]', 'Obstacle');
      await page.waitForFunction((n) => document.querySelectorAll('#results li:not([hidden])').length < n, live.length);
      const kinds = await page.$$eval('#results li:not([hidden]) .badge', (badges) => badges.map((b) => b.className));
      expect(kinds.every((k) => k.includes('kind-Obstacle') || !k.includes('kind-'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      unwatch();
    }
  }, 60_000);

  it('an unknown path and a malformed query answer HTML error pages with the navigation', async () => {
    const missing = await visit('/id/statement/nope');
    try {
      expect(await missing.page.title()).toMatch(/^404 Not found/);
      expect(await missing.page.locator('header nav a').count()).toBeGreaterThan(5);
    } finally {
      unwatch();
    }
    const bad = await visit(`/sparql?query=${encodeURIComponent('SELEC * WHERE { ?s ?p ?o }')}`);
    try {
      expect(await bad.page.inputValue('textarea[name=query]')).toBe('SELEC * WHERE { ?s ?p ?o }');
      expect(await bad.page.locator('.error-message').textContent()).toMatch(/SELEC|expected|syntax/i);
    } finally {
      unwatch();
    }
  }, 60_000);
});
