/**
 * Warm evaluation time of every catalogue query (no parameter bound), one run, side by side:
 *
 *   served round trip   `asm-kg serve --no-cache` (Oxigraph, the default engine), a request over HTTP on
 *                       loopback to the answer's last byte;
 *   served evaluation   the same requests' `Server-Timing: eval;dur=` (the query process's own time: parse,
 *                       Oxigraph, writing SPARQL JSON), so that the round trip's floor is set apart;
 *   Oxigraph            the oxigraph package in this process, the N-Quads dump loaded, union default graph;
 *                       its answer as JavaScript terms (evaluation alone);
 *   Oxigraph, written   the same, with Oxigraph writing the answer itself (SPARQL JSON for a SELECT or ASK,
 *                       N-Triples for a CONSTRUCT): like the served evaluation, evaluation plus the answer's bytes;
 *   Oxigraph, written after an idle gap
 *                       the same again, each timed run after --gap-ms (default 3) of idleness (a timer), as a
 *                       query process meets each request after the time of a round trip: a sub-millisecond
 *                       evaluation takes 2 to 4 times longer on a core that has just idled than back to back
 *                       (cold caches), in Oxigraph in this process as in the query process (bench/served-path.ts --pause-ms);
 *   Comunica            this package's query() API in this process (the engine of `asm-kg query`).
 *
 * Each cell is the median of --runs evaluations after --warm ones. The ratios divide the served
 * evaluation by in-process Oxigraph's, written and bare (the issue's target: within 3×); the floor is the round trip of
 * `ASK {}`. With --comunica-serve the table also has the served round trip with ASM_KG_SERVE_ENGINE=comunica.
 *
 *   npm run bench:engines                 # compiles, then 10 runs per cell
 *   npx tsx bench/engines.ts --runs 20
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from 'n3';
import * as oxigraph from 'oxigraph';
import { listCatalogue } from '../src/query/catalogue.js';
import { query } from '../src/query/engine.js';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { builtGraphPath } from '../src/query/load-graph.js';
import { Parser } from 'n3';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, warm: { type: 'string', default: '3' }, 'gap-ms': { type: 'string', default: '3' }, 'comunica-serve': { type: 'boolean', default: false } } });
const RUNS = Math.max(1, Number(values.runs));
const WARM = Math.max(0, Number(values.warm));
const GAP_MS = Math.max(0, Number(values['gap-ms']));
const ROOT = PACKAGE_ROOT;
const CLI = join(ROOT, 'lib/cli.js');
const ACCEPT = 'application/sparql-results+json, application/n-triples;q=0.9';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address() as AddressInfo; probe.close(() => resolve(port)); });
  });
}

async function startServe(engine: 'comunica' | 'oxigraph'): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--no-cache', '--timeout', '120000'], {
    stdio: ['ignore', 'ignore', 'pipe'], cwd: ROOT, env: { ...process.env, ASM_KG_SERVE_ENGINE: engine },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const endpoint = `http://127.0.0.1:${port}/sparql`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve (${engine}) exited: ${stderr}`);
    try {
      const response = await fetch(`${endpoint}?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { headers: { accept: ACCEPT } });
      await response.arrayBuffer();
      if (response.ok) return { endpoint, child };
    } catch { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`serve (${engine}) did not answer in 60 s: ${stderr}`);
}

async function stopServe(server: { child: ChildProcess }): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGINT');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Median milliseconds of `runs` calls after `warm` ones (NaN, with the error on stderr, if one fails); with
 * `gapMs`, each call after that long idle.
 */
async function time(what: string, run: () => Promise<number> | number, gapMs = 0): Promise<{ ms: number }> {
  try {
    for (let i = 0; i < WARM; i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return { ms: samples[Math.floor(samples.length / 2)]! };
  } catch (error) {
    process.stderr.write(`${what}: ${error instanceof Error ? error.message : String(error)}\n`);
    return { ms: Number.NaN };
  }
}

/** The served evaluation of the last request (Server-Timing eval), read by the served-evaluation column. */
let lastEval = Number.NaN;

async function overHttp(endpoint: string, text: string): Promise<number> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: ACCEPT }, body: text });
  const body = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
  lastEval = Number(/(?:^|,\s*)eval;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
  return Number(response.headers.get('x-result-rows') ?? body.length);
}

/** Median round trip and median served evaluation of `runs` requests after `warm` ones. */
async function served(what: string, endpoint: string, text: string): Promise<{ ms: number; evalMs: number }> {
  const evals: number[] = [];
  const { ms } = await time(what, async () => { const rows = await overHttp(endpoint, text); evals.push(lastEval); return rows; });
  const measured = evals.slice(WARM).sort((a, b) => a - b);
  return { ms, evalMs: measured.length === 0 ? Number.NaN : measured[Math.floor(measured.length / 2)]! };
}

const nquads = readFileSync(builtGraphPath(ROOT), 'utf8');
const quads = new Parser({ format: 'N-Quads' }).parse(nquads);
const n3 = new Store(quads);
const graph = { store: n3, endpoints: [], sources: ['built'], size: n3.size };
const ox = new oxigraph.Store();
ox.load(nquads, { format: 'application/n-quads', lenient: true });

const catalogue = listCatalogue(ROOT).map((entry) => ({ name: entry.name, text: readFileSync(entry.path, 'utf8') }));
const servers = { oxigraph: await startServe('oxigraph'), comunica: values['comunica-serve'] ? await startServe('comunica') : undefined };
const rows: string[] = [];
const ratios: Array<[string, number]> = [];
const writtenRatios: Array<[string, number]> = [];
const gapRatios: Array<[string, number]> = [];
// The floor of a served answer: an HTTP round trip and a hop to a query process, for a query that does nothing.
const floor = await served('floor', servers.oxigraph.endpoint, 'ASK {}');
const f = (ms: number) => (Number.isNaN(ms) ? 'failed' : ms.toFixed(1));
try {
  for (const { name, text } of catalogue) {
    const serve = await served(`${name} serve`, servers.oxigraph.endpoint, text);
    const serveComunica = servers.comunica === undefined ? undefined : await time(`${name} serve (Comunica)`, () => overHttp(servers.comunica!.endpoint, text));
    const inOxigraph = await time(`${name} Oxigraph`, () => {
      const result = ox.query(text, { use_default_graph_as_union: true });
      return Array.isArray(result) ? result.length : 1;
    });
    const isGraph = /\b(CONSTRUCT|DESCRIBE)\b/i.test(text.replace(/#[^\n]*/g, ''));
    const write = () => {
      const body = ox.query(text, { use_default_graph_as_union: true, results_format: isGraph ? 'application/n-triples' : 'application/sparql-results+json' });
      return typeof body === 'string' ? body.length : 0;
    };
    const writtenOxigraph = await time(`${name} Oxigraph, written`, write);
    const writtenAfterGap = await time(`${name} Oxigraph, written after an idle gap`, write, GAP_MS);
    const inComunica = await time(`${name} Comunica`, async () => {
      const result = await query(graph, text, { name });
      return result.type === 'bindings' ? result.rows.length : result.type === 'quads' ? result.quads.length : 1;
    });
    const ratio = serve.evalMs / Math.max(inOxigraph.ms, 0.01);
    const writtenRatio = serve.evalMs / Math.max(writtenOxigraph.ms, 0.01);
    const gapRatio = serve.evalMs / Math.max(writtenAfterGap.ms, 0.01);
    if (!Number.isNaN(ratio)) ratios.push([name, ratio]);
    if (!Number.isNaN(writtenRatio)) writtenRatios.push([name, writtenRatio]);
    if (!Number.isNaN(gapRatio)) gapRatios.push([name, gapRatio]);
    const comunicaCell = serveComunica === undefined ? '' : ` ${f(serveComunica.ms)} |`;
    const times = (r: number) => (Number.isNaN(r) ? '–' : `${r.toFixed(1)}×`);
    rows.push(`| ${name} | ${f(serve.ms)} | ${f(serve.evalMs)} |${comunicaCell} ${f(inOxigraph.ms)} | ${f(writtenOxigraph.ms)} | ${f(writtenAfterGap.ms)} | ${f(inComunica.ms)} | ${times(writtenRatio)} | ${times(gapRatio)} | ${times(ratio)} | ${f(inComunica.ms / Math.max(inOxigraph.ms, 0.01))}× |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
} finally {
  await stopServe(servers.oxigraph);
  if (servers.comunica !== undefined) await stopServe(servers.comunica);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`Warm evaluation, median of ${RUNS} runs after ${WARM} (ms), ${n3.size} quads, ${cpu}, Node ${process.version}\n\n`);
process.stdout.write(`Floor (serve --no-cache answering ASK {}): round trip ${f(floor.ms)} ms, of which evaluation ${f(floor.evalMs)} ms\n\n`);
const comunicaHead = servers.comunica === undefined ? '' : ' served round trip, ASM_KG_SERVE_ENGINE=comunica |';
process.stdout.write(`| query | served round trip | served evaluation |${comunicaHead} Oxigraph in-process | Oxigraph in-process, writing the answer | the same, after a ${GAP_MS} ms idle gap | Comunica in-process | served evaluation ÷ Oxigraph writing (target ≤ 3×) | served evaluation ÷ Oxigraph writing after the gap | served evaluation ÷ bare Oxigraph | Comunica ÷ Oxigraph |\n`);
process.stdout.write(`|---|---:|---:|${servers.comunica === undefined ? '' : '---:|'}---:|---:|---:|---:|---:|---:|---:|---:|\n`);
process.stdout.write(`${rows.join('\n')}\n\n`);
const verdict = (list: Array<[string, number]>, against: string): string => {
  const over = list.filter(([, r]) => r > 3).sort((a, b) => b[1] - a[1]);
  const worst = Math.max(...list.map(([, r]) => r));
  return `Served evaluation within 3× of ${against}: ${over.length === 0 ? 'met' : `NOT met for ${over.length} of ${list.length}`} (worst ${worst.toFixed(1)}×${over.length === 0 ? '' : `: ${over.slice(0, 6).map(([n, r]) => `${n} ${r.toFixed(1)}×`).join(', ')}`})\n`;
};
process.stdout.write(verdict(writtenRatios, 'Oxigraph in-process writing the same answer (the target)'));
process.stdout.write(verdict(gapRatios, `Oxigraph in-process writing the same answer after a ${GAP_MS} ms idle gap, as the query process meets a request`));
process.stdout.write(verdict(ratios, 'bare Oxigraph evaluation (no answer written)'));
