/**
 * Linked data (src/serve/routes/linked-data.ts, the pages of src/render/pages/, dist-files.ts) against real servers on
 * port 0: 303 redirects by content negotiation, the description documents, the HTML pages (content and
 * escaping, on the hostile fixture), the files of dist/ and the home page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { RELEASE_DIR, readDump, ROOT } from './support/project.js';
import { rawGet, startServer, type TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';

const BASE = 'https://w3id.org/asm-kg/';
const ASM = `${BASE}ontology#`;
const HOSTILE = join(ROOT, 'test', 'fixtures', 'serve', 'hostile');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const dump = readDump('asm-kg.nq');
const key = (q: { subject: { value: string }; predicate: { value: string }; object: { value: string } }) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;

let t: TestServer;
let hostile: TestServer;
beforeAll(async () => {
  [t, hostile] = await Promise.all([sharedServer(), startServer({ root: HOSTILE })]);
}, 60_000);
afterAll(async () => { await Promise.all([t?.close(), hostile?.close()]); });

describe('303 See Other from a resource IRI to its description', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['Turtle', 'text/turtle', '.ttl'],
    ['HTML for a browser', BROWSER, '.html'],
    ['JSON-LD', 'application/ld+json', '.jsonld'],
    ['N-Triples', 'application/n-triples', '.nt'],
    ['Turtle without an Accept header', undefined, '.ttl'],
    ['JSON-LD by q-value', 'text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1', '.jsonld'],
    ['N-Triples when Turtle is refused', 'text/turtle;q=0, */*;q=0.5, application/n-triples;q=0.6', '.nt'],
  ];
  it.each(cases)('%s', async (_name, accept, suffix) => {
    const response = await t.get('/id/statement/w2-a-1', accept === undefined ? {} : { headers: { accept } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/id/statement/w2-a-1${suffix}`);
    // Accept-Datetime too: the IRI is also its TimeGate (Memento, test/memento.test.ts).
    expect(response.headers.get('vary')).toBe('Accept, Accept-Datetime');
  });

  it('gives 406 when no description format is acceptable', async () => {
    const response = await t.get('/id/statement/w2-a-1', { headers: { accept: 'image/png' } });
    expect(response.status).toBe(406);
  });

  it.each(['/id/workshop/2', '/id/theme/women-and-gender', '/id/stakeholder/government', '/id/event/learning-event', '/dataset/0.1.0', '/ontology', '/id/statement/w2-a-1.2'])(
    'redirects %s', async (path) => {
      const response = await t.get(path, { headers: { accept: 'text/turtle' } });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${path}.ttl`);
    },
  );

  it('redirects a graph IRI to the graph itself, as the Graph Store gives it (its description stays at .ttl)', async () => {
    const response = await t.get('/graph/editorial', { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/graph/editorial.content.ttl');
    const content = await (await t.get('/graph/editorial.content.ttl')).text();
    expect(content).toBe(await (await t.get(`/rdf-graph-store?graph=${encodeURIComponent('https://w3id.org/asm-kg/graph/editorial')}`, { headers: { accept: 'text/turtle' } })).text());
    expect((await t.get('/graph/editorial.ttl')).status).toBe(200);
  });

  it('answers HEAD the same way', async () => {
    const response = await t.get('/id/statement/w2-a-1', { method: 'HEAD', headers: { accept: 'text/html' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/id/statement/w2-a-1.html');
  });

  it('gives 404 for what the dataset does not know', async () => {
    for (const path of ['/id/statement/nope', '/id/statement/nope.ttl', '/id/statement/w2-a-1.xyz', '/nothing/here', '/id/']) {
      const response = await t.get(path);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('description documents', () => {
  it('give the triples of the resource, the links to it and the labels of what it links to', async () => {
    const response = await t.get('/id/statement/w2-a-1.ttl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const triples = new Set(new Parser().parse(await response.text()).map(key));
    const iri = `${BASE}id/statement/w2-a-1`;
    for (const q of dump.filter((d) => d.subject.value === iri || d.object.value === iri)) expect(triples, key(q)).toContain(key(q));
    expect(triples).toContain(`${BASE}id/statement/w2-d-4 ${ASM}addresses ${iri}`);
    expect(triples).toContain(`${BASE}id/workshop/2 http://www.w3.org/2000/01/rdf-schema#label Workshop 2`);
  });

  it('say the same in N-Triples and JSON-LD', async () => {
    const turtle = new Set(new Parser().parse(await (await t.get('/id/statement/w2-a-1.ttl')).text()).map(key));
    const nt = await t.get('/id/statement/w2-a-1.nt');
    expect(nt.headers.get('content-type')).toBe('application/n-triples; charset=utf-8');
    expect(new Set(new Parser({ format: 'N-Triples' }).parse(await nt.text()).map(key))).toEqual(turtle);
    const jsonld = await t.get('/id/statement/w2-a-1.jsonld');
    expect(jsonld.headers.get('content-type')).toBe('application/ld+json');
    const { default: jsonldLib } = await import('jsonld');
    const quads = (await jsonldLib.toRDF(await jsonld.json() as object)) as unknown as Array<{ subject: { value: string }; predicate: { value: string }; object: { value: string } }>;
    expect(new Set(quads.map(key))).toEqual(turtle);
  });

  it('have validators: ETag and 304 Not Modified', async () => {
    const first = await t.get('/id/statement/w2-a-1.nt');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.get('/id/statement/w2-a-1.nt', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('link to the other formats and to what they describe', async () => {
    const response = await t.get('/id/statement/w2-a-1.ttl');
    const link = response.headers.get('link')!;
    expect(link).toContain('</id/statement/w2-a-1.jsonld>; rel="alternate"; type="application/ld+json"');
    expect(link).toContain(`<${BASE}id/statement/w2-a-1>; rel="describes"`);
  });

  it('serve the ontology, its terms being fragments of it', async () => {
    const triples = new Parser().parse(await (await t.get('/ontology.ttl')).text());
    expect(triples.some((q) => q.subject.value === `${ASM}Obstacle` && q.predicate.value.endsWith('#subClassOf'))).toBe(true);
    expect(triples.some((q) => q.subject.value === `${BASE}ontology` && q.object.value === 'http://www.w3.org/2002/07/owl#Ontology')).toBe(true);
    const html = await (await t.get('/ontology.html')).text();
    expect(html).toContain('<section id="Obstacle" class="term">');
    expect(html).toContain('<section id="addresses" class="term">');
  });
});

describe('the HTML page of a resource', () => {
  let html: string;
  beforeAll(async () => { html = await (await t.get('/id/statement/w2-a-1.html')).text(); });

  it('shows the label, verbatim text, kind and workshop', () => {
    // The page itself is src/render/pages/statement.ts (test/pages/ checks it in depth).
    expect(html).toContain('<title>1. ASM can and should be legalised — asm-kg</title>');
    expect(html).toContain('<blockquote class="verbatim" cite="https://w3id.org/asm-kg/id/statement/w2-a-1"><p>ASM can and should be legalised</p></blockquote>');
    expect(html).toMatch(/<dt>Kind<\/dt><dd><span class="badge kind-Issue">issue<\/span>/);
    expect(html).toMatch(/Where it stands: <a href="\/id\/workshop\/2">Workshop 2<\/a>/);
  });

  it('links every property and value, our own IRIs to our own pages', () => {
    expect(html).toMatch(/<a href="\/ontology#theme"[^>]*>asm:theme<\/a>/);
    expect(html).toMatch(/<a href="\/id\/theme\/legal-frameworks"[^>]*>legal frameworks and conflicting laws<\/a>/);
    expect(html).toMatch(/<a href="\/id\/source\/workshops-summary"[^>]*>Workshops summary of the ASM learning event<\/a>/);
    expect(html).not.toContain('href="https://w3id.org/asm-kg/');
  });

  it('lists incoming links: what addresses it and what elaborates it', () => {
    expect(html).toMatch(/<h3>Addressed by [\s\S]*?<a href="\/id\/statement\/w2-d-4"[^>]*>Workshop 2: Enact or harmonize appropriate laws or regulations<\/a>/);
    expect(html).toMatch(/<dt>Elaborated by<\/dt>[\s\S]*?\/id\/statement\/w2-a-1\.1[\s\S]*?\/id\/statement\/w2-a-1\.4/);
  });

  it('lists what synthesises a workshop statement', async () => {
    const synthesis = dump.find((q) => q.predicate.value === `${ASM}synthesises`)!;
    const path = synthesis.object.value.slice(BASE.length - 1);
    const page = await (await t.get(`${path}.html`)).text();
    expect(page).toMatch(new RegExp(`<h3>Synthesised by [\\s\\S]*?<a href="${synthesis.subject.value.slice(BASE.length - 1).replace(/\./g, '\\.')}"`));
  });

  it('names its other formats and embeds its description as JSON-LD', () => {
    for (const [type, suffix] of [['text/turtle', 'ttl'], ['application/n-triples', 'nt'], ['application/ld+json', 'jsonld']]) {
      expect(html).toContain(`<link rel="alternate" type="${type}" href="/id/statement/w2-a-1.${suffix}">`);
    }
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.stringify(JSON.parse(script))).toContain('ASM can and should be legalised');
  });
});

describe('escaping (the hostile fixture)', () => {
  let html: string;
  beforeAll(async () => { html = await (await hostile.get('/id/statement/x-1.html')).text(); });

  it('escapes markup in texts and labels', () => {
    expect(html).toContain('Miners said &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; left');
    expect(html).toContain('a &quot;theme&quot; &lt;i&gt;with&lt;/i&gt; markup');
    expect(html).toContain('A remedy &lt;img src=x onerror=alert(3)&gt;');
    expect(html).not.toMatch(/<script>alert|<img src=x|<i>with/);
  });

  it('keeps the embedded JSON-LD inside its script element', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).not.toContain('<');
    expect(JSON.stringify(JSON.parse(script))).toContain('Workshop </script><script>alert(2)</script>');
  });

  it('never makes a javascript: IRI a link', () => {
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<span class="iri">javascript:alert(1)</span>');
  });

  it('escapes the home page too', async () => {
    const home = await (await hostile.get('/')).text();
    expect(home).toContain('<title>Hostile &lt;b&gt;fixture&lt;/b&gt; &amp; co — asm-kg</title>');
    expect(home).not.toContain('<script>alert(1)</script>');
  });
});

describe('the files of dist/', () => {
  const types: Array<[string, string]> = [
    ['0.1.0/asm-kg.ttl', 'text/turtle; charset=utf-8'],
    ['0.1.0/asm-kg.nt', 'application/n-triples; charset=utf-8'],
    ['0.1.0/asm-kg.nq', 'application/n-quads; charset=utf-8'],
    ['0.1.0/asm-kg.trig', 'application/trig; charset=utf-8'],
    ['0.1.0/asm-kg.jsonld', 'application/ld+json; charset=utf-8'],
    ['0.1.0/asm-kg.rdf', 'application/rdf+xml; charset=utf-8'],
    ['0.1.0/ontology.ttl', 'text/turtle; charset=utf-8'],
    ['0.1.0/statements.csv', 'text/csv; charset=utf-8'],
    ['0.1.0/statements.csv-metadata.json', 'application/csvm+json; charset=utf-8'],
    ['0.1.0/asm-kg.nq.gz', 'application/gzip'],
    ['void.ttl', 'text/turtle; charset=utf-8'],
    ['dcat.ttl', 'text/turtle; charset=utf-8'],
    ['dataset.jsonld', 'application/ld+json; charset=utf-8'],
    ['context.jsonld', 'application/ld+json; charset=utf-8'],
  ];
  it.each(types)('serves %s as %s', async (file, type) => {
    const response = await t.get(`/dist/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(ROOT, 'dist', file)))).toBe(true);
  });

  it('lets the dumps of a version be cached for good, with validators', async () => {
    const response = await t.get('/dist/0.1.0/asm-kg.nq');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const etag = response.headers.get('etag')!;
    expect((await t.get('/dist/0.1.0/asm-kg.nq', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('lists a folder', async () => {
    expect((await t.get('/dist')).headers.get('location')).toBe('/dist/');
    const listing = await t.get('/dist/0.1.0/');
    expect(listing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await listing.text()).toContain('<a href="asm-kg.nq">asm-kg.nq</a>');
  });

  const escapes = [
    '/dist/../package.json', '/dist/%2e%2e/package.json', '/dist/%2E%2E/package.json', '/dist/..%2fpackage.json',
    '/dist/%2e%2e%2fpackage.json', '/dist/0.1.0/../../package.json', '/dist/0.1.0/%2e%2e/%2e%2e/package.json',
    '/dist/.%2e/.%2e/package.json', '/dist/%252e%252e/package.json', '/dist/..\\package.json', '/dist/%5c..%5cpackage.json',
    '/dist//etc/passwd', '/dist/%00/../package.json',
  ];
  it.each(escapes)('does not leave dist/ for %s', async (target) => {
    const response = await rawGet(t.url, target);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).not.toContain('"name": "asm-kg"');
    expect(response.body).not.toContain('root:');
  });

  it.each(['/dist/../secret.txt', '/dist/%2e%2e/secret.txt', '/dist/0.1.0/%2e%2e%2f%2e%2e%2fsecret.txt'])('does not reach the file beside dist/ with %s', async (target) => {
    const response = await rawGet(hostile.url, target);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('never be served');
  });
});

describe('the home page', () => {
  it('links the endpoint, resources to start from, the catalogue queries and the downloads', async () => {
    const response = await t.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('link')).toContain('</dist/void.ttl>; rel="describedby"');
    const html = await response.text();
    expect(html).toContain('<a href="/sparql">SPARQL endpoint</a>');
    expect(html).toContain('href="/id/statement/w2-a-1"');
    expect(html).toContain('href="/id/event/learning-event"');
    expect(html).toContain(`href="/dist/${RELEASE_DIR.replace(/^.*\//, '')}/asm-kg.nq"`);
    expect(html).toContain('href="/dist/void.ttl"');
    expect(html).toMatch(/href="\/sparql\?query=[^"]+">Obstacles raised by each workshop<\/a>/);
  });

  it('runs a catalogue query from its link', async () => {
    const html = await (await t.get('/')).text();
    const href = /href="(\/sparql\?query=[^"]+)">Obstacles raised by each workshop<\/a>/.exec(html)![1]!.replace(/&amp;/g, '&');
    const response = await t.get(href, { headers: { accept: BROWSER } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<table class="results">');
  });

  it('points /.well-known/void at the VoID description', async () => {
    const response = await t.get('/.well-known/void');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dist/void.ttl');
  });
});
