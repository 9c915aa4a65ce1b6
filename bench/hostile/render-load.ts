/**
 * Hostile scenario: 16 clients load `/search?q=…` as fast as they can for 20 s, while a probe asks a cached
 * `/sparql` answer every 100 ms. Two rounds: the 16 clients cycle through 20 search texts (each page rendered
 * once, then cached), and each search is a new text (each rendered on the server's thread: the worst case,
 * which the page cache cannot help). Reported: the probe's p50 / p99 alone and under each load, and the
 * pages per second served. Target: the cached answer under 20 ms p99 while 16 clients search.
 *
 * Runs alone (`npx tsx bench/hostile/render-load.ts`) or from bench/hostile.ts.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { percentile, settle, sleep, startCliServer, stopCliServer, type CliServer } from './cli-server.js';

const CLIENTS = 16;
const WINDOW_MS = 20_000;
const WORDS = ['mercury', 'women', 'license', 'finance', 'health', 'cooperative', 'formalisation', 'land', 'water', 'child',
  'gold', 'tax', 'market', 'training', 'safety', 'community', 'policy', 'data', 'youth', 'traders'];
const CACHED = `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 5')}`;

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: 'application/sparql-results+json' } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function probeFor(server: CliServer, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const ends = performance.now() + ms;
  while (performance.now() < ends) {
    latencies.push((await timed(`${server.url}${CACHED}`)).ms);
    await sleep(100);
  }
  return latencies;
}

export interface RenderFigures { label: string; p50: number; p99: number; pagesPerSecond: number; probes: number }

async function underLoad(server: CliServer, label: string, text: (i: number) => string): Promise<RenderFigures> {
  let stop = false;
  let pages = 0;
  let n = 0;
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!stop) {
      const response = await fetch(`${server.url}/search?q=${encodeURIComponent(text(n++))}`);
      await response.arrayBuffer();
      pages++;
    }
  });
  await sleep(1000);
  const pagesBefore = pages;
  const started = performance.now();
  const latencies = await probeFor(server, WINDOW_MS);
  const pagesPerSecond = (pages - pagesBefore) / ((performance.now() - started) / 1000);
  stop = true;
  await Promise.all(clients);
  const figures = { label, p50: percentile(latencies, 50), p99: percentile(latencies, 99), pagesPerSecond, probes: latencies.length };
  console.error(`render-load: ${JSON.stringify(figures)}`);
  return figures;
}

export async function renderLoad(): Promise<RenderFigures[]> {
  const server = await startCliServer();
  try {
    await settle(server.url);
    await timed(`${server.url}${CACHED}`); // now cached
    const alone = await probeFor(server, 5000);
    const figures: RenderFigures[] = [{ label: 'no other load', p50: percentile(alone, 50), p99: percentile(alone, 99), pagesPerSecond: 0, probes: alone.length }];
    figures.push(await underLoad(server, `${CLIENTS} clients on /search, 20 texts`, (i) => WORDS[i % WORDS.length]!));
    figures.push(await underLoad(server, `${CLIENTS} clients on /search, a new text each time`, (i) => `${WORDS[i % WORDS.length]} ${i}`));
    return figures;
  } finally {
    await stopCliServer(server);
  }
}

export function renderLoadTable(rows: RenderFigures[]): string {
  return ['| a cached /sparql answer, while | p50 | p99 (target < 20 ms) | search pages/s |', '|---|--:|--:|--:|',
    ...rows.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms${r.pagesPerSecond > 0 ? `: ${r.p99 < 20 ? 'met' : '**not met**'}` : ''} | ${r.pagesPerSecond > 0 ? r.pagesPerSecond.toFixed(0) : '–'} |`)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.error(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
  console.log(renderLoadTable(await renderLoad()));
  console.log(`\nLoad average at the end: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
}
