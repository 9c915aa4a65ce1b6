/**
 * The static site (`asm-kg site`): how long it takes to build and how big it is; and, in Chromium, the query
 * page of the site as a visitor meets it: served on loopback by a plain static server that compresses
 * (Brotli) as a CDN would, the time from opening sparql.html to the first result of a catalogue query
 * (service worker, Comunica and the dump all loaded), with the browser's cache cold (a new profile) and
 * warm (the same profile, the page opened again), and the bytes the server sent for the cold visit.
 *
 *   npm run bench:site                       # compiles and bundles, then 5 cold and 5 warm runs
 *   npx tsx bench/site.ts --runs 3 --query unanswered-obstacles
 *
 * Targets: first result in under 1.5 s cold, and the query page under 2 MB transferred, compressed.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { buildSite } from '../src/site/build-site.js';
import { serveStatic } from '../test/site/static-server.js';
import { openEditor } from '../test/site/yasgui-driver.js';
import { timeline, timelineRows, type Step } from './site-timeline.js';
import { launchVisitorBrowser } from './visitor-browser.js';

const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '5' }, query: { type: 'string', default: 'obstacles-by-workshop' },
  // A site folder built before (e.g. by `npm run site`): measures its query page only, without building.
  site: { type: 'string' },
} });
const RUNS = Math.max(1, Number(values.runs));
const QUERY = values.query!;

/** Opens the query page, runs the catalogue query and waits for its table; the Node-side steps of the timeline. */
async function firstResult(page: Page, url: string): Promise<Partial<Record<Step, number>>> {
  await openEditor(page, url);
  await page.selectOption('#query-examples', QUERY);
  const sent = Date.now();
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/sparql') && r.request().method() === 'POST');
  await page.click('.tabPanel.active .yasqe_queryButton');
  if ((await answered).status() !== 200) throw new Error(`${QUERY}: the query page answered ${(await answered).status()}`);
  await page.waitForSelector('.tabPanel.active .yasr .dataTable tbody tr');
  return { 'query sent (example picked, run clicked)': sent, 'result drawn (YASR table)': Date.now() };
}

function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) { const inner = folderSize(path); files += inner.files; bytes += inner.bytes; } else { files++; bytes += statSync(path).size; }
  }
  return { files, bytes };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-bench-site-'));
const out = join(scratch, 'site');
try {
  const started = performance.now();
  const report = values.site === undefined ? await buildSite({ root: PACKAGE_ROOT, outDir: out, siteUrl: 'https://example.org/asm-kg/' }) : undefined;
  const buildMs = performance.now() - started;
  const folder = values.site ?? out;
  const size = folderSize(folder);

  const server = await serveStatic(folder, { prefix: '/site/', compress: true });
  const browser = await launchVisitorBrowser();
  const cold: number[] = [];
  const warm: number[] = [];
  const transferred: number[] = [];
  const timelines: Array<Partial<Record<Step, number>>> = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // Cold: a new browser profile (no HTTP cache, no service worker).
      const context = await browser.newContext();
      const page = await context.newPage();
      const before = server.bytesSent();
      let t = performance.now();
      const steps = await firstResult(page, `${server.url}sparql.html`);
      cold.push(performance.now() - t);
      transferred.push(server.bytesSent() - before);
      timelines.push(await timeline(page, context, steps));
      // Warm: the same profile opens the page again (HTTP cache, service worker installed, the dump in its cache).
      const again = await context.newPage();
      await page.close();
      t = performance.now();
      await firstResult(again, `${server.url}sparql.html`);
      warm.push(performance.now() - t);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const rows = [
    ...(report === undefined ? [] : [['site build (asm-kg site)', `${(buildMs / 1000).toFixed(1)} s`, '', '']]),
    ['site size', `${mb(size.bytes)}, ${size.files} files`, '', report === undefined ? values.site! : `${report.pages} HTML pages, ${report.resources} resources`],
    [`first result, cold cache (${QUERY})`, `${Math.round(median(cold))} ms`, '< 1500 ms', median(cold) < 1500 ? 'met' : 'NOT met'],
    [`first result, warm cache (${QUERY})`, `${Math.round(median(warm))} ms`, '', ''],
    ['query page transferred, cold, Brotli', mb(median(transferred)), '< 2 MB', median(transferred) < 2 * 1024 * 1024 ? 'met' : 'NOT met'],
  ];
  const lines = [
    `Static site, ${RUNS} run(s), medians; Chromium on loopback; ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads.`,
    '',
    '| measure | value | target | |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `cold runs (ms): ${cold.map(Math.round).join(', ')}; warm runs (ms): ${warm.map(Math.round).join(', ')}`,
    '',
    `The cold path, step by step (medians over the cold runs after the first, whose browser start-up is its own; ms after navigation start):`,
    '',
    '| step | at (ms) | since the step before |',
    '| --- | --- | --- |',
    ...timelineRows(timelines.length > 1 ? timelines.slice(1) : timelines).map((row) => `| ${row.join(' | ')} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
