/**
 * Throughput and latency of `asm-kg serve` against comunica-sparql-file-http serving the same graph
 * (dist/<version>/asm-kg.ttl), on loopback only: three catalogue queries, each at 1, 8 and 32 concurrent
 * clients for a fixed time per cell. asm-kg runs twice: as it is deployed (result cache on) and with
 * --no-cache, which measures the worker pool and the engine. Every server runs in its own process, started
 * afresh for each query; the clients are a keep-alive undici pool in this process. Requests still running
 * when a cell's time is up are aborted and not counted.
 *
 *   npm run bench:serve                          # compiles, then 10 s per cell
 *   npx tsx bench/serve.ts --duration 5          # shorter cells
 *   npx tsx bench/serve.ts --soak                # and a 60 s run at 32 clients that must have no error
 *
 * Prints a markdown table, the ratio to comunica at 8 clients, and whether the targets are met
 * (≥ 20× comunica's throughput at 8 clients with p99 < 50 ms; no error at 32 clients).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { readCatalogueQuery } from '../src/query/catalogue.js';
import { PACKAGE_ROOT } from '../src/core/paths.js';
import { releasePath } from '../src/core/release.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, soak: { type: 'boolean', default: false } } });
const DURATION_MS = Math.max(1, Number(values.duration)) * 1000;
const ROOT = PACKAGE_ROOT;
const CLI = join(ROOT, 'lib/cli.js');
const COMUNICA_HTTP = join(ROOT, 'node_modules/.bin/comunica-sparql-file-http');
const TURTLE = releasePath(ROOT, 'asm-kg.ttl');
const QUERIES = ['obstacles-by-workshop', 'remedies-for-obstacles', 'theme-consensus'];
const CLIENTS = [1, 8, 32];
const ACCEPT = 'application/sparql-results+json';

interface Server {
  endpoint: string;
  process: ChildProcess;
}

interface Cell {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  firstError?: string;
}

type Tool = 'asm-kg' | 'asm-kg --no-cache' | 'comunica-sparql-file-http';
const TOOLS: Tool[] = ['asm-kg', 'asm-kg --no-cache', 'comunica-sparql-file-http'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function start(tool: Tool): Promise<Server> {
  const port = await freePort();
  const args = tool === 'comunica-sparql-file-http'
    ? [COMUNICA_HTTP, TURTLE, '-p', String(port)]
    : [CLI, 'serve', '--port', String(port), ...(tool === 'asm-kg --no-cache' ? ['--no-cache'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const endpoint = `http://127.0.0.1:${port}/sparql`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${tool} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${endpoint}?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { headers: { accept: ACCEPT } });
      await response.arrayBuffer();
      if (response.ok) return { endpoint, process: child };
    } catch { /* not listening yet */ }
    if (performance.now() > deadline) throw new Error(`${tool} did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(server: Server): Promise<void> {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGINT');
  const timer = setTimeout(() => server.process.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `clients` loops, each sending the query as soon as its previous answer is read, for `durationMs`. */
async function load(endpoint: string, query: string, clients: number, durationMs: number): Promise<Cell> {
  const url = new URL(endpoint);
  const pool = new Pool(url.origin, { connections: clients, pipelining: 1, keepAliveTimeout: 30_000 });
  const path = `${url.pathname}?query=${encodeURIComponent(query)}`;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per request in flight
  const started = performance.now();
  const end = started + durationMs;
  const client = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const response = await pool.request({ method: 'GET', path, headers: { accept: ACCEPT }, signal: controller.signal });
        const body = Buffer.from(await response.body.arrayBuffer());
        if (response.statusCode !== 200) {
          errors++;
          firstError ??= `${response.statusCode} ${body.toString('utf8', 0, 200)}`;
        } else if (performance.now() <= end) {
          latencies.push(performance.now() - sent);
        }
      } catch (error) {
        if (controller.signal.aborted) return; // cut off at the end of the cell: not counted
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  const timer = setTimeout(() => controller.abort(), durationMs + 100);
  await Promise.all(Array.from({ length: clients }, client));
  clearTimeout(timer);
  await pool.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: sorted.length, errors, rps: sorted.length / (durationMs / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), firstError };
}

/** Runs a query once and waits for its answer (however long the first run takes). */
async function warm(endpoint: string, query: string): Promise<void> {
  const response = await fetch(`${endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept: ACCEPT }, signal: AbortSignal.timeout(120_000) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${endpoint}: ${response.status} for a warm-up query`);
}

/** Waits until the server answers a trivial query again (work left by aborted requests is done). */
async function drain(endpoint: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${endpoint}?query=${encodeURIComponent(`ASK { ?s ?p "${Math.random()}" }`)}`, { headers: { accept: ACCEPT }, signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch { /* still busy */ }
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const rate = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

async function main(): Promise<void> {
  const texts = Object.fromEntries(QUERIES.map((name) => [name, readCatalogueQuery(name, ROOT).text]));
  const results = new Map<string, Cell>();
  const keyOf = (tool: Tool, name: string, clients: number) => `${tool}|${name}|${clients}`;
  process.stderr.write(`bench:serve: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${DURATION_MS / 1000} s per cell\n`);
  for (const tool of TOOLS) {
    for (const name of QUERIES) {
      const server = await start(tool);
      try {
        // One answer first: loads the engine, and (with the cache) is the answer every later request reuses.
        await warm(server.endpoint, texts[name]!);
        for (const clients of CLIENTS) {
          const cell = await load(server.endpoint, texts[name]!, clients, DURATION_MS);
          results.set(keyOf(tool, name, clients), cell);
          process.stderr.write(`  ${tool.padEnd(26)} ${name.padEnd(24)} ${String(clients).padStart(2)} clients: ${rate(cell.rps)} req/s, p50 ${ms(cell.p50)} ms, p99 ${ms(cell.p99)} ms, ${cell.errors} errors${cell.firstError ? ` (${cell.firstError})` : ''}\n`);
          await drain(server.endpoint);
        }
      } finally {
        await stop(server);
      }
    }
  }

  let soak: Cell | undefined;
  if (values.soak) {
    const server = await start('asm-kg');
    try {
      for (const name of QUERIES) await warm(server.endpoint, texts[name]!);
      const cells = await Promise.all(QUERIES.map((name, i) => load(server.endpoint, texts[name]!, Math.floor(32 / 3) + (i === 0 ? 32 % 3 : 0), 60_000)));
      soak = {
        requests: cells.reduce((n, c) => n + c.requests, 0), errors: cells.reduce((n, c) => n + c.errors, 0),
        rps: cells.reduce((n, c) => n + c.rps, 0), p50: Math.max(...cells.map((c) => c.p50)), p99: Math.max(...cells.map((c) => c.p99)),
        firstError: cells.find((c) => c.firstError)?.firstError,
      };
    } finally {
      await stop(server);
    }
  }

  const lines = [
    `Loopback, ${cpus().length} CPUs (${availableParallelism()} available), Node ${process.version}; ${DURATION_MS / 1000} s per cell; req/s and latency in ms.`,
    '',
    '| query | clients | asm-kg req/s | p50 | p99 | err | asm-kg --no-cache req/s | p50 | p99 | err | comunica-sparql-file-http req/s | p50 | p99 | err | × comunica (cache / no cache) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const name of QUERIES) {
    for (const clients of CLIENTS) {
      const cells = TOOLS.map((tool) => results.get(keyOf(tool, name, clients))!);
      const [ours, uncached, theirs] = cells as [Cell, Cell, Cell];
      const ratio = (cell: Cell) => (theirs.rps > 0 ? `${(cell.rps / theirs.rps).toFixed(cell.rps / theirs.rps >= 100 ? 0 : 1)}×` : '∞');
      lines.push(`| ${name} | ${clients} | ${cells.map((c) => `${rate(c.rps)} | ${ms(c.p50)} | ${ms(c.p99)} | ${c.errors}`).join(' | ')} | ${ratio(ours)} / ${ratio(uncached)} |`);
    }
  }
  lines.push('');
  const atEight = QUERIES.map((name) => {
    const ours = results.get(keyOf('asm-kg', name, 8))!;
    const theirs = results.get(keyOf('comunica-sparql-file-http', name, 8))!;
    return { name, ratio: theirs.rps > 0 ? ours.rps / theirs.rps : Infinity, p99: ours.p99 };
  });
  const errorsAt32 = QUERIES.reduce((n, name) => n + results.get(keyOf('asm-kg', name, 32))!.errors, 0);
  for (const { name, ratio, p99 } of atEight) lines.push(`- ${name} at 8 clients: ${ratio === Infinity ? '∞' : ratio.toFixed(0)}× comunica-sparql-file-http's throughput, p99 ${ms(p99)} ms`);
  const met = atEight.every((c) => c.ratio >= 20 && c.p99 < 50) && errorsAt32 === 0;
  lines.push(`- errors of asm-kg at 32 clients: ${errorsAt32}`);
  if (soak) lines.push(`- 60 s at 32 clients (the three queries at once): ${soak.requests} requests, ${rate(soak.rps)} req/s, p99 ${ms(soak.p99)} ms, ${soak.errors} errors${soak.firstError ? ` (${soak.firstError})` : ''}`);
  lines.push(`- targets (≥ 20× at 8 clients with p99 < 50 ms, no error at 32 clients${soak ? ' nor in the soak run' : ''}): ${met && (!soak || soak.errors === 0) ? 'met' : 'NOT met'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:serve: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
