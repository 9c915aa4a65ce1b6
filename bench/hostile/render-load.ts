/**
 * Hostile scenario: 16 clients load `/search?q=…` as fast as they can for 20 s, while a probe asks a cached
 * `/sparql` answer every 100 ms. Two rounds: the 16 clients cycle through 20 search texts (each page rendered
 * once, then cached), and each search is a new text (each rendered by the server's render worker: the worst
 * case, which the page cache cannot help). Reported: the probe's p50 / p99 alone and under each load, and the
 * pages per second served, and the server process's largest RSS (its render worker included; not its query
 * processes). Target: the cached answer under 20 ms p99 while 16 clients search.
 *
 * The 16 clients run in a process of their own (this file with `--load`), so that the probe's times are the
 * server's, not those of a load generator sharing the probe's event loop; `--in-process` runs them beside
 * the probe instead, for comparison.
 *
 * Runs alone (`npx tsx bench/hostile/render-load.ts [--in-process] [--cli another/lib/cli.js]`) or from bench/hostile.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile, rss, settle, sleep, startCliServer, stopCliServer, type CliServer } from './cli-server.js';

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

/** The probe's latencies, and the server process's largest RSS (MB, its render worker's thread included) seen at each probe. */
async function probeFor(server: CliServer, ms: number): Promise<{ latencies: number[]; peakRss: number }> {
  const latencies: number[] = [];
  let peakRss = 0;
  const ends = performance.now() + ms;
  while (performance.now() < ends) {
    latencies.push((await timed(`${server.url}${CACHED}`)).ms);
    peakRss = Math.max(peakRss, rss(server).own);
    await sleep(100);
  }
  return { latencies, peakRss };
}

export interface RenderFigures { label: string; p50: number; p99: number; pagesPerSecond: number; probes: number; peakRss: number }

type Texts = 'twenty' | 'new';
const TEXTS: Record<Texts, (i: number) => string> = {
  twenty: (i) => WORDS[i % WORDS.length]!,
  new: (i) => `${WORDS[i % WORDS.length]} ${i}`,
};

/** The load: CLIENTS clients searching until stopped; `pages()` counts the pages they have had. */
interface Load { pages(): Promise<number>; stop(): Promise<void> }

function clientsHere(url: string, texts: Texts): Load {
  let stop = false;
  let pages = 0;
  let n = 0;
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!stop) {
      const response = await fetch(`${url}/search?q=${encodeURIComponent(TEXTS[texts](n++))}`);
      await response.arrayBuffer();
      pages++;
    }
  });
  return { pages: async () => pages, stop: async () => { stop = true; await Promise.all(clients); } };
}

/** The same clients in a child process (this file with --load), asked for their count over IPC. */
function clientsApart(url: string, texts: Texts): Load {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--load', url, texts], { execArgv: process.execArgv });
  const ask = (message: string) => new Promise<number>((resolve) => {
    child.once('message', (pages) => resolve(pages as number));
    child.send(message);
  });
  return {
    pages: () => ask('count'),
    stop: async () => { await ask('stop'); await new Promise((resolve) => child.once('exit', resolve)); },
  };
}

async function underLoad(server: CliServer, label: string, texts: Texts, apart: boolean): Promise<RenderFigures> {
  const load = apart ? clientsApart(server.url, texts) : clientsHere(server.url, texts);
  await sleep(1000);
  const pagesBefore = await load.pages();
  const started = performance.now();
  const { latencies, peakRss } = await probeFor(server, WINDOW_MS);
  const pagesPerSecond = ((await load.pages()) - pagesBefore) / ((performance.now() - started) / 1000);
  await load.stop();
  const figures = { label, p50: percentile(latencies, 50), p99: percentile(latencies, 99), pagesPerSecond, probes: latencies.length, peakRss };
  console.error(`render-load: ${JSON.stringify(figures)}`);
  return figures;
}

/** `cli`: the command line whose server is measured (this tree's by default; another build's to compare). */
export async function renderLoad(apart = true, cli?: string): Promise<RenderFigures[]> {
  const server = await startCliServer([], cli);
  try {
    await settle(server.url);
    await timed(`${server.url}${CACHED}`); // now cached
    const { latencies: alone, peakRss } = await probeFor(server, 5000);
    const figures: RenderFigures[] = [{ label: 'no other load', p50: percentile(alone, 50), p99: percentile(alone, 99), pagesPerSecond: 0, probes: alone.length, peakRss }];
    figures.push(await underLoad(server, `${CLIENTS} clients on /search, 20 texts`, 'twenty', apart));
    figures.push(await underLoad(server, `${CLIENTS} clients on /search, a new text each time`, 'new', apart));
    return figures;
  } finally {
    await stopCliServer(server);
  }
}

export function renderLoadTable(rows: RenderFigures[]): string {
  return ['| a cached /sparql answer, while | p50 | p99 (target < 20 ms) | search pages/s | server RSS, largest |', '|---|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms${r.pagesPerSecond > 0 ? `: ${r.p99 < 20 ? 'met' : '**not met**'}` : ''} | ${r.pagesPerSecond > 0 ? r.pagesPerSecond.toFixed(0) : '–'} | ${r.peakRss.toFixed(0)} MB |`)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href && process.argv[2] === '--load') {
  // The load generator's process: searches until told to stop, answering each message with its count.
  const load = clientsHere(process.argv[3]!, process.argv[4] as Texts);
  process.on('message', (message) => {
    if (message === 'stop') void load.stop().then(async () => { process.send!(await load.pages()); process.disconnect(); });
    else void load.pages().then((pages) => process.send!(pages));
  });
} else if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const apart = !process.argv.includes('--in-process');
  console.error(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(', ')}; load clients ${apart ? 'in a process of their own' : 'in the probe\'s process'}`);
  const cli = process.argv.includes('--cli') ? process.argv[process.argv.indexOf('--cli') + 1] : undefined;
  console.log(renderLoadTable(await renderLoad(apart, cli)));
  console.log(`\nLoad average at the end: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
}
