/**
 * The w3id.org redirect rules (w3id/.htaccess, src/site/htaccess.ts) in a real Apache with mod_rewrite,
 * mounted at /asm-kg/ as w3id.org mounts a project's folder, redirecting to the static site served by a
 * plain static server under /site/. The content-negotiation cases are those of serve's tests
 * (test/serve-linked-data.test.ts), and every IRI of the release's dump must land on a document that
 * contains it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { readRelease } from '../../src/core/release.js';
import { startApache, type Apache } from './support.js';
import { sharedSite, type SharedSite } from '../support/shared-builds.js';

const BASE = 'https://w3id.org/asm-kg/';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const TYPES: Record<string, string> = {
  '.ttl': 'text/turtle', '.nt': 'application/n-triples', '.jsonld': 'application/ld+json', '.rdf': 'application/rdf+xml',
  '.nq': 'application/n-quads', '.trig': 'application/trig', '.html': 'text/html',
};

/** The run's shared site (test/support/shared-builds.ts): built for, and served by, its static server. */
let project: { root: string };
let site: SharedSite;
let apache: Apache;
let version: string;

beforeAll(async () => {
  site = await sharedSite();
  project = { root: site.root };
  version = readRelease(project.root).version;
  apache = await startApache(join(site.dir, 'w3id'), '/asm-kg/');
}, 600_000);

afterAll(async () => {
  await apache?.stop();
});

const get = (path: string, accept?: string, method = 'GET') =>
  fetch(`${apache.url}${path}`, { method, redirect: 'manual', headers: accept === undefined ? {} : { accept } });

describe('303 See Other from a thing to its description, by Accept (the cases of serve)', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['Turtle', 'text/turtle', '.ttl'],
    ['HTML for a browser', BROWSER, '.html'],
    ['JSON-LD', 'application/ld+json', '.jsonld'],
    ['N-Triples', 'application/n-triples', '.nt'],
    ['RDF/XML', 'application/rdf+xml', '.rdf'],
    ['N-Quads', 'application/n-quads', '.nq'],
    ['TriG', 'application/trig', '.trig'],
    ['Turtle without an Accept header', undefined, '.ttl'],
    ['JSON-LD by q-value', 'text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1', '.jsonld'],
    ['N-Triples when Turtle is refused', 'text/turtle;q=0, */*;q=0.5, application/n-triples;q=0.6', '.nt'],
    ['the named type over a wildcard of equal q', '*/*, application/ld+json', '.jsonld'],
    ['text/* prefers Turtle to HTML', 'text/*', '.ttl'],
    ['a JSON-LD profile', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', '.jsonld'],
  ];
  it.each(cases)('%s', async (_name, accept, suffix) => {
    // Without an Accept header at all: fetch would send */*, so this case goes through node:http's defaults.
    const response = accept === undefined ? await rawGet(`${apache.url}id/statement/w2-a-1`) : await get('id/statement/w2-a-1', accept);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${site.url}id/statement/w2-a-1${suffix}`);
    expect(response.headers.get('vary')).toBe('Accept');
    // …and the static host has that document, with its media type.
    const document = await fetch(response.headers.get('location')!);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toContain(TYPES[suffix]);
    const text = await document.text();
    const iri = `${BASE}id/statement/w2-a-1`;
    if (suffix === '.jsonld') {
      // Compacted JSON-LD names it st:w2-a-1: expanded to RDF, it is the subject of the description.
      const { default: jsonld } = await import('jsonld');
      const quads = (await jsonld.toRDF(JSON.parse(text) as object)) as unknown as Array<{ subject: { value: string } }>;
      expect(quads.some((q) => q.subject.value === iri)).toBe(true);
    } else {
      expect(text).toContain(suffix === '.ttl' ? 'st:w2-a-1' : iri);
    }
  });

  it('gives 406 when no description format is acceptable', async () => {
    const response = await get('id/statement/w2-a-1', 'image/png');
    expect(response.status).toBe(406);
  });

  it.each(['id/workshop/2', 'id/theme/women-and-gender', 'id/stakeholder/government', 'id/event/learning-event', 'dataset/0.1.0', 'ontology', 'id/statement/w2-a-1.2'])(
    'redirects %s', async (path) => {
      const response = await get(path, 'text/turtle');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${site.url}${path}.ttl`);
      expect((await fetch(response.headers.get('location')!)).status).toBe(200);
    },
  );

  it('redirects a graph IRI to the graph itself, and a browser to its page', async () => {
    const response = await get('graph/links', 'text/turtle');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${site.url}graph/links.content.ttl`);
    const dump = new Parser({ format: 'N-Quads' }).parse(readFileSync(join(project.root, 'dist', version, 'asm-kg.nq'), 'utf8'));
    const inLinks = dump.filter((q) => q.graph.value === `${BASE}graph/links`);
    expect(inLinks.length).toBeGreaterThan(50);
    expect(new Parser().parse(await (await fetch(response.headers.get('location')!)).text())).toHaveLength(inLinks.length);
    const page = await get('graph/links', BROWSER);
    expect(page.headers.get('location')).toBe(`${site.url}graph/links.html`);
  });

  it('answers HEAD the same way', async () => {
    const response = await get('id/statement/w2-a-1', 'text/html', 'HEAD');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${site.url}id/statement/w2-a-1.html`);
  });
});

describe('documents, files and pages', () => {
  it('sends a description document to the same path on the host', async () => {
    const response = await get('id/statement/w2-a-1.nt');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${site.url}id/statement/w2-a-1.nt`);
  });

  it('sends /dist/ files to the host, byte for byte the release', async () => {
    const response = await get(`dist/${version}/asm-kg.nq`);
    expect(response.status).toBe(302);
    const file = await fetch(response.headers.get('location')!);
    expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(join(project.root, 'dist', version, 'asm-kg.nq')))).toBe(true);
  });

  it('sends the base to the home page, a list to its index.html and a view to its .html', async () => {
    for (const [path, target] of [['', ''], ['id/statement/', 'id/statement/index.html'], ['consensus', 'consensus.html'], ['sparql', 'sparql.html']]) {
      const response = await get(path!);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location')).toBe(`${site.url}${target}`);
      expect((await fetch(response.headers.get('location')!)).status, path).toBe(200);
    }
  });

  it('names a thing that looks like a file (a distribution called asm-kg.ttl) as a thing', async () => {
    const thing = `dataset/${version}/distribution/asm-kg.ttl`;
    const response = await get(thing, 'application/n-triples');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${site.url}${thing}.nt`);
    expect(await (await fetch(response.headers.get('location')!)).text()).toContain(`<${BASE}${thing}>`);
  });
});

describe('every IRI of the dump', () => {
  it('lands on a document that contains it (N-Triples), or on the file it names', async () => {
    const dump = new Parser({ format: 'N-Quads' }).parse(readFileSync(join(project.root, 'dist', version, 'asm-kg.nq'), 'utf8'));
    const iris = new Set<string>();
    for (const q of dump) for (const t of [q.subject, q.predicate, q.object, q.graph]) if (t.termType === 'NamedNode' && t.value.startsWith(BASE)) iris.add(t.value);
    expect(iris.size).toBeGreaterThan(300);
    const failures: string[] = [];
    const documents = new Map<string, string>();
    const queue = [...iris].sort();
    const worker = async () => {
      for (let iri = queue.shift(); iri !== undefined; iri = queue.shift()) {
        // The fragment never reaches the server: ontology#Obstacle is asked as ontology.
        const path = iri.slice(BASE.length).replace(/#.*$/, '');
        const response = await get(path, 'application/n-triples');
        const location = response.headers.get('location');
        if (location === null) { failures.push(`${iri}: ${response.status} without Location`); continue; }
        if (path === '') {
          if (response.status !== 302 || location !== site.url) failures.push(`${iri}: ${response.status} → ${location}`);
          continue;
        }
        if (path.startsWith('dist/')) {
          const local = join(project.root, path);
          const file = await fetch(location);
          if (file.status !== 200 || !Buffer.from(await file.arrayBuffer()).equals(readFileSync(local))) failures.push(`${iri}: ${location} is not the file`);
          continue;
        }
        if (response.status !== 303) { failures.push(`${iri}: ${response.status} → ${location}`); continue; }
        let text = documents.get(location);
        if (text === undefined) {
          const document = await fetch(location);
          text = document.status === 200 ? await document.text() : '';
          documents.set(location, text);
        }
        // A named graph's IRI lands on its content: the graph's triples, which need not name the graph.
        const graph = /\.content\.nt$/.test(location) ? dump.filter((q) => q.graph.value === iri) : undefined;
        if (graph !== undefined) {
          if (graph.length === 0 || text.trim().split('\n').length !== graph.length) failures.push(`${iri}: ${location} is not its graph`);
        } else if (!text.includes(`<${iri}>`)) failures.push(`${iri}: ${location} does not contain it`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toEqual([]);
  }, 300_000);
});

/** A GET with no Accept header at all (fetch always sends one). */
async function rawGet(url: string): Promise<{ status: number; headers: Headers }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET' }, (res) => {
      res.resume();
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
      resolve({ status: res.statusCode ?? 0, headers });
    });
    req.on('error', reject);
    req.end();
  });
}
