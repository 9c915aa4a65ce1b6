/**
 * What the fairness scenarios of bench:hostile (burst.ts, flood.ts) share: a server started from the
 * command line behind a trusted proxy (127.0.0.1), so that each simulated client is its own address in
 * X-Forwarded-For; a query sent as one client; the RSS of the server with its query processes, sampled;
 * and the figures the scenarios report (percentiles, status counts).
 */
import { processTree, rssMb } from '../process-tree.js';
import { startCliServer, stopCliServer, type CliServer } from './cli-server.js';

/** The server's default time limit, as in the attack. */
export const TIMEOUT_MS = 10_000;

export type Server = CliServer;

/** `asm-kg serve` on a free port, trusting X-Forwarded-For from 127.0.0.1 (the bench's simulated clients). */
export const startServer = (extra: string[] = []): Promise<Server> =>
  startCliServer(['--timeout', String(TIMEOUT_MS), '--trust-proxy', '127.0.0.1', ...extra]);

export const stopServer = stopCliServer;

export interface Answer { status: number; ms: number }

/** POSTs a query as `client` (its X-Forwarded-For); status 0 if the request failed or was aborted. */
export async function queryAs(url: string, client: string, text: string, signal?: AbortSignal): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/sparql`, {
      method: 'POST', signal,
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json', 'x-forwarded-for': client },
      body: text,
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

let unique = 0;
/** A query that runs until the time limit; distinct each time, so that no cache or shared run answers it. */
export const expensive = () => `SELECT (COUNT(*) AS ?n${++unique}) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`;
/** A cheap query, distinct each time (a different OFFSET), so that each is evaluated. */
export const cheap = () => `SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 OFFSET ${++unique % 4000}`;

/** The probing client: it has sent cheap queries before (settle), as a returning user has. */
export const PROBE = '10.255.0.1';

/** Waits (at most 90 s) until three cheap queries in a row from the probe answer within 100 ms: the server is idle. */
export async function settle(url: string): Promise<void> {
  const deadline = performance.now() + 90_000;
  let fast = 0;
  while (fast < 3 && performance.now() < deadline) {
    fast = (await queryAs(url, PROBE, cheap())).ms < 100 ? fast + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The RSS (MB) of the server and its query processes, and where it is: the server's, then each process's. */
export function treeSample(pid: number): { total: number; detail: string } {
  const sizes = processTree(pid).map(rssMb);
  const [own = 0, ...children] = sizes;
  return {
    total: sizes.reduce((a, b) => a + b, 0),
    detail: `server ${own.toFixed(0)} MB + ${children.length} query processes (${children.map((mb) => mb.toFixed(0)).join(' + ')} MB)`,
  };
}

/** Samples the RSS (MB) of the server and its query processes every 250 ms, keeping the peak and where it was. */
export function sampleRss(pid: number): { peak: () => number; peakDetail: () => string; stop: () => void } {
  let peak = treeSample(pid);
  const timer = setInterval(() => {
    const now = treeSample(pid);
    if (now.total > peak.total) peak = now;
  }, 250);
  return { peak: () => peak.total, peakDetail: () => peak.detail, stop: () => clearInterval(timer) };
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** How many answers had each status (0: no answer). */
export function statusCounts(answers: Answer[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return counts;
}

export interface FairnessFigures {
  scenario: string;
  probes: number[];
  probeFailed: number;
  /** Every answer (the load and the probes). */
  statuses: Map<number, number>;
  peakMb: number;
  /** Where the peak was: the server's RSS and each query process's. */
  peakDetail: string;
  /** RSS 30 s after the load ended. */
  afterMb: number;
  /** The load average when the scenario ended. */
  load: number;
}

/** Waits 30 s after the load, sampling the peak meanwhile, and returns the RSS then. */
export async function rssAfter(pid: number, ms = 30_000): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return treeSample(pid).total;
}

const fmt = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(0)} ms`);
const verdict = (met: boolean) => (met ? 'met' : '**not met**');

/** The scenario's rows, with their targets: cheap p99 < 500 ms, RSS < 800 MB throughout and < 500 MB 30 s after. */
export function report(f: FairnessFigures): string {
  const p99 = percentile(f.probes, 99);
  return [
    `| ${f.scenario}: cheap probe p50 / p99 / max | p99 < 500 ms | ${fmt(percentile(f.probes, 50))} / ${fmt(p99)} / ${fmt(Math.max(...f.probes))} (${f.probes.length} probes${f.probeFailed > 0 ? `, ${f.probeFailed} not 200` : ''}): ${verdict(p99 < 500 && f.probeFailed === 0)} |`,
    `| ${f.scenario}: answers 429 / 503 (all clients) |  | ${f.statuses.get(429) ?? 0} / ${f.statuses.get(503) ?? 0} (of ${[...f.statuses.values()].reduce((a, b) => a + b, 0)}; 200: ${f.statuses.get(200) ?? 0}) |`,
    `| ${f.scenario}: RSS peak, server and query processes | < 800 MB | ${f.peakMb.toFixed(0)} MB: ${verdict(f.peakMb < 800)} (${f.peakDetail}) |`,
    `| ${f.scenario}: RSS 30 s after | < 500 MB | ${f.afterMb.toFixed(0)} MB: ${verdict(f.afterMb < 500)} |`,
  ].join('\n');
}
