/**
 * Hostile scenario: answers held for clients that never read them. 40 clients each POST a distinct query
 * whose answer is large, read the first chunk (to learn the status) and then nothing more, holding their
 * connections open; then they close. Two rounds on one server with its default settings:
 * - the issue's query, 1,000 rows × 24 KB (24.6 MB in SPARQL JSON): past --max-result-bytes (16 MiB);
 * - the same with 600 rows (14.8 MB): under the cap, so the answers wait in the server, within
 *   --max-unsent-bytes (64 MiB) in all; past it, 503.
 * The server runs with --timeout 60000, so that the answers are computed even on a loaded machine.
 * Reported: the statuses, the RSS of the server and its query processes before, at peak while the
 * clients hold on, and 30 s after they close. Target: < 200 MB more at peak, given back after.
 *
 * Runs alone (`npx tsx bench/hostile/memory.ts`) or from bench/hostile.ts.
 */
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { rss, settle, sleep, startCliServer, stopCliServer, type CliServer } from './cli-server.js';

const CLIENTS = 40;

const bigQuery = (rows: number, tag: string) => `SELECT ?s ?x10 WHERE { ?s ?p ?o BIND("abcdefghijklmnopqrstuvwx" AS ?x0) ${
  Array.from({ length: 10 }, (_, i) => `BIND(CONCAT(?x${i}, ?x${i}) AS ?x${i + 1})`).join(' ')} } LIMIT ${rows} # ${tag}`;

/** Sends the query, reads the first chunk of the answer, and then reads nothing: the status, and the socket held open. */
function nonReader(server: CliServer, query: string): Promise<{ status: number; reason: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port }, () => {
      socket.write(`POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\nContent-Type: application/sparql-query\r\nContent-Length: ${Buffer.byteLength(query)}\r\n\r\n${query}`);
    });
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      const text = chunk.toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      // For an error, its reason: the start of the message after the headers.
      const reason = status === 200 ? '' : (text.split('\r\n\r\n')[1] ?? '').slice(0, 60).trim();
      resolve({ status, reason, socket });
    });
    socket.on('error', reject);
  });
}

export interface HeldFigures { label: string; statuses: Record<string, number>; before: number; peak: number; after: number; serverBefore: number; serverPeak: number; serverAfter: number }

async function round(server: CliServer, label: string, rows: number): Promise<HeldFigures> {
  await settle(server.url);
  const before = rss(server);
  let peak = before.tree;
  let serverPeak = before.own;
  const sampler = setInterval(() => { const now = rss(server); peak = Math.max(peak, now.tree); serverPeak = Math.max(serverPeak, now.own); }, 250);
  const held = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => nonReader(server, bigQuery(rows, `${label} ${i}`))));
  await sleep(10_000); // the clients hold on
  for (const { socket } of held) socket.destroy();
  clearInterval(sampler);
  await sleep(30_000);
  const after = rss(server);
  const statuses: Record<string, number> = {};
  for (const { status, reason } of held) {
    const key = reason === '' ? String(status) : `${status} (${reason}…)`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const figures = { label, statuses, before: before.tree, peak, after: after.tree, serverBefore: before.own, serverPeak, serverAfter: after.own };
  console.error(`memory: ${label}: ${JSON.stringify(figures)}`);
  return figures;
}

export async function heldAnswers(): Promise<HeldFigures[]> {
  // A long time limit: the scenario is about memory held for slow readers, and on a loaded machine a
  // 15 MB answer can take longer than the default 10 s to compute.
  const server = await startCliServer(['--timeout', '60000']);
  try {
    return [await round(server, '1,000 rows × 24 KB (24.6 MB, over the cap)', 1000), await round(server, '600 rows × 24 KB (14.8 MB, under the cap)', 600)];
  } finally {
    await stopCliServer(server);
  }
}

export function heldAnswersTable(rounds: HeldFigures[]): string {
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const lines = [`| ${CLIENTS} clients that never read | answers | RSS before (server) | peak (server) | +peak, target < 200 MB | 30 s after closing (server) |`, '|---|---|--:|--:|--:|--:|'];
  for (const r of rounds) {
    lines.push(`| ${r.label} | ${Object.entries(r.statuses).map(([s, n]) => `${n} × ${s}`).join(', ')} | ${mb(r.before)} (${mb(r.serverBefore)}) | ${mb(r.peak)} (${mb(r.serverPeak)}) | ${mb(r.peak - r.before)}: ${r.peak - r.before < 200 ? 'met' : '**not met**'} | ${mb(r.after)} (${mb(r.serverAfter)}) |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  console.error(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
  console.log(heldAnswersTable(await heldAnswers()));
  console.log(`\nLoad average at the end: ${loadavg().map((n) => n.toFixed(1)).join(', ')}`);
}
