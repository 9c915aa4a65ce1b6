/**
 * The server of the hostile suite: small limits (96 MB of memory and 5 s per query, 1,000 rows), so that
 * each hostile query meets its limit quickly, and helpers to send a query and to check the server's
 * liveness afterwards.
 */
import { expect } from 'vitest';
import type { ServeOptions } from '../../src/serve/options.js';
import { startServer, type TestServer } from '../fixtures/serve/server.js';

// 5 s, not less: on a loaded machine the doubling queries take over 2 s in the slow lane to reach the
// memory limit of the default engine (Oxigraph's WebAssembly cap) and would time out instead.
export const LIMITS = { maxHeapMb: 96, timeoutMs: 5000, maxRows: 1000 } as const;

export function startHostileServer(options: ServeOptions = {}): Promise<TestServer> {
  return startServer({ workers: 1, spares: 1, ...LIMITS, ...options });
}

/** POSTs a query as application/sparql-query. */
export function post(t: TestServer, query: string, accept?: string): Promise<Response> {
  return t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', ...(accept === undefined ? {} : { accept }) }, body: query });
}

/** Waits until no query process is starting or busy: the pool is back at full strength, spare included. */
export async function settled(t: TestServer, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const stats = t.server.pool.stats;
    if (stats.busy === 0 && stats.ready === stats.processes && stats.ready >= 2) return;
    if (performance.now() > deadline) throw new Error(`the query processes did not settle: ${JSON.stringify(stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The liveness check of the issue: `ASK {}` answers true in under a second. It is generous (a warm
 * process answers in milliseconds) and it is about liveness, not speed: a dead or wedged server fails it.
 */
export async function expectAlive(t: TestServer): Promise<void> {
  const started = performance.now();
  const response = await t.get(`/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { accept: 'application/sparql-results+json' } });
  const ms = performance.now() - started;
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ boolean: true });
  expect(ms, 'ASK {} took too long: is the server alive?').toBeLessThan(1000);
}
