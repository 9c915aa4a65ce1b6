/**
 * bench:hostile — the fairness and memory figures, next to their targets:
 * - a cheap uncached query's latency (p50, p99) while 4 expensive queries run (each replaced by another
 *   as soon as it ends, so that 4 always run);
 * - how soon a timed-out query's place serves again: the time from the 503 to the answer of a cheap
 *   uncached query sent at once;
 * - the RSS of the server and all its query processes together after N distinct 250 KB queries;
 * - then the scenarios of bench/hostile/: answers held for clients that never read (memory.ts), 20,000 idle
 *   connections from one address (connections.ts), 16 clients on /search (render-load.ts).
 *
 * Each server is the command line (`node lib/cli.js serve`) in its own process, so that the RSS is the
 * server's alone. With HOSTILE_BASELINE=DIR (a checkout of 0.1.0 compiled to DIR/lib), the same figures
 * are taken from that code too, over the same project (--root). HOSTILE_QUERIES sets N (default 10000),
 * HOSTILE_BASELINE_QUERIES the baseline's N (default N).
 *
 * Then the fairness scenarios of bench/hostile/, one file each (HOSTILE_FAIRNESS=0 skips them): the burst
 * (burst.ts) and the 50-client flood (flood.ts). HOSTILE_SCENARIOS=0 skips every scenario after the first
 * part; HOSTILE_CLI=PATH/lib/cli.js measures another build (cli-server.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { processTree, rssMb, treeRss } from './process-tree.js';
import { CLI, startCliServer, stopCliServer, type CliServer } from './hostile/cli-server.js';

/** The server's default time limit, as in the issue's attack. */
const TIMEOUT_MS = 10_000;
const QUERIES = Number(process.env.HOSTILE_QUERIES ?? 10_000);
const BASELINE = process.env.HOSTILE_BASELINE;
const BASELINE_QUERIES = Number(process.env.HOSTILE_BASELINE_QUERIES ?? QUERIES);
const CHEAP_SAMPLES = 100;
const CHEAP_WINDOW_MS = Number(process.env.HOSTILE_CHEAP_WINDOW_MS ?? 60_000);
const RECOVERY_SAMPLES = Number(process.env.HOSTILE_RECOVERY_SAMPLES ?? 5);
/** Expensive queries sent at once in the recovery measure: as many as the server runs at normal priority (2 here). */
const RECOVERY_EXPENSIVE = 2;

type Server = CliServer;
/** HOSTILE_SERVE_ARGS: more arguments for `asm-kg serve` (e.g. "--max-memory 0"), to measure a setting. */
const SERVE_ARGS = (process.env.HOSTILE_SERVE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
const startServer = (cli: string): Promise<Server> => startCliServer(['--timeout', String(TIMEOUT_MS), ...SERVE_ARGS], cli);
const stopServer = stopCliServer;

interface Answer {
  status: number;
  ms: number;
  /** From the server's Server-Timing header: how long the query waited for a query process, and ran in it. */
  waitMs?: number;
  queryMs?: number;
}

/** The server's own RSS and each query process's, in MB, for the log. */
function breakdown(root: number): string {
  const children = processTree(root).slice(1);
  return `server ${rssMb(root).toFixed(0)} MB, ${children.length} query processes ${children.map((pid) => rssMb(pid).toFixed(0)).join(' + ')} MB`;
}

async function query(url: string, text: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: text });
    await response.arrayBuffer();
    const timing = response.headers.get('server-timing') ?? '';
    const dur = (name: string) => { const match = new RegExp(`${name};dur=([\\d.]+)`).exec(timing); return match === null ? undefined : Number(match[1]); };
    return { status: response.status, ms: performance.now() - started, waitMs: dur('wait'), queryMs: dur('eval') ?? dur('query') };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

let unique = 0;
/** A query that runs until the time limit; distinct each time, so that no cache or shared run answers it. */
const expensive = () => `SELECT (COUNT(*) AS ?n${++unique}) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`;
/** A cheap query, distinct each time (a different OFFSET), so that each is evaluated. */
const cheap = () => `SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 OFFSET ${++unique % 4000}`;

/** Waits (at most 90 s) until three cheap uncached queries in a row answer within 100 ms: the server is idle. */
async function settle(url: string): Promise<void> {
  const deadline = performance.now() + 90_000;
  let fast = 0;
  while (fast < 3 && performance.now() < deadline) {
    fast = (await query(url, cheap())).ms < 100 ? fast + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Figures { p50: number; p99: number; cheapN: number; cheapFailed: number; recovery: number; rss: number; peak: number; queries: number; rssStart: number; series: number[] }

async function measure(cli: string, queries: number, label: string): Promise<Figures> {
  const server = await startServer(cli);
  const pid = server.process.pid!;
  try {
    // Warm up (the first queries of a fresh engine are slower), then let it settle.
    await settle(server.url);
    const rssStart = treeRss(pid).tree;
    console.error(`${label}: idle: ${breakdown(pid)}`);

    // Fairness: 4 expensive queries always running, cheap queries one after another.
    let stop = false;
    const loops = Array.from({ length: 4 }, async () => { while (!stop) await query(server.url, expensive()); });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const latencies: number[] = [];
    const answers: Answer[] = [];
    let cheapFailed = 0;
    const windowEnds = performance.now() + CHEAP_WINDOW_MS;
    while (latencies.length < CHEAP_SAMPLES && performance.now() < windowEnds) {
      const answer = await query(server.url, cheap());
      if (answer.status !== 200) cheapFailed++;
      latencies.push(answer.ms);
      answers.push(answer);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stop = true;
    await Promise.all(loops);
    console.error(`${label}: cheap p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (${latencies.length} samples)`);
    // Where the slowest went: waiting for a query process, running in it, or elsewhere (HTTP, the server's event loop).
    const waited = answers.filter((a) => (a.waitMs ?? 0) >= 1).length;
    console.error(`${label}: ${waited} of ${answers.length} cheap queries waited for a query process; the slowest: ${[...answers].sort((a, b) => b.ms - a.ms).slice(0, 5)
      .map((a) => `${a.ms.toFixed(0)} ms (wait ${a.waitMs?.toFixed(0) ?? '?'}, query ${a.queryMs?.toFixed(0) ?? '?'}, status ${a.status})`).join('; ')}`);

    // Recovery: as many expensive queries as run at normal priority time out together; a cheap one is
    // sent as soon as the first 503 arrives, and timed until it is answered.
    const recoveries: number[] = [];
    for (let i = 0; i < RECOVERY_SAMPLES; i++) {
      await settle(server.url);
      const runs = Array.from({ length: RECOVERY_EXPENSIVE }, () => query(server.url, expensive()));
      const { status } = await Promise.race(runs);
      if (status !== 503) throw new Error(`${label}: the expensive query got ${status}, not 503`);
      recoveries.push((await query(server.url, cheap())).ms);
      await Promise.all(runs);
    }
    console.error(`${label}: recovery ${recoveries.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    // Memory: distinct 250 KB queries, 4 at a time.
    await settle(server.url);
    let peak = treeRss(pid).tree;
    const sampler = setInterval(() => { peak = Math.max(peak, treeRss(pid).tree); }, 500);
    let next = 0;
    const series: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < queries) {
        const i = next++;
        await query(server.url, `SELECT ?n WHERE { BIND(${i} AS ?n) FILTER(STR(?n) != "${String(i).padEnd(250_000, '.')}") }`);
        if (i % 1000 === 999) {
          series.push(treeRss(pid).tree);
          console.error(`${label}: ${i + 1} big queries, RSS ${series.at(-1)!.toFixed(0)} MB, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        }
      }
    }));
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rss = treeRss(pid).tree;
    peak = Math.max(peak, rss);
    console.error(`${label}: after ${queries} big queries: ${breakdown(pid)}`);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), cheapN: latencies.length, cheapFailed, recovery: percentile(recoveries, 50), rss, peak, queries, rssStart, series };
  } finally {
    await stopServer(server);
  }
}

const current = await measure(CLI, QUERIES, 'this code');
const baseline = BASELINE !== undefined && existsSync(join(BASELINE, 'lib/cli.js')) ? await measure(join(BASELINE, 'lib/cli.js'), BASELINE_QUERIES, '0.1.0') : undefined;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (n: number) => `${n.toFixed(0)} MB`;
/** Whether a figure meets its target, in words for the table. */
const verdict = (met: boolean) => (met ? 'met' : '**not met**');
const rows: Array<[string, string, (f: Figures) => string]> = [
  ['cheap uncached query while 4 expensive run, p50', '', (f) => `${ms(f.p50)} (${f.cheapN} queries${f.cheapFailed > 0 ? `, ${f.cheapFailed} failed` : ''})`],
  ['cheap uncached query while 4 expensive run, p99', '< 500 ms', (f) => `${ms(f.p99)}: ${verdict(f.p99 < 500 && f.cheapFailed === 0)}`],
  [`a cheap query sent at the 503 of ${RECOVERY_EXPENSIVE} expensive ones (median of ${RECOVERY_SAMPLES})`, '< 1 s', (f) => `${ms(f.recovery)}: ${verdict(f.recovery < 1000)}`],
  ['RSS of the server and its query processes, idle', '', (f) => mb(f.rssStart)],
  ['the same after N distinct 250 KB queries', '< 600 MB (N = 10,000)', (f) => `${mb(f.rss)} (N = ${f.queries.toLocaleString('en')})${f.queries >= 10_000 ? `: ${verdict(f.rss < 600)}` : ': N too small to judge'}`],
  ['peak RSS during those queries', '', (f) => mb(f.peak)],
];
const engine = process.env.ASM_KG_SERVE_ENGINE === 'oxigraph' ? 'Oxigraph engine (ASM_KG_SERVE_ENGINE=oxigraph)' : 'default engine';
console.log(`\n| measure (default settings: 2 query processes + 1 spare here, ${TIMEOUT_MS} ms time limit, ${engine}) | target | this code | ${baseline ? '0.1.0 |' : ''}`);
console.log(`|---|---|---|${baseline ? '---|' : ''}`);
for (const [name, target, value] of rows) console.log(`| ${name} | ${target} | ${value(current)} |${baseline ? ` ${value(baseline)} |` : ''}`);
console.log(`\nRSS after each thousand of the ${current.queries.toLocaleString('en')} queries: ${current.series.map(mb).join(', ')}`);
console.log(`Load average at the end (1, 5, 15 min): ${loadavg().map((n) => n.toFixed(1)).join(', ')} on ${availableParallelism()} CPUs: figures are of an idle machine only if these are well under the CPU count.`);

// Memory held for slow readers, idle connections, pages on the server's thread: each on a fresh server
// (bench/hostile/). HOSTILE_SCENARIOS=0 stops here, after the first part.
if (process.env.HOSTILE_SCENARIOS === '0') process.exit(0);
const { heldAnswers, heldAnswersTable } = await import('./hostile/memory.js');
const { idleConnections, idleConnectionsTable } = await import('./hostile/connections.js');
const { renderLoad, renderLoadTable } = await import('./hostile/render-load.js');
console.log(`\n${heldAnswersTable(await heldAnswers())}\n\n${idleConnectionsTable(await idleConnections())}\n\n${renderLoadTable(await renderLoad())}`);

if (process.env.HOSTILE_FAIRNESS !== '0') {
  const { burst } = await import('./hostile/burst.js');
  const { flood } = await import('./hostile/flood.js');
  const { report } = await import('./hostile/fairness-server.js');
  console.log('\n| scenario: measure | target | this code |\n|---|---|---|');
  for (const scenario of [burst, flood]) console.log(report(await scenario()));
  console.log(`Load average at the end (1, 5, 15 min): ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
}
