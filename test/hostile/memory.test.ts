/**
 * The memory findings of the second hostile review, against a real server: an answer has a byte cap
 * (--max-result-bytes), refused whole before any of it is sent; and answers waiting for clients that do not
 * read are held within a total budget (--max-unsent-bytes), past which the server answers 503 with
 * Retry-After, and which a closed connection gives back. Memory itself is measured in bench/hostile/memory.ts.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsentBudget } from '../../src/serve/unsent-budget.js';
import { startServer, type TestServer } from '../fixtures/serve/server.js';

/**
 * The query: `rows` rows of 24,576 characters each (a 24-character string doubled ten times by
 * CONCAT); `tag` makes distinct queries of the same size.
 */
const big = (rows: number, tag = '') => `SELECT ?s ?x10 WHERE { ?s ?p ?o BIND("abcdefghijklmnopqrstuvwx" AS ?x0) ${
  Array.from({ length: 10 }, (_, i) => `BIND(CONCAT(?x${i}, ?x${i}) AS ?x${i + 1})`).join(' ')} } LIMIT ${rows} # ${tag}`;

const JSON_RESULTS = 'application/sparql-results+json';
const post = (t: TestServer, query: string) => t.get('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: JSON_RESULTS }, body: query });

/** A client that sends a query and never reads the answer (its socket paused from the start). */
function nonReading(t: TestServer, query: string): Promise<Socket> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => {
      socket.pause();
      socket.write(`POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ${JSON_RESULTS}\r\nContent-Type: application/sparql-query\r\nContent-Length: ${Buffer.byteLength(query)}\r\n\r\n${query}`);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

describe('an answer larger than --max-result-bytes', () => {
  let t: TestServer;
  // A long time limit: these answers take seconds to compute on a loaded machine.
  beforeAll(async () => { t = await startServer({ timeoutMs: 120_000 }); }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('the issue\'s 1,000 rows × 24 KB get 500 naming the cap (16 MiB by default), before any byte of the answer', async () => {
    expect(t.server.options.maxResultBytes).toBe(16 * 1024 * 1024);
    const response = await post(t, big(1000));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('500 Internal Server Error: the answer is larger than 16777216 bytes, the limit of this endpoint (--max-result-bytes); select fewer or shorter values, add a LIMIT, or download the whole graph from /dist/\n');
    // Refused from memory the second time: the query is not run again.
    const again = await post(t, big(1000));
    expect(again.status).toBe(500);
    expect(again.headers.get('x-cache')).toBe('hit');
  }, 120_000);

  it('the same query with fewer rows, under the cap, is answered whole', async () => {
    const response = await post(t, big(20));
    expect(response.status).toBe(200);
    const body = await response.json() as { results: { bindings: Array<{ x10: { value: string } }> } };
    expect(body.results.bindings).toHaveLength(20);
    expect(body.results.bindings[0]!.x10.value).toBe('abcdefghijklmnopqrstuvwx'.repeat(1024));
  }, 60_000);
});

describe('answers held for clients that do not read them', () => {
  let t: TestServer;
  // Answers of 39 MB: more than the kernel's socket buffers can take on this side and the client's
  // (net.ipv4.tcp_wmem's and tcp_rmem's maxima, 4 and 32 MB here), so that they wait in the server. The
  // default budget (64 MiB) has room for one, not two.
  beforeAll(async () => { t = await startServer({ maxResultBytes: 48 * 1024 * 1024, timeoutMs: 120_000 }); }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('past --max-unsent-bytes get 503 with Retry-After; the budget comes back when the slow client closes', async () => {
    const budget = t.server.limits.unsent;
    expect(budget.maxBytes).toBe(64 * 1024 * 1024);
    const slow = await nonReading(t, big(1600, 'slow'));
    await until(() => budget.bytes > 39_000_000, 'the slow client\'s answer to be held');

    const refused = await post(t, big(1601, 'second'));
    expect(await refused.text()).toBe('503 Service Unavailable: the server holds as many answers for clients that have not read them yet as it may (64 MB, --max-unsent-bytes); try again shortly\n');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(budget.refused).toBe(1);

    slow.destroy();
    await until(() => budget.bytes === 0, 'the budget to come back');
    // The same query is now answered, from the cache its first run filled.
    const answered = await post(t, big(1601, 'second'));
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-cache')).toBe('hit');
    expect(((await answered.json()) as { results: { bindings: unknown[] } }).results.bindings).toHaveLength(1601);
  }, 300_000);
});

describe('the budget itself (UnsentBudget)', () => {
  /** A response that is flushed or closed when the test says so: the two events the budget listens to. */
  const response = () => Object.assign(new EventEmitter(), { destroyed: false, socket: { destroyed: false } }) as unknown as ServerResponse;

  it('counts an answer sent to many clients once, and gives it back when the last of them is done', () => {
    const budget = new UnsentBudget(100);
    const answer = Buffer.alloc(60);
    const responses = [response(), response(), response()];
    for (const r of responses) expect(budget.hold(answer, r)).toBe(true);
    expect(budget.bytes).toBe(60);
    // Another view of the same memory (a cache hit, a shared run) is the same answer.
    expect(budget.hold(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength), response())).toBe(true);
    expect(budget.bytes).toBe(60);
    expect(budget.hold(Buffer.alloc(50), response())).toBe(false);
    expect(budget.refused).toBe(1);
    responses[0]!.emit('finish');
    responses[0]!.emit('close'); // both events for one response: released once
    responses[1]!.emit('close');
    expect(budget.bytes).toBe(60);
    responses[2]!.emit('finish');
    expect(budget.bytes).toBe(60); // the fourth response, the view, still holds it
  });

  it('takes nothing for a client that has gone already', () => {
    const budget = new UnsentBudget(100);
    const gone = Object.assign(new EventEmitter(), { destroyed: true, socket: null }) as unknown as ServerResponse;
    expect(budget.hold(Buffer.alloc(60), gone)).toBe(true);
    expect(budget.bytes).toBe(0);
  });
});
