/**
 * The server-thread finding of the second hostile review: pages rendered on the server's own thread
 * slowed every other answer. Pages come from a graph that cannot change, so each page (a search for one
 * text, a list page, a view) is rendered once and then served from a cache bounded in bytes; here the
 * server's render count says so. Rendering itself is done off the server's thread, by its render worker
 * (render-worker.test.ts). The latency under 16 searching clients is measured in bench/hostile/render-load.ts.
 * The same server shows the evaluation time of its answers (Server-Timing), below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../fixtures/serve/server.js';

let t: TestServer;
beforeAll(async () => { t = await startServer(); }, 120_000);
afterAll(async () => { await t?.close(); });

describe('rendered pages', () => {
  it('a search is rendered once, then answered from the cache with the same page', async () => {
    const stats = t.server.limits.pages;
    const before = stats.renders;
    const first = await t.get('/search?q=mercury');
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('mercury');
    expect(stats.renders).toBe(before + 1);
    for (let i = 0; i < 5; i++) {
      const again = await t.get('/search?q=mercury');
      expect(await again.text()).toBe(page);
    }
    expect(stats.renders).toBe(before + 1);
    expect(stats.hits).toBeGreaterThanOrEqual(5);
  });

  it('the same parameters in another order are one page; another text is another page', async () => {
    const stats = t.server.limits.pages;
    const a = await (await t.get('/search?q=mercury&x=1')).text();
    const renders = stats.renders;
    const b = await (await t.get('/search?x=1&q=mercury')).text();
    expect(b).toBe(a);
    expect(stats.renders).toBe(renders);
    await t.get('/search?q=women');
    expect(stats.renders).toBe(renders + 1);
  });

  it('a list page of an IRI folder is rendered once', async () => {
    const stats = t.server.limits.pages;
    const first = await t.get('/id/statement/');
    expect(first.status).toBe(200);
    const renders = stats.renders;
    const again = await t.get('/id/statement/');
    expect(await again.text()).toBe(await first.text());
    expect(stats.renders).toBe(renders);
  });

  it('the cache is bounded by --page-cache bytes', async () => {
    expect(t.server.options.pageCacheBytes).toBe(32 * 1024 * 1024);
    expect(t.server.limits.pages.bytes).toBeGreaterThan(0);
    expect(t.server.limits.pages.bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});

/**
 * Evaluation time is visible: an answer computed by a query process carries `Server-Timing: eval;dur=<ms>`
 * (the evaluation as the process measured it), a cached answer does not, and a browser client on another
 * origin may read the header (CORS). On this file's server: a server costs seconds of CPU to start, and
 * these queries touch no page.
 */
describe('Server-Timing', () => {
  const JSON_RESULTS = { accept: 'application/sparql-results+json' };
  const get = (query: string) => t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { ...JSON_RESULTS, origin: 'http://example.org' } });

  it('gives the evaluation time of an answer a query process computed, and none for a cache hit', async () => {
    const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # timing';
    const started = performance.now();
    const first = await get(query);
    const roundTrip = performance.now() - started;
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('miss');
    const timing = /^(?:wait;dur=\d+\.\d, )?eval;dur=(\d+\.\d)$/.exec(first.headers.get('server-timing') ?? '');
    expect(timing, `Server-Timing: ${first.headers.get('server-timing')}`).not.toBeNull();
    const evaluation = Number(timing![1]);
    expect(evaluation).toBeGreaterThan(0);
    expect(evaluation).toBeLessThanOrEqual(roundTrip);
    expect(first.headers.get('access-control-expose-headers')).toContain('Server-Timing');
    await first.arrayBuffer();

    const second = await get(query);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('server-timing')).toBeNull();
    await second.arrayBuffer();
  });

  it('is absent from a refusal', async () => {
    const response = await get('SELECT * WHERE { ?s ?p }');
    expect(response.status).toBe(400);
    expect(response.headers.get('server-timing')).toBeNull();
    await response.arrayBuffer();
  });
});

describe('a small page cache', () => {
  let small: TestServer;
  beforeAll(async () => { small = await startServer({ pageCacheBytes: 64 * 1024 }); }, 120_000);
  afterAll(async () => { await small?.close(); });

  it('keeps no more bytes than it is given, dropping the least recently used page', async () => {
    const stats = small.server.limits.pages;
    for (const q of ['mercury', 'women', 'license', 'finance', 'health', 'cooperative']) await small.get(`/search?q=${q}`);
    expect(stats.bytes).toBeLessThanOrEqual(64 * 1024);
    const renders = stats.renders;
    await small.get('/search?q=mercury'); // the oldest: dropped, so rendered again
    expect(stats.renders).toBe(renders + 1);
  });
});
