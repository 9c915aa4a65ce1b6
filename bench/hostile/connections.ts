/**
 * Hostile scenario: one client opens 20,000 idle connections (from 127.0.0.1), and holds those it gets
 * for 30 s, while a new client at another address (127.0.0.2: Linux routes all of 127/8 to the loopback)
 * asks `ASK {}` on a fresh connection every 250 ms. Reported: what the attacker got (held open, refused
 * with 429, reset, its own errors), the server's file handles at peak, and the new client's statuses and
 * latencies. Target: the new client is answered throughout.
 *
 * The attacker runs in its own process, so that its file handles are not the bench's. Both inherit this
 * shell's `ulimit -n`, reported with the figures: the attacker cannot hold more connections than that.
 * HOSTILE_IDLE_CONNECTIONS sets the count (default 20000).
 *
 * Runs alone (`npx tsx bench/hostile/connections.ts`) or from bench/hostile.ts.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { fileHandleLimit } from '../../src/serve/options.js';
import { openHandles, percentile, settle, sleep, startCliServer, stopCliServer } from './cli-server.js';

const CONNECTIONS = Number(process.env.HOSTILE_IDLE_CONNECTIONS ?? 20_000);
const HOLD_MS = 30_000;

/** The attacker (plain JavaScript, run with node -e): connects in batches, keeps what it gets, reports as JSON lines. */
const ATTACKER = `
const net = require('node:net');
const [port, total, holdMs] = process.argv.slice(1).map(Number);
const counts = { attempted: 0, connected: 0, closed: 0, refused429: 0, reset: 0, errors: {} };
const sockets = [];
function one() {
  return new Promise((resolve) => {
    counts.attempted++;
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1' });
    let first = '';
    let connected = false;
    socket.on('connect', () => { connected = true; counts.connected++; resolve(); });
    socket.on('data', (chunk) => { first += chunk.toString('latin1'); });
    socket.on('error', (error) => { counts.errors[error.code] = (counts.errors[error.code] || 0) + 1; if (error.code === 'ECONNRESET') counts.reset++; resolve(); });
    socket.on('close', () => { if (first.startsWith('HTTP/1.1 429')) counts.refused429++; if (connected) counts.closed++; resolve(); });
    sockets.push(socket);
  });
}
const report = setInterval(() => process.stdout.write(JSON.stringify(counts) + '\\n'), 1000);
(async () => {
  for (let i = 0; i < total; i += 500) await Promise.all(Array.from({ length: Math.min(500, total - i) }, one));
  process.stdout.write(JSON.stringify({ ...counts, done: true }) + '\\n');
  setTimeout(() => { clearInterval(report); for (const s of sockets) s.destroy(); process.exit(0); }, holdMs);
})();
`;

function probe(port: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `/sparql?query=${encodeURIComponent('ASK {}')}`, localAddress: '127.0.0.2', agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end();
  });
}

export interface ConnectionFigures { limit: number | undefined; attacker: Record<string, unknown>; peakHandles: number; probes: Array<{ status: number; ms: number }> }

export async function idleConnections(): Promise<ConnectionFigures> {
  const server = await startCliServer();
  try {
    await settle(server.url);
    const attacker = spawn(process.execPath, ['-e', ATTACKER, String(server.port), String(CONNECTIONS), String(HOLD_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last: Record<string, unknown> = {};
    let buffered = '';
    attacker.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim() !== '') last = JSON.parse(line) as Record<string, unknown>;
    });
    const exited = new Promise((resolve) => attacker.on('exit', resolve));
    const probes: Array<{ status: number; ms: number }> = [];
    let peakHandles = 0;
    let running = true;
    void exited.then(() => { running = false; });
    while (running) {
      peakHandles = Math.max(peakHandles, openHandles(server.pid));
      probes.push(await probe(server.port));
      await sleep(250);
    }
    console.error(`connections: attacker ${JSON.stringify(last)}, server handles at peak ${peakHandles}`);
    return { limit: fileHandleLimit(), attacker: last, peakHandles, probes };
  } finally {
    await stopCliServer(server);
  }
}

export function idleConnectionsTable(f: ConnectionFigures): string {
  const ok = f.probes.filter((p) => p.status === 200);
  const a = f.attacker as { attempted?: number; connected?: number; closed?: number; refused429?: number; reset?: number; errors?: Record<string, number> };
  return [
    `| ${CONNECTIONS.toLocaleString('en')} idle connections from one address (ulimit -n ${f.limit ?? 'unknown'}) | figure |`, '|---|---|',
    `| attacker: attempted, connected, still open at the end, refused with 429, reset | ${a.attempted}, ${a.connected}, ${(a.connected ?? 0) - (a.closed ?? 0)}, ${a.refused429}, ${a.reset} |`,
    `| attacker's errors | ${JSON.stringify(a.errors ?? {})} |`,
    `| server's open file handles at peak | ${f.peakHandles} |`,
    `| a new client at 127.0.0.2, answered | ${ok.length} of ${f.probes.length}: ${ok.length === f.probes.length && f.probes.length > 0 ? 'met' : '**not met**'} |`,
    `| its latency p50 / p99 / max | ${percentile(ok.map((p) => p.ms), 50).toFixed(1)} / ${percentile(ok.map((p) => p.ms), 99).toFixed(1)} / ${Math.max(...ok.map((p) => p.ms)).toFixed(1)} ms |`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.error(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
  console.log(idleConnectionsTable(await idleConnections()));
  console.log(`\nLoad average at the end: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
}
