/**
 * The HTML of the server: the pieces (src/render/html.ts: escaping, links, terms), and the pages of
 * src/render/pages/ as `asm-kg serve` answers them (serve/routes/pages.ts, serve/routes/linked-data.ts, serve/respond.ts): the views and
 * their assets with validators, list pages, the RDF alternates, and error pages as HTML for a browser but
 * text for everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';
import { DataFactory } from 'n3';
import { escapeHtml, jsonInScript, Links, termHtml } from '../src/render/html.js';

const links = new Links('https://w3id.org/asm-kg/');
const context = { links, labels: new Map([['https://w3id.org/asm-kg/id/workshop/1', 'Workshop <1>']]), prefixes: [['asm', 'https://w3id.org/asm-kg/ontology#']] as Array<[string, string]> };

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('jsonInScript', () => {
  it('leaves no way to close the script element or open a comment', () => {
    const out = jsonInScript(JSON.stringify({ text: '</script><script>alert(1)</script><!-- \u2028' }));
    expect(out).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(out)).toEqual({ text: '</script><script>alert(1)</script><!-- \u2028' });
  });
});

describe('Links', () => {
  it('maps our IRIs onto this server, fragment included', () => {
    expect(links.href('https://w3id.org/asm-kg/id/statement/w2-a-1')).toBe('/id/statement/w2-a-1');
    expect(links.href('https://w3id.org/asm-kg/ontology#Obstacle')).toBe('/ontology#Obstacle');
  });

  it('links other http(s) IRIs as they are, and nothing else', () => {
    expect(links.href('http://www.wikidata.org/entity/Q691')).toBe('http://www.wikidata.org/entity/Q691');
    expect(links.href('javascript:alert(1)')).toBeUndefined();
    expect(links.href('data:text/html,<script>')).toBeUndefined();
    expect(links.href('urn:isbn:123')).toBeUndefined();
  });
});

describe('termHtml', () => {
  it('writes a labelled, escaped link for an IRI', () => {
    expect(termHtml(DataFactory.namedNode('https://w3id.org/asm-kg/id/workshop/1'), context))
      .toBe('<a href="/id/workshop/1" title="https://w3id.org/asm-kg/id/workshop/1">Workshop &lt;1&gt;</a>');
  });

  it('writes an IRI it must not link as text', () => {
    expect(termHtml(DataFactory.namedNode('javascript:alert("x")'), context)).toBe('<span class="iri">javascript:alert(&quot;x&quot;)</span>');
  });

  it('writes a literal with its language or datatype', () => {
    expect(termHtml(DataFactory.literal('<b>bold</b>', 'en'), context)).toBe('<span class="literal">&lt;b&gt;bold&lt;/b&gt;</span> <small class="lang">@en</small>');
    expect(termHtml(DataFactory.literal('87', DataFactory.namedNode('http://www.w3.org/2001/XMLSchema#integer')), context))
      .toBe('<span class="literal">87</span> <small class="datatype">http://www.w3.org/2001/XMLSchema#integer</small>');
  });
});

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the pages on the server', () => {
  let t: TestServer;
  beforeAll(async () => { t = await sharedServer(); }, 60_000);
  afterAll(async () => { await t?.close(); });

  it('serves the views as HTML with an ETag, and 304 for a matching If-None-Match', async () => {
    for (const path of ['/', '/consensus', '/remedies', '/search', '/search?q=mercury']) {
      const response = await t.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const etag = response.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect((await t.get(path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
  });

  it('serves the assets the pages use, with their media types', async () => {
    const types: Record<string, string> = {
      '/assets/site.css': 'text/css; charset=utf-8', '/assets/favicon.svg': 'image/svg+xml', '/assets/search.js': 'text/javascript; charset=utf-8',
      '/assets/minisearch.js': 'text/javascript; charset=utf-8', '/assets/search-index.json': 'application/json',
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await t.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
    }
    const index = await (await t.get('/assets/search-index.json')).json() as { docs: unknown[] };
    expect(index.docs.length).toBeGreaterThan(150);
  });

  it('serves the list pages of the IRI folders, and a resource page by its .html document', async () => {
    const list = await t.get('/id/statement/');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('href="/id/statement/page/2"');
    expect((await t.get('/id/statement/page/2')).status).toBe(200);
    expect((await t.get('/id/statement/page/99')).status).toBe(404);
    const redirect = await t.get('/id/workshop/2', { headers: { accept: BROWSER } });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe('/id/workshop/2.html');
    const page = await (await t.get('/id/workshop/2.html')).text();
    expect(page).toContain('<h1>Workshop 2</h1>');
  });

  it('answers every alternate a page names, RDF/XML included', async () => {
    const page = await (await t.get('/id/statement/w2-a-1.html')).text();
    const alternates = [...page.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)">/g)];
    expect(alternates.map((m) => m[1])).toEqual(['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml']);
    for (const [, type, href] of alternates) {
      const response = await t.get(href!);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type')!.split(';')[0]).toBe(type);
      expect(await response.text()).toContain('ASM can and should be legalised');
    }
  });

  it('gives a browser an HTML error page with the navigation, and anyone else the message as text', async () => {
    const html = await t.get('/id/statement/nope', { headers: { accept: BROWSER } });
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await html.text();
    expect(body).toContain('<h1>404 Not found</h1>');
    expect(body).toContain('nothing is known about /id/statement/nope');
    expect(body).toContain('<nav aria-label="Site">');
    const text = await t.get('/id/statement/nope', { headers: { accept: '*/*' } });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('404 Not Found: nothing is known about /id/statement/nope; see / for what this server has\n');
  });

  it('keeps a malformed query in the form, the parser\'s error beside it', async () => {
    const query = 'SELECT ?s WHERE { ?s ?p <x> ';
    const response = await t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: BROWSER } });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain(`<textarea id="query" name="query" rows="16" spellcheck="false">${escapeHtml(query)}</textarea>`);
    expect(body).toMatch(/<p class="error-message" role="alert">[^<]*(line|expected|Parse)/i);
  });

  it('answers an unknown search facet with 400 and the values it takes', async () => {
    const response = await t.get('/search?workshop=9', { headers: { accept: BROWSER } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('unknown workshop &quot;9&quot;: one of 1, 2, 3, facilitators');
  });
});
