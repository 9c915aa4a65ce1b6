/**
 * Fair service to many clients, against real servers and real query processes: each client's share of
 * the pool (429 with Retry-After past it, X-Forwarded-For only behind --trust-proxy), the cancellation of
 * a query whose client has gone, the reserve that a burst of expensive queries cannot take, and the pool
 * back at its size after its processes are killed. Asserted on statuses, messages and the pool's state,
 * never on times (bench/hostile/ measures those).
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryPool } from '../../src/serve/pool/index.js';
import type { TestServer } from '../fixtures/serve/server.js';
import { startHostileServer } from './hostile-server.js';

// Process starts are slow on a loaded machine; nothing here asserts on time.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/** A query that runs until its time limit; `i` makes each a distinct query (not one shared run). */
const expensive = (i: number) => `SELECT (COUNT(*) AS ?n${i}) WHERE { ?a${i} ?b ?c . ?d ?e ?f . ?g ?h ?k }`;
const cheap = (i: number) => `SELECT ?s WHERE { ?s ?p ?o } LIMIT ${i + 1}`;

let t: TestServer | undefined;
/** The running test's clients, each able to disconnect (abort its request). */
const connected: AbortController[] = [];
/** `n` clients for the running test: each disconnects when the test ends, passed or failed, if it has not yet. */
const clientsOf = (n: number): AbortController[] => {
  const made = Array.from({ length: n }, () => new AbortController());
  connected.push(...made);
  return made;
};
// A failed test leaves no query running on the shared server for the next test to find.
afterEach(async () => {
  for (const c of connected.splice(0)) c.abort();
  if (t !== shared) await t?.close();
  t = undefined;
});

/** The time limit of the shared server's queries, in seconds: a bound of its Retry-After. */
const SHARED_TIMEOUT_S = 120;
/**
 * The server of every test here but the one without --trust-proxy: a server and its three query processes
 * cost seconds of CPU to start. Each test finds it as a new one is (the pool at 2 + 1 warm processes, none
 * busy) and leaves it so: its expensive queries end as their clients disconnect (cancelled, their processes
 * killed and replaced), and the processes it kills are replaced. The pool's counts are read before and after.
 * Queries without X-Forwarded-For come from the loopback address and have no client, as with no --trust-proxy;
 * the clients of the tests are distinct addresses, and only queries with no client are classed by their shape.
 */
let shared: TestServer | undefined;
const sharedServer = async (): Promise<TestServer> =>
  shared ??= await startHostileServer({ workers: 2, spares: 1, slowLane: 4, timeoutMs: SHARED_TIMEOUT_S * 1000, trustProxy: '127.0.0.1', clientQueries: 1, clientQueue: 1 });
afterAll(async () => { await shared?.close(); });

const pool = () => t!.server.pool as QueryPool;

/** Ends a test's queries on the shared server as their clients disconnect: cancelled, their processes killed. */
async function disconnect(controllers: AbortController[], requests: Array<Promise<unknown>>): Promise<void> {
  for (const c of controllers) c.abort();
  await Promise.all(requests);
}

/** POSTs a query as client `client` (X-Forwarded-For, which counts only behind --trust-proxy). */
function postAs(client: string, query: string, signal?: AbortSignal): Promise<Response> {
  return t!.get('/sparql', {
    method: 'POST', signal,
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json', 'x-forwarded-for': client },
    body: query,
  });
}

async function until(what: string, test: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen: ${JSON.stringify(pool().stats)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the pool is at its size (processes warm, none busy) and no query waits. */
const atSize = (size: number) => until(`the pool back at ${size} warm processes`, () => {
  const stats = pool().stats;
  return stats.busy === 0 && stats.queued === 0 && stats.waitingSlow === 0 && stats.ready === size && stats.processes === size;
});

describe("a client's share", () => {
  it('refuses a client past its share with 429 and Retry-After, while another client is served', async () => {
    t = await sharedServer();
    await atSize(3);
    const refusedBefore = pool().stats.refused;
    const clients = clientsOf(2);
    const running = postAs('203.0.113.1', expensive(1), clients[0]!.signal).catch(() => undefined);
    await until('the first query running', () => pool().stats.busy === 1);
    const waiting = postAs('203.0.113.1', expensive(2), clients[1]!.signal).catch(() => undefined);
    await until('the second query waiting', () => pool().stats.queued === 1);
    const refused = await postAs('203.0.113.1', expensive(3));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= SHARED_TIMEOUT_S).toBe(true);
    expect(await refused.text()).toBe(`429 Too Many Requests: too many queries from this client: 1 running and 1 waiting, its share of this endpoint; send the next when one of them is answered (in ${retryAfter} s at most)\n`);
    expect(pool().stats.refused).toBe(refusedBefore + 1);
    // Another client (another address behind the trusted proxy) is served.
    const other = await postAs('203.0.113.2', cheap(1));
    expect(other.status).toBe(200);
    await disconnect(clients, [running, waiting]);
  });

  it('takes X-Forwarded-For only from a trusted proxy: without --trust-proxy the client is the loopback address, which has no share', async () => {
    // Two processes for the two queries; no spare, which no query here needs (a third process loading the graph).
    t = await startHostileServer({ workers: 2, spares: 0, timeoutMs: 60_000, clientQueries: 1, clientQueue: 0 });
    // Behind --trust-proxy these two would be one client at its share, and the second would get 429.
    const first = postAs('203.0.113.1', expensive(4)).catch(() => undefined);
    const second = postAs('203.0.113.1', expensive(5)).catch(() => undefined);
    await until('both running', () => pool().stats.busy === 2);
    expect(pool().stats.refused).toBe(0);
    await t.close();
    t = undefined;
    await Promise.all([first, second]);
  });

  it('refuses a malformed --trust-proxy, naming the option', async () => {
    await expect(startHostileServer({ trustProxy: '10.0.0.0/33' })).rejects.toThrow('--trust-proxy: "10.0.0.0/33" is not an IP address or a CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1)');
  });
});

describe('cancellation', () => {
  it('frees the processes and queue places of queries whose clients disconnected', async () => {
    t = await sharedServer();
    await atSize(3);
    const before = pool().stats;
    const pidsBefore = pool().pids;
    // Two clients, two expensive queries each: one running and one waiting per client.
    const controllers = clientsOf(4);
    const requests = controllers.map((c, i) => postAs(`198.51.100.${i % 2}`, expensive(10 + i), c.signal).catch((error: Error) => error.name));
    await until('two running and two waiting', () => pool().stats.busy === 2 && pool().stats.queued === 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const c of controllers) c.abort();
    expect(await Promise.all(requests)).toEqual(['AbortError', 'AbortError', 'AbortError', 'AbortError']);
    await until('all four cancelled', () => pool().stats.cancelled === before.cancelled + 4);
    expect(pool().stats).toMatchObject({ queued: 0, waitingSlow: 0, busy: 0, cancelled: before.cancelled + 4, timedOut: before.timedOut });
    // The two processes that ran them were killed, and the pool is back at its size with fresh ones.
    await atSize(3);
    const pidsAfter = pool().pids;
    expect(pidsBefore.filter((pid) => !pidsAfter.includes(pid)).length).toBeGreaterThanOrEqual(2);
    const next = await postAs('198.51.100.9', cheap(3));
    expect(next.status).toBe(200);
    await atSize(3);
  });
});

describe('the reserve', () => {
  it('serves the first cheap query of a burst of 4 expensive ones on a warm process, started before the burst', async () => {
    t = await sharedServer();
    await atSize(3);
    // The cheap client has been here before: its last query was cheap.
    expect((await postAs('192.0.2.100', cheap(4))).status).toBe(200);
    const clients = clientsOf(4);
    const burst = clients.map((c, i) => postAs(`192.0.2.${i + 1}`, expensive(20 + i), c.signal).catch(() => undefined));
    await until('the burst in the slow lane', () => pool().stats.slow >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = pool().stats;
    const probe = await postAs('192.0.2.100', cheap(5));
    expect(probe.status).toBe(200);
    const after = pool().stats;
    // Given a warm idle process as it came: no process start between its arrival and its answer.
    expect(after.assignedAtOnce).toBe(before.assignedAtOnce + 1);
    expect(after.waitedForProcess).toBe(before.waitedForProcess);
    expect(probe.headers.get('server-timing')).toMatch(/^wait;dur=0\.\d, eval;dur=/);
    await disconnect(clients, burst);
  });

  it('keeps the reserve for the cheap queries of one local client that also sends expensive ones: a query with no client is classed by its shape', async () => {
    // No X-Forwarded-For: every query comes from the loopback address, which has no share and no class of its own.
    t = await sharedServer();
    await atSize(3);
    const clients: AbortController[] = [];
    const local = (query: string) => {
      clients.push(...clientsOf(1));
      return t!.get('/sparql', { method: 'POST', signal: clients.at(-1)!.signal, headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
    };
    expect((await local(cheap(7))).status).toBe(200);
    // Two expensive queries of one shape (they differ only in a variable's name) pass their slice and the grace:
    // the shape is expensive from then on.
    const first = [30, 31].map((i) => local(expensive(i)).catch(() => undefined));
    await until('the first two in the slow lane', () => pool().stats.slow === 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await until('three warm idle processes beside them', () => pool().stats.ready - pool().stats.busy >= 3);
    const before = pool().stats;
    // Three more of the shape: they wait for the slow lane, and none takes the reserve.
    const next = [32, 33, 34].map((i) => local(expensive(i)).catch(() => undefined));
    await until('the next three sent to the slow lane first', () => pool().stats.slowFirst === before.slowFirst + 3);
    const placed = pool().stats;
    expect(placed).toMatchObject({ slow: 4, waitingSlow: 1, queued: 0 });
    // The local client's cheap query: given a warm idle process (the reserve) as it came.
    const probe = await local(cheap(8));
    expect(probe.status).toBe(200);
    const after = pool().stats;
    expect(after.assignedAtOnce).toBe(placed.assignedAtOnce + 1);
    expect(after.waitedForProcess).toBe(placed.waitedForProcess);
    expect(probe.headers.get('server-timing')).toMatch(/^wait;dur=0\.\d, eval;dur=/);
    await disconnect(clients, [...first, ...next]);
  });
});

describe('the pool refills', () => {
  it('returns to 2 + 1 processes after its query processes are killed with SIGKILL', async () => {
    t = await sharedServer();
    await atSize(3);
    const replacedBefore = pool().stats.replaced;
    const killed = pool().pids.slice(0, 2);
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    await until('the deaths seen', () => pool().stats.replaced >= replacedBefore + 2);
    await atSize(3);
    expect(pool().pids.filter((pid) => killed.includes(pid))).toEqual([]);
    expect((await postAs('192.0.2.200', cheap(6))).status).toBe(200);
  });
});
