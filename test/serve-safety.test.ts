/**
 * The server is safe by default (src/serve/): read-only, no outgoing requests but to allowed SERVICE
 * endpoints, a time limit that stops the work, a row limit that is never a silent truncation, size
 * limits, and a malformed or hostile request gets a 4xx while the server keeps serving.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, Store } from 'n3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOnlySource } from '../src/query/read-only-source.js';
import { RELEASE_DIR } from './support/project.js';
import { startServer, type TestServer } from './fixtures/serve/server.js';

// Long enough for COUNT(*) over the graph on a loaded machine, short enough for the slow query to meet it.
const TIMEOUT_MS = 5000;
const MAX_ROWS = 100;
const COUNT_ALL = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
const SLOW = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';

/** A stand-in for a remote SPARQL endpoint, counting the requests it gets by path. */
let remote: Server;
let remoteUrl: string;
const hits = new Map<string, number>();

let t: TestServer;
/** A server whose query processes have a small heap, to be run out of memory. */
let small: TestServer;
beforeAll(async () => {
  remote = createHttpServer((request, response) => {
    const path = request.url!.split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    request.resume();
    request.on('end', () => {
      if (request.method === 'GET' && !request.url!.includes('query=')) {
        // What Comunica asks first: the service description.
        response.writeHead(200, { 'content-type': 'text/turtle' });
        response.end('<> a <http://www.w3.org/ns/sparql-service-description#Service> ; <http://www.w3.org/ns/sparql-service-description#endpoint> <> .');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      response.end(JSON.stringify({ head: { vars: ['name'] }, results: { bindings: [{ name: { type: 'literal', value: 'from the remote endpoint' } }] } }));
    });
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  [t, small] = await Promise.all([
    startServer({
      workers: 2, spares: 1, timeoutMs: TIMEOUT_MS, maxRows: MAX_ROWS, maxBodyBytes: 4096, maxUrlLength: 2048,
      allowService: [`${remoteUrl}/allowed/sparql`],
    }),
    startServer({ workers: 1, spares: 0, maxHeapMb: 64, timeoutMs: 30_000 }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([t?.close(), small?.close()]);
  await new Promise((resolve) => remote?.close(resolve));
});

const get = (query: string, init?: RequestInit) => t.get(`/sparql?query=${encodeURIComponent(query)}`, init);
const post = (type: string, body: string) => t.get('/sparql', { method: 'POST', headers: { 'content-type': type }, body });
const countAll = async () => Number(((await (await get(COUNT_ALL)).json()) as { results: { bindings: Array<{ n: { value: string } }> } }).results.bindings[0]!.n.value);
// The default graph is the merge of the dump's named graphs: each triple once, however many graphs hold it.
const triplesInDump = new Set(new Parser({ format: 'N-Quads' }).parse(readFileSync(join(RELEASE_DIR, 'asm-kg.nq'), 'utf8'))
  .map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size;

describe('read-only', () => {
  const attempts: Array<[string, () => Promise<Response>]> = [
    ['POST application/sparql-update', () => post('application/sparql-update', 'INSERT DATA { <http://a> <http://b> <http://c> }')],
    ['POST a form with update=', () => post('application/x-www-form-urlencoded', new URLSearchParams({ update: 'DELETE WHERE { ?s ?p ?o }' }).toString())],
    ['GET ?update=', () => t.get(`/sparql?update=${encodeURIComponent('CLEAR ALL')}`)],
    ['INSERT DATA as a query', () => get('INSERT DATA { <http://a> <http://b> <http://c> }')],
    ['DELETE WHERE as a query', () => get('DELETE WHERE { ?s ?p ?o }')],
    ['DROP ALL as a POSTed query', () => post('application/sparql-query', 'DROP ALL')],
    ['LOAD as a form query', () => post('application/x-www-form-urlencoded', new URLSearchParams({ query: 'LOAD <http://example.org/x.ttl>' }).toString())],
  ];
  it.each(attempts)('refuses %s with 403 and a message', async (_name, attempt) => {
    const response = await attempt();
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/^403 Forbidden: this endpoint is read-only/);
  });

  it('still holds every triple after the attempts', async () => {
    expect(await countAll()).toBe(triplesInDump);
  });

  it('gives the engine a source it cannot write to, even if an update got through', async () => {
    const store = new Store(new Parser({ format: 'N-Quads' }).parse('<http://a> <http://b> <http://c> <http://g> .\n'));
    const source = readOnlySource(store);
    expect(Object.isFrozen(source)).toBe(true);
    expect(Object.keys(source).sort()).toEqual(['countQuads', 'match']);
    const { QueryEngine } = await import('@comunica/query-sparql-rdfjs-lite');
    await expect(new QueryEngine().queryVoid('INSERT DATA { <http://x> <http://y> <http://z> } ; DELETE WHERE { ?s ?p ?o }', { sources: [source] })).rejects.toThrow();
    expect(source.countQuads(null, null, null, null)).toBe(1);
    expect(store.size).toBe(1);
  });
});

describe('no outgoing requests but to allowed SERVICE endpoints', () => {
  const refused: Array<[string, string]> = [
    ['an endpoint not allowed', 'SELECT * WHERE { SERVICE <REMOTE/other/sparql> { ?s ?p ?o } }'],
    ['one hidden in FILTER EXISTS', 'SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <REMOTE/other/sparql> { ?s ?p ?o } } } LIMIT 1'],
    ['one hidden in a subquery', 'SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <REMOTE/other/sparql> { ?s ?p ?o } } } }'],
    ['a variable endpoint', 'SELECT * WHERE { BIND(<REMOTE/allowed/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }'],
  ];
  it.each(refused)('refuses %s with 403, without a request', async (_name, query) => {
    const response = await get(query.replace(/REMOTE/g, remoteUrl));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('is not allowed: this endpoint makes no outgoing requests');
    expect(hits.get('/other/sparql') ?? 0).toBe(0);
  });

  it('calls an endpoint given with --allow-service', async () => {
    const response = await get(`SELECT ?w ?name WHERE { <https://w3id.org/asm-kg/id/workshop/2> a ?w . SERVICE <${remoteUrl}/allowed/sparql> { ?x <http://example.org/name> ?name } }`);
    expect(response.status).toBe(200);
    const json = (await response.json()) as { results: { bindings: Array<{ name: { value: string } }> } };
    expect(json.results.bindings.length).toBeGreaterThan(0);
    expect(json.results.bindings.every((b) => b.name.value === 'from the remote endpoint')).toBe(true);
    expect(hits.get('/allowed/sparql')).toBeGreaterThan(0);
    expect(hits.get('/other/sparql') ?? 0).toBe(0);
  });
});

describe('the time limit', () => {
  it('stops a slow query with 503 while the server and the other processes keep serving', async () => {
    const started = performance.now();
    const slow = get(SLOW);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const good = await get('ASK { ?s ?p ?o }');
    expect(good.status).toBe(200);
    expect((await t.get('/')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);
    const response = await slow;
    expect(response.status).toBe(503);
    expect(await response.text()).toContain(`ran longer than the time limit of ${TIMEOUT_MS} ms and was stopped`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(t.server.pool.stats.timedOut).toBe(1);
  });

  it('answers the same slow query again at once, without tying up a process', async () => {
    const started = performance.now();
    const response = await get(SLOW);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-cache')).toBe('hit');
    expect(performance.now() - started).toBeLessThan(500);
    expect(t.server.pool.stats.timedOut).toBe(1);
  });

  it('has a warm spare in the place of the stopped process', async () => {
    // The slow query moved to the slow lane after its slice, and the spare took its place in the fast lane.
    const stats = t.server.pool.stats;
    expect(stats).toMatchObject({ busy: 0, timedOut: 1 });
    expect(stats.movedSlow).toBeGreaterThanOrEqual(1);
    expect(stats.ready).toBeGreaterThanOrEqual(1);
    expect(await countAll()).toBe(triplesInDump);
  }, 40_000);
});

describe('a query that runs its process out of memory', () => {
  it('gets 500 with a message naming the limit, and its process is replaced', async () => {
    // The reproduction: a string doubled 28 times (256 Mi characters).
    const doubling = `SELECT (STRLEN(?x28) AS ?n) { BIND("a" AS ?x0) ${Array.from({ length: 28 }, (_, i) => `BIND(CONCAT(?x${i},?x${i}) AS ?x${i + 1})`).join(' ')} }`;
    const response = await small.get(`/sparql?query=${encodeURIComponent(doubling)}`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('500 Internal Server Error: the query ran out of memory (limit 64 MB per query process) and was stopped; narrow it down (a LIMIT, fewer joins, shorter strings), or download the graph from /dist/\n');
    expect(small.server.pool.stats).toMatchObject({ outOfMemory: 1, crashed: 0 });
    // Without a spare, the next query starts a fresh process (with a spare, it would find one warm).
    expect((await small.get(`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`)).status).toBe(200);
    expect(small.server.pool.stats).toMatchObject({ processes: 1, ready: 1, replaced: 1 });
  }, 60_000);
});

describe('the row limit', () => {
  it('refuses a SELECT with more rows than --max-rows, saying so, rather than cutting it short', async () => {
    const response = await get('SELECT * WHERE { ?s ?p ?o }');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe(`500 Internal Server Error: the result has more than ${MAX_ROWS} rows, the limit of this endpoint (--max-rows); add LIMIT ${MAX_ROWS} or less to the query, or download the whole graph from /dist/\n`);
  });

  it('refuses a CONSTRUCT with more triples than --max-rows', async () => {
    const response = await get('CONSTRUCT WHERE { ?s ?p ?o }');
    expect(response.status).toBe(500);
    expect(await response.text()).toContain(`more than ${MAX_ROWS} triples`);
  });

  it('answers the same query with a LIMIT', async () => {
    const response = await get(`SELECT * WHERE { ?s ?p ?o } LIMIT ${MAX_ROWS}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-result-rows')).toBe(String(MAX_ROWS));
  });
});

describe('size limits', () => {
  it('gives 413 for a body over the limit', async () => {
    const query = `SELECT * WHERE { ?s ?p "${'x'.repeat(5000)}" }`;
    expect((await post('application/sparql-query', query)).status).toBe(413);
    expect((await post('application/x-www-form-urlencoded', new URLSearchParams({ query }).toString())).status).toBe(413);
  });

  it('gives 414 for a URL over the limit', async () => {
    const response = await get(`SELECT * WHERE { ?s ?p "${'x'.repeat(3000)}" }`);
    expect(response.status).toBe(414);
    expect(await response.text()).toContain('POST a long query');
  });

  it('keeps serving afterwards', async () => {
    expect((await get('ASK { ?s ?p ?o }')).status).toBe(200);
  });
});

describe('malformed and hostile requests', () => {
  it('gives 400 for a malformed query, then answers a good one', async () => {
    const bad = await get('SELECT * WHERE { ?s ?p ');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/^400 Bad Request: syntax error at line 1, column \d+: /);
    expect((await get('ASK { ?s ?p ?o }')).status).toBe(200);
  });

  it('survives bytes that are not HTTP, then answers a good request', async () => {
    const { port } = new URL(t.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('\u0000\u0001GARBAGE \r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => { data += chunk.toString(); });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await get('ASK { ?s ?p ?o }')).status).toBe(200);
  });

  it('gives 4xx for broken percent-encoding and odd paths, then answers a good request', async () => {
    expect((await t.get('/sparql?query=%E0%A4%A')).status).toBe(400);
    expect((await t.get('/%')).status).toBe(400);
    expect((await t.get('/id/statement/%ZZ')).status).toBe(400);
    expect((await t.get('/id/statement/%C3%28')).status).toBe(400);
    expect((await get('ASK { ?s ?p ?o }')).status).toBe(200);
  });

  it('answers many queries at once', async () => {
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => get(`SELECT ?s WHERE { ?s ?p ?o } LIMIT ${i + 1}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(24).fill(200));
  });
});
