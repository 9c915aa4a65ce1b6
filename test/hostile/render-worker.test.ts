/**
 * The server's render worker (src/serve/render-worker/): pages that are not cached, Graph Store documents
 * and resources' RDF documents are rendered in a worker thread, not on the server's thread. Its answers are
 * byte for byte what the renderers give here in the test's own thread (the same functions the static site
 * uses); the server answers while the worker is busy; a worker that stops is replaced and its jobs get 503
 * with Retry-After or their page, never a hang; a full queue gets 503 with Retry-After. The server's cache of
 * rendered pages (the server-thread finding), and the Server-Timing of its SPARQL answers, on the same servers.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vocabulary } from '../../src/core/iri.js';
import { readRelease } from '../../src/core/release.js';
import { graphContent } from '../../src/query/graph-content.js';
import { loadGraph } from '../../src/query/load-graph.js';
import { queryKeys } from '../../src/query/query-key.js';
import { createPages, type Pages } from '../../src/render/pages/index.js';
import { ReleaseArchive } from '../../src/render/release-archive.js';
import { ResourceIndex } from '../../src/render/resource-index.js';
import { versionedPage } from '../../src/render/versioned-page.js';
import { quadsToMediaType } from '../../src/serialize/quads.js';
import { SERVER_LINKS } from '../../src/serve/routes/pages.js';
import { ROOT } from '../support/project.js';
import { startServer, type TestServer } from '../fixtures/serve/server.js';

const BASE = 'https://w3id.org/asm-kg/';
const PREFIXES = { ...vocabulary(BASE).prefixes, void: 'http://rdfs.org/ns/void#', dcat: 'http://www.w3.org/ns/dcat#', foaf: 'http://xmlns.com/foaf/0.1/' };
const DESCRIPTIONS = ['void.ttl', 'dcat.ttl'].map((name) => join(ROOT, 'dist', name)).filter((path) => existsSync(path));

/** The renderers in this thread, on the graph loaded as the server loads it. */
let reference: { store: Store; pages: Pages; index: ResourceIndex; graphs: string[]; archive: ReleaseArchive };
let t: TestServer;

beforeAll(async () => {
  const { store } = await loadGraph({ root: ROOT, sources: DESCRIPTIONS, mergeDefaultGraph: false });
  const release = readRelease(ROOT);
  const archive = ReleaseArchive.forRelease(release, join(ROOT, 'dist'), BASE);
  const graphs = store.getGraphs(null, null, null).map((g) => g.value).filter((g) => g.startsWith(BASE)).sort((a, b) => a.localeCompare(b));
  reference = { store, pages: createPages({ store, base: BASE, release, root: ROOT, archive }), index: new ResourceIndex(store, BASE), graphs, archive };
  t = await startServer();
}, 120_000);
afterAll(async () => { await t?.close(); });

const expectedPage = (path: string, query = '') => reference.pages.render(path, new URLSearchParams(query), SERVER_LINKS)!.html;

describe('the worker renders what the renderers render', () => {
  it('search pages for several texts, byte for byte, each rendered by the worker', async () => {
    const done = t.server.limits.render.done;
    const texts = ['mercury', 'women miners', 'licence', 'zzzz-no-match', 'Gold & "tax" <b>', 'formalisation'];
    for (const text of texts) {
      const query = `q=${encodeURIComponent(text)}`;
      const response = await t.get(`/search?${query}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expectedPage('/search', query));
    }
    expect(t.server.limits.render.done).toBe(done + texts.length);
  });

  it('a list page of an IRI folder and its second page', async () => {
    for (const path of ['/id/statement/', '/id/statement/page/2']) {
      const response = await t.get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expectedPage(path));
    }
  });

  it('a resource page, and the resource in Turtle and JSON-LD', async () => {
    const path = t.server.samplePath;
    const html = await t.get(`${path}.html`);
    expect(html.status).toBe(200);
    expect(await html.text()).toBe(expectedPage(path));
    const description = reference.index.describe(`${BASE}${path.slice(1)}`)!;
    for (const [suffix, mediaType] of [['ttl', 'text/turtle'], ['jsonld', 'application/ld+json']] as const) {
      const response = await t.get(`${path}.${suffix}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(await quadsToMediaType(reference.index.documentQuads(description), mediaType, PREFIXES));
    }
  });

  it('Graph Store documents: a named graph in Turtle, the default graph in N-Triples and N-Quads', async () => {
    const graph = reference.graphs[0]!;
    const cases: Array<[string, string | undefined, string]> = [
      [`?graph=${encodeURIComponent(graph)}`, graph, 'text/turtle'],
      ['?default', undefined, 'application/n-triples'],
      ['?default', undefined, 'application/n-quads'],
    ];
    for (const [query, name, mediaType] of cases) {
      const response = await t.get(`/rdf-graph-store${query}`, { headers: { accept: mediaType } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(mediaType);
      expect(await response.text()).toBe(await graphContent(reference.store, reference.graphs, name, mediaType, PREFIXES));
    }
  });

  it('a memento: a resource as an earlier release described it, as a page and in Turtle', async () => {
    const { archive, index } = reference;
    const version = archive.releases[0]!.version;
    const path = t.server.samplePath;
    const description = archive.describe(version, `${BASE}${path.slice(1)}`)!;
    expect(description).toBeDefined();
    const html = await t.get(`/version/${version}${path}.html`);
    expect(html.status).toBe(200);
    expect(await html.text()).toBe(versionedPage({ archive, version, description, links: SERVER_LINKS, prefixes: PREFIXES, isCurrent: (iri) => index.has(iri) }).html);
    const turtle = await t.get(`/version/${version}${path}.ttl`);
    expect(turtle.status).toBe(200);
    expect(await turtle.text()).toBe(await quadsToMediaType(archive.documentQuads(version, description), 'text/turtle', PREFIXES));
  });

  it('the pages\' assets, which the worker gives the server at start (stylesheet, scripts, search index)', async () => {
    const assets = reference.pages.assets();
    expect(assets.map((a) => a.path)).toEqual(expect.arrayContaining(['/assets/site.css', '/assets/search.js', '/assets/search-index.json']));
    for (const asset of assets) {
      const response = await t.get(asset.path);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(asset.body))).toBe(true);
    }
  });

  it('the fixed views too (/, /consensus)', async () => {
    for (const path of ['/', '/consensus']) expect(await (await t.get(path)).text()).toBe(expectedPage(path));
  });
});

/** Requests `n` searches for new texts at once, and waits until the worker has some of them to do. */
async function manySearches(server: TestServer, n: number, tag: string): Promise<Array<Promise<{ status: number; retryAfter: string | null; body: string; query: string }>>> {
  const answers = Array.from({ length: n }, async (_, i) => {
    const query = `q=${encodeURIComponent(`${tag} mercury ${i}`)}`;
    const response = await server.get(`/search?${query}`);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text(), query };
  });
  while (server.server.limits.render.pending === 0) await new Promise((resolve) => setImmediate(resolve));
  return answers;
}

describe('the cache key of a large query', () => {
  // Over 16 KB: parsed for its key in the worker. VALUES of 1,500 IRIs, of which the graph has none.
  const values = Array.from({ length: 1500 }, (_, i) => `<https://example.org/none/${i}>`).join('\n  ');
  const big = `SELECT ?s WHERE {\n  VALUES ?s {\n  ${values}\n  }\n  ?s ?p ?o .\n}`;

  it('is the key and shape the server\'s thread would compute, and is computed by the worker', async () => {
    expect(big.length).toBeGreaterThan(16 * 1024);
    const done = t.server.limits.render.done;
    expect(await t.server.renderer.queryKeys(big)).toEqual(queryKeys(big));
    expect(t.server.limits.render.done).toBe(done + 1);
  });

  it('finds the cached answer for the same query written otherwise, and the worker parses each new text once', async () => {
    const post = (query: string) => t.get('/sparql', { method: 'POST', body: query, headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' } });
    // Another query than the one above, whose key this thread has computed (the test shares the server's modules).
    const other = big.replaceAll('/none/', '/other/');
    const done = t.server.limits.render.done;
    const first = await post(other);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ head: { vars: ['s'] }, results: { bindings: [] } });
    const reformatted = await post(`# the same query, written otherwise\n${other.replace(/\n {2}/g, '\n    ')}`);
    expect(reformatted.status).toBe(200);
    expect(reformatted.headers.get('x-cache')).toBe('hit');
    expect((await post(other)).headers.get('x-cache')).toBe('hit'); // a text keyed before: not parsed again
    expect(t.server.limits.render.done).toBe(done + 2);
  });
});

describe('while the worker is busy', () => {
  it('the server answers other requests, and every search gets its page', async () => {
    const ask = () => t.get(`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, { headers: { accept: 'application/sparql-results+json' } });
    await ask(); // now a cached answer
    const searches = await manySearches(t, 48, 'busy');
    // Each answered while pages were still waiting for the worker: the server's thread does not render them.
    const css = await t.get('/assets/site.css');
    expect(t.server.limits.render.pending).toBeGreaterThan(0);
    const sparql = await ask();
    expect(t.server.limits.render.pending).toBeGreaterThan(0);
    expect(css.status).toBe(200);
    expect(sparql.status).toBe(200);
    expect(await sparql.json()).toEqual({ head: {}, boolean: true });
    for (const answer of await Promise.all(searches)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(expectedPage('/search', answer.query));
    }
  });
});

describe('a worker that stops', () => {
  it('is replaced; the jobs it held get 503 with Retry-After or their page, and later pages render again', async () => {
    const restarts = t.server.limits.render.restarts;
    const lost = t.server.limits.render.lost;
    const searches = await manySearches(t, 32, 'stopped');
    await t.server.renderer.restart();
    const answers = await Promise.all(searches);
    expect(t.server.limits.render.restarts).toBe(restarts + 1);
    expect(t.server.limits.render.lost).toBeGreaterThan(lost);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBe(t.server.limits.render.lost - lost);
    for (const answer of refused) {
      expect(answer.retryAfter).toBe('1');
      expect(answer.body).toBe('503 Service Unavailable: the page renderer stopped while rendering this; try again shortly\n');
    }
    for (const answer of answers.filter((a) => a.status !== 503)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(expectedPage('/search', answer.query));
    }
    // A page refused is not cached as refused: asked again, it is rendered by the new worker.
    for (const answer of refused.slice(0, 3)) {
      const again = await t.get(`/search?${answer.query}`);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(expectedPage('/search', answer.query));
    }
  });
});

/**
 * The server-thread finding of the second hostile review: pages rendered on the server's own thread
 * slowed every other answer. Pages come from a graph that cannot change, so each page (a search for one
 * text, a list page, a view) is rendered once and then served from a cache bounded in bytes; here the
 * server's render count says so, for texts no other test here searches. The latency under 16 searching
 * clients is measured in bench/hostile/render-load.ts.
 */
describe('rendered pages', () => {
  it('a search is rendered once, then answered from the cache with the same page', async () => {
    const stats = t.server.limits.pages;
    const before = stats.renders;
    const first = await t.get('/search?q=gold');
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('gold');
    expect(stats.renders).toBe(before + 1);
    for (let i = 0; i < 5; i++) {
      const again = await t.get('/search?q=gold');
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
 * origin may read the header (CORS).
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

describe('a job past renderTimeoutMs', () => {
  let slow: TestServer;
  // 1 ms: less than any search page takes to render (7 ms and more, measured), so the first one times out.
  beforeAll(async () => { slow = await startServer({ renderTimeoutMs: 1 }); }, 120_000);
  afterAll(async () => { await slow?.close(); });

  it('gets 503 with Retry-After, and the worker is replaced', async () => {
    const response = await slow.get('/search?q=mercury');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.text()).toBe('503 Service Unavailable: the page renderer did not render this within 1 ms; try again shortly\n');
    while (slow.server.limits.render.restarts === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(slow.server.limits.render.restarts).toBe(1);
  });
});

/**
 * A small render queue and a small page cache: one server for both, each test indifferent to the other
 * option (the page-cache test asks for one page at a time, which never fills the queue; the queue test
 * counts refusals and compares pages, whichever the cache keeps).
 */
describe('a full queue', () => {
  let small: TestServer;
  beforeAll(async () => { small = await startServer({ renderQueue: 2, pageCacheBytes: 64 * 1024 }); }, 120_000);
  afterAll(async () => { await small?.close(); });

  it('refuses one job more than it holds with 503 and Retry-After; the others get their pages', async () => {
    const answers = await Promise.all(await manySearches(small, 24, 'full'));
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBe(small.server.limits.render.refused);
    for (const answer of refused) {
      expect(answer.retryAfter).toBe('1');
      expect(answer.body).toBe('503 Service Unavailable: the page renderer has 2 pages and documents to render already; try again shortly\n');
    }
    for (const answer of answers.filter((a) => a.status !== 503)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(expectedPage('/search', answer.query));
    }
  });

  it('a small page cache keeps no more bytes than it is given, dropping the least recently used page', async () => {
    const stats = small.server.limits.pages;
    for (const q of ['mercury', 'women', 'license', 'finance', 'health', 'cooperative']) await small.get(`/search?q=${q}`);
    expect(stats.bytes).toBeLessThanOrEqual(64 * 1024);
    const renders = stats.renders;
    await small.get('/search?q=mercury'); // the oldest: dropped, so rendered again
    expect(stats.renders).toBe(renders + 1);
  });

  it('a renderQueue that is not a whole number of at least 1 is refused at start', async () => {
    await expect(startServer({ renderQueue: 0 })).rejects.toThrow('renderQueue: "0" must be a whole number of at least 1');
  });
});
