/**
 * The w3id.org rules and `asm-kg serve` answer alike. A real Apache serves the generated w3id/.htaccess
 * (mounted at /asm-kg/ as w3id.org mounts a project's folder) in front of the static site, and a real
 * `serve` runs on the same release; every kind of IRI (things, graphs, datasets and their versions and
 * distributions, the ontology and so its terms, documents, dumps, pages, an unknown IRI) is asked for with
 * every kind of Accept header, of both, and the answers are compared one by one:
 *
 *  - serve's 303 See Other ↔ a 303 from the rules to the same path on the site; serve's 406 ↔ a 406;
 *    serve's 200 (a document, a page, a file) ↔ a 302 Found to the site; serve's 404 ↔ a 404 in the end
 *    (the rules name IRI folders, not each IRI: an unknown IRI in a folder of things is negotiated as a
 *    thing, redirected, and the site says 404, or it gets 406 when no format is acceptable);
 *  - then what comes back at the end of the redirects: its status, its media type, and its content: the
 *    same RDF dataset (compared canonically, RDFC-1.0, graph names included), the same page (its title),
 *    or the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import canonize from 'rdf-canonize';
import { readRelease } from '../../src/core/release.js';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';
import { startApache, type Apache } from './support.js';
import { sharedSite, type SharedSite } from '../support/shared-builds.js';

const BASE = 'https://w3id.org/asm-kg/';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const PROFILE = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"';

/** Accept headers: none, each format, wildcards, q-values, what clients send, and malformed ones. */
const ACCEPTS: Array<[string, string | undefined]> = [
  ['no Accept header', undefined],
  ['*/*', '*/*'],
  ['Turtle', 'text/turtle'],
  ['N-Triples', 'application/n-triples'],
  ['N-Quads', 'application/n-quads'],
  ['TriG', 'application/trig'],
  ['JSON-LD', 'application/ld+json'],
  ['RDF/XML', 'application/rdf+xml'],
  ['HTML', 'text/html'],
  ['a browser', BROWSER],
  ['q-values', 'text/turtle;q=0.5, application/ld+json;q=0.9, text/html;q=0.1'],
  ['Turtle refused, the rest at q=0.5', 'text/turtle;q=0, */*;q=0.5, application/n-triples;q=0.6'],
  ['text/*', 'text/*'],
  ['application/*', 'application/*'],
  ['a named type over a wildcard of equal q', '*/*, application/ld+json'],
  ['a JSON-LD profile', PROFILE],
  ['a range with parameters is more specific than one without', `application/ld+json;q=0.9, ${PROFILE};q=0.2, text/turtle;q=0.5`],
  ['N-Quads or TriG (a dataset reader)', 'application/trig;q=0.9, application/n-quads'],
  ['RDF/XML first (rdflib, rapper)', 'application/rdf+xml, text/turtle;q=0.8, */*;q=0.1'],
  ['case and spaces', ' Text/Turtle ; Q=0.8 , application/n-triples;q=0.7'],
  ['q with three decimals', 'text/turtle;q=0.001, application/n-triples;q=0.002'],
  ['a quoted q', 'text/turtle;q="0.2", application/n-triples;q=0.1'],
  ['a range with an invalid q is ignored', 'text/html;q=2, application/n-triples;q=0.5'],
  ['an unreadable header accepts everything', 'garbage'],
  ['only invalid ranges accept everything', 'text/html;q=1.5'],
  ['nothing acceptable', 'image/png'],
  ['everything refused', '*/*;q=0'],
];

/** The run's shared site (test/support/shared-builds.ts): built for, and served by, its static server. */
let project: { root: string };
let site: SharedSite;
let apache: Apache;
let serve: TestServer;
let version: string;

beforeAll(async () => {
  site = await sharedSite();
  project = { root: site.root };
  version = readRelease(project.root).version;
  // serve is the test process's default server (fixtures/serve/shared-server.ts), on the project's own inputs:
  // the site's frozen copy holds the same data/, dist/, queries/ and ontology/, which the pages' comparison shows.
  [apache, serve] = await Promise.all([startApache(join(site.dir, 'w3id'), '/asm-kg/'), sharedServer()]);
}, 600_000);

afterAll(async () => {
  await Promise.all([apache?.stop(), serve?.close()]);
});

interface Answer { status: number; location: string | null; vary: string | null }
interface Final { status: number; mediaType: string; body: Buffer }

/** A GET without following redirects, with exactly the Accept header given (none when undefined: fetch would send one). */
function get(url: string, accept: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: accept === undefined ? {} : { accept } }, (res) => {
      res.resume();
      const header = (name: string) => { const value = res.headers[name]; return typeof value === 'string' ? value : null; };
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: header('location'), vary: header('vary') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a URL gives in the end, redirects followed (each URL fetched once). */
const finals = new Map<string, Promise<Final>>();
function final(url: string): Promise<Final> {
  let answer = finals.get(url);
  if (answer === undefined) {
    answer = (async () => {
      const response = await fetch(url);
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { status: response.status, mediaType, body: Buffer.from(await response.arrayBuffer()) };
    })();
    finals.set(url, answer);
  }
  return answer;
}

const RDF_TYPES = new Set(['text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig', 'application/ld+json', 'application/rdf+xml']);

interface PlainTerm { termType: string; value: string; language?: string; datatype?: { termType: 'NamedNode'; value: string } }
interface PlainQuad { subject: PlainTerm; predicate: PlainTerm; object: PlainTerm; graph: PlainTerm }

/** The RDF dataset of a document, in canonical N-Quads (blank node labels do not count, graph names do). */
const canonicals = new Map<string, Promise<string>>();
function canonical(body: Buffer, mediaType: string): Promise<string> {
  const key = `${mediaType} ${body.toString('base64')}`;
  let result = canonicals.get(key);
  if (result === undefined) {
    result = (async () => canonize.canonize(await parse(body.toString('utf8'), mediaType) as object[], { algorithm: 'RDFC-1.0' }))();
    canonicals.set(key, result);
  }
  return result;
}

async function parse(text: string, mediaType: string): Promise<PlainQuad[]> {
  const plain = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }): PlainTerm => (t.termType === 'Literal'
    ? { termType: 'Literal', value: t.value, language: t.language ?? '', datatype: { termType: 'NamedNode', value: t.datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string' } }
    : { termType: t.termType, value: t.termType === 'DefaultGraph' ? '' : t.value });
  const toPlain = (q: { subject: PlainTerm; predicate: PlainTerm; object: PlainTerm; graph?: PlainTerm }): PlainQuad =>
    ({ subject: plain(q.subject), predicate: plain(q.predicate), object: plain(q.object), graph: q.graph === undefined ? { termType: 'DefaultGraph', value: '' } : plain(q.graph) });
  switch (mediaType) {
    case 'application/ld+json': {
      const { default: jsonld } = await import('jsonld');
      return ((await jsonld.toRDF(JSON.parse(text) as object)) as unknown as PlainQuad[]).map(toPlain);
    }
    case 'application/rdf+xml': {
      const rdflib = await import('rdflib');
      const store = rdflib.graph();
      rdflib.parse(text, store, `${BASE}unused-base/`, 'application/rdf+xml');
      return store.statements.map((st) => toPlain({ subject: st.subject as PlainTerm, predicate: st.predicate as PlainTerm, object: st.object as PlainTerm }));
    }
    default: {
      const format = { 'text/turtle': 'Turtle', 'application/n-triples': 'N-Triples', 'application/n-quads': 'N-Quads', 'application/trig': 'TriG' }[mediaType];
      return new Parser({ format }).parse(text).map((q) => toPlain(q as unknown as PlainQuad));
    }
  }
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '(no title)';

/**
 * The differences between serve's answer and the rules' for one path and Accept header (none: they agree).
 * `path` is relative to the base (id/workshop/2), as the rules and serve both see it.
 */
async function compare(path: string, accept: string | undefined): Promise<string[]> {
  const differences: string[] = [];
  const [s, w] = await Promise.all([get(`${serve.url}/${path}`, accept), get(`${apache.url}${path}`, accept)]);
  const said = (a: Answer) => `${a.status}${a.location === null ? '' : ` → ${a.location}`}`;
  let serveFinal: string;
  let w3idFinal: string | undefined;
  if (s.status === 303) {
    const servePath = s.location?.replace(/^\//, '');
    const w3idPath = w.location?.startsWith(site.url) ? w.location.slice(site.url.length) : w.location;
    if (w.status !== 303 || servePath !== w3idPath) return [`serve ${said(s)}, w3id ${said(w)}`];
    // serve's IRIs are also TimeGates (Vary: Accept, Accept-Datetime); a static host cannot negotiate a datetime.
    if (w.vary !== s.vary?.replace(/, Accept-Datetime$/, '')) differences.push(`Vary: serve ${s.vary}, w3id ${w.vary}`);
    serveFinal = `${serve.url}${s.location}`;
    w3idFinal = w.location!;
  } else if (s.status === 406) {
    return w.status === 406 ? [] : [`serve 406, w3id ${said(w)}`];
  } else if (s.status === 200) {
    if (w.status !== 302 || !w.location?.startsWith(site.url)) return [`serve 200, w3id ${said(w)}`];
    serveFinal = `${serve.url}/${path}`;
    w3idFinal = w.location;
  } else if (s.status === 404) {
    // An unknown IRI in a folder of things: the rules negotiate and redirect it, and the site has nothing there.
    if (w.status === 406) return [];
    serveFinal = `${serve.url}/${path}`;
    w3idFinal = w.status >= 300 && w.status < 400 ? w.location ?? undefined : undefined;
    if (w3idFinal === undefined && w.status !== 404) return [`serve 404, w3id ${said(w)}`];
    if (w3idFinal === undefined) return [];
  } else {
    return [`serve ${said(s)} (unexpected), w3id ${said(w)}`];
  }
  const [a, b] = await Promise.all([final(serveFinal), final(w3idFinal)]);
  if (a.status !== b.status) return [...differences, `in the end serve ${a.status}, w3id ${b.status} (${w3idFinal})`];
  if (a.status !== 200) return differences;
  if (a.mediaType !== b.mediaType) return [...differences, `serve gives ${a.mediaType}, w3id ${b.mediaType} (${w3idFinal})`];
  if (a.body.equals(b.body)) return differences;
  if (RDF_TYPES.has(a.mediaType)) {
    if (await canonical(a.body, a.mediaType) !== await canonical(b.body, b.mediaType)) differences.push(`serve's ${a.mediaType} and w3id's (${w3idFinal}) are not the same RDF`);
  } else if (a.mediaType === 'text/html') {
    const [ta, tb] = [titleOf(a.body.toString('utf8')), titleOf(b.body.toString('utf8'))];
    if (ta !== tb) differences.push(`serve's page is "${ta}", w3id's "${tb}" (${w3idFinal})`);
  } else {
    differences.push(`serve's ${a.mediaType} and w3id's (${w3idFinal}) differ`);
  }
  return differences;
}

/** Every pair (path, Accept header) compared, a few at a time; the differences, one line each. */
async function compareAll(paths: string[], accepts: Array<string | undefined>): Promise<string[]> {
  const queue = paths.flatMap((path) => accepts.map((accept) => [path, accept] as const));
  const found: string[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [path, accept] = next;
      for (const difference of await compare(path, accept)) found.push(`/${path} [${accept ?? 'no Accept'}]: ${difference}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return found.sort();
}

/** A remedy whose description changed in every release: the site has its mementos and TimeMap. */
const CHANGED = 'id/statement/fw-next-steps-2.1';

describe('the w3id rules answer as serve does', () => {
  const kinds = (): Array<[string, string[]]> => [
    ['things', ['id/statement/w2-a-1', 'id/statement/w2-a-1.2', 'id/workshop/2', 'id/theme/women-and-gender', 'id/stakeholder/government', 'id/event/learning-event', 'id/source/workshops-summary', 'id/agent/asm-kg']],
    ['graphs', ['graph/statements', 'graph/editorial', 'graph/links', 'graph/provenance', 'graph/ontology']],
    ['datasets, versions and distributions', [`dataset/${version}`, 'dataset/0.1.0', 'dataset/0.2.0', `dataset/${version}/distribution/asm-kg.ttl`, `dataset/${version}/distribution/asm-kg.nq`, `dataset/${version}/linkset/wikidata/sameas`]],
    ['the ontology and its terms (ontology#Obstacle is asked as ontology)', ['ontology']],
    ['documents', ['id/workshop/2.ttl', 'id/workshop/2.nq', 'id/workshop/2.trig', 'id/workshop/2.html', 'graph/links.ttl', 'graph/links.nq', 'graph/links.content.ttl', 'graph/statements.content.trig', 'ontology.rdf']],
    ['dumps and files', ['dist/void.ttl', `dist/${version}/asm-kg.nq`, 'dist/0.2.0/asm-kg.ttl']],
    ['pages', ['', 'id/statement/', 'graph/', 'consensus']],
    ['an unknown IRI', ['id/statement/nope']],
    // A resource as a release described it (its description changed, so the site has its versions).
    ['mementos and their documents', [`version/0.2.1/${CHANGED}`, `version/0.1.0/${CHANGED}`, `version/${version}/${CHANGED}`, `version/0.2.1/${CHANGED}.nq`, `version/0.2.1/${CHANGED}.html`, 'version/0.2.0/id/theme/dialogue-and-consensus-building']],
  ];

  it('for every kind of IRI and every kind of Accept header', async () => {
    const failures: string[] = [];
    for (const [kind, paths] of kinds()) for (const difference of await compareAll(paths, ACCEPTS.map(([, accept]) => accept))) failures.push(`${kind}: ${difference}`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('for every IRI of the dump, with no Accept header, N-Quads and HTML', async () => {
    const dump = new Parser({ format: 'N-Quads' }).parse(readFileSync(join(project.root, 'dist', version, 'asm-kg.nq'), 'utf8'));
    const paths = new Set<string>();
    for (const q of dump) {
      for (const t of [q.subject, q.predicate, q.object, q.graph]) {
        // The fragment never reaches a server: ontology#Obstacle is asked as ontology.
        if (t.termType === 'NamedNode' && t.value.startsWith(BASE)) paths.add(t.value.slice(BASE.length).replace(/#.*$/, ''));
      }
    }
    expect(paths.size).toBeGreaterThan(300);
    expect(await compareAll([...paths].sort(), [undefined, 'application/n-quads', 'text/html'])).toEqual([]);
  }, 600_000);

  it('for a TimeMap: serve\'s link-format, the site\'s .txt, the same mementos (the site names the IRIs, serve its paths)', async () => {
    const [s, w] = await Promise.all([get(`${serve.url}/timemap/${CHANGED}`, undefined), get(`${apache.url}timemap/${CHANGED}`, undefined)]);
    expect(s.status).toBe(200);
    expect(w.status).toBe(302);
    expect(w.location).toBe(`${site.url}timemap/${CHANGED}.txt`);
    const [a, b] = await Promise.all([final(`${serve.url}/timemap/${CHANGED}`), final(w.location!)]);
    expect(a.mediaType).toBe('application/link-format');
    expect(b.mediaType).toBe('text/plain');
    expect(b.body.toString('utf8').replaceAll(`<${BASE}`, '</')).toBe(a.body.toString('utf8'));
  });
});

describe('the static site carries the mementos of the resources that changed', () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  const history = (html: string) => /<section class="history"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '(no history)';

  it('every release of a changed resource in every format, a TimeMap naming the IRIs, nothing for an unchanged one', () => {
    for (const v of ['0.1.0', '0.2.0', '0.2.1', version]) {
      for (const suffix of ['html', 'ttl', 'nt', 'jsonld', 'rdf', 'nq', 'trig']) expect(existsSync(join(site.dir, `version/${v}/${CHANGED}.${suffix}`)), `${v} ${suffix}`).toBe(true);
    }
    const timemap = readFileSync(join(site.dir, `timemap/${CHANGED}.txt`), 'utf8');
    expect(timemap.split(',\n')[0]).toBe(`<${BASE}${CHANGED}>;rel="original"`);
    expect(timemap).toContain(`<${BASE}version/0.2.1/${CHANGED}>;rel="memento";datetime="Wed, 02 Dec 2026 00:00:00 GMT"`);
    // Never changed in any release: no copies, and its page says so.
    expect(existsSync(join(site.dir, 'version/0.1.0/id/statement/w1-a-government-8.ttl'))).toBe(false);
    expect(existsSync(join(site.dir, 'timemap/id/statement/w1-a-government-8.txt'))).toBe(false);
  });

  it('a page\'s History reads as serve\'s, its links relative and leading to files of the site', async () => {
    const sitePage = readFileSync(join(site.dir, `${CHANGED}.html`), 'utf8');
    const servePage = await (await fetch(`${serve.url}/${CHANGED}.html`)).text();
    expect(text(history(sitePage))).toBe(text(history(servePage)));
    const hrefs = [...history(sitePage).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toContain('../../version/0.2.1/id/statement/fw-next-steps-2.1.html');
    expect(hrefs).toContain('../../timemap/id/statement/fw-next-steps-2.1.txt');
    for (const href of hrefs) expect(existsSync(join(site.dir, 'id/statement', href)), href).toBe(true);
  });
});

