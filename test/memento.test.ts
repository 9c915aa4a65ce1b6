/**
 * Memento (RFC 7089) on `asm-kg serve`: a client asks a current IRI for dates before, between and after
 * the releases and is sent to the right release's memento; every versioned description, in every RDF
 * format, is isomorphic to that release's frozen dump restricted to the resource (computed by rdflib in
 * test/support/memento_restriction.py, not by the code under test); the TimeMaps are strict link-format
 * with every URI, rel and datetime as the releases in data/release.json say; malformed dates get a 400.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRelease } from '../src/core/release.js';
import type { TestServer } from './fixtures/serve/server.js';
import { sharedServer } from './fixtures/serve/shared-server.js';
import { DIST, ROOT } from './support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
/** The releases and their dates, as data/release.json must say them. */
const RELEASES: Array<[string, string]> = [
  ['0.1.0', 'Thu, 26 Nov 2026 00:00:00 GMT'],
  ['0.2.0', 'Tue, 01 Dec 2026 00:00:00 GMT'],
  ['0.2.1', 'Wed, 02 Dec 2026 00:00:00 GMT'],
  ['0.3.0', 'Mon, 07 Dec 2026 00:00:00 GMT'],
];
const DATETIME = new Map(RELEASES);
const FORMATS: Array<[string, string, string]> = [
  ['text/turtle', 'ttl', 'turtle'], ['application/n-triples', 'nt', 'nt'], ['application/ld+json', 'jsonld', 'json-ld'],
  ['application/rdf+xml', 'rdf', 'xml'], ['application/n-quads', 'nq', 'nquads'], ['application/trig', 'trig', 'trig'],
];
/** A remedy whose readings changed in every release (0.3.0 withdrew two of its asm:addresses), a statement, a theme, a stakeholder, a reading first published in 0.3.0. */
const CHANGED = 'id/statement/fw-next-steps-2.1';
const RESOURCES = [CHANGED, 'id/statement/w1-b-2', 'id/theme/dialogue-and-consensus-building', 'id/stakeholder/academe', 'id/reading/addresses/fw-next-steps-1--w1-b-2'];

/** Runs a Python script on rdflib without blocking the event loop (the HTTP client's sockets must stay serviced). */
function python(script: string, input: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, stderr }));
    child.stdin.end(input);
  });
}

let t: TestServer;
let scratch: string;
beforeAll(async () => {
  t = await sharedServer();
  scratch = mkdtempSync(join(tmpdir(), 'asm-kg-memento-'));
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

it('data/release.json dates every release', () => {
  expect(readRelease(ROOT).releases.map((r) => [r.version, new Date(`${r.date}T00:00:00Z`).toUTCString()])).toEqual(RELEASES);
});

/** What a Memento client does: ask the URI-R with Accept-Datetime, follow the 302, then the 303 to a format. */
async function asOf(path: string, datetime: string, accept: string): Promise<{ timegate: Response; memento: Response; document: Response }> {
  const timegate = await t.get(`/${path}`, { headers: { 'accept-datetime': datetime, accept } });
  const memento = await t.get(timegate.headers.get('location') ?? '/missing', { headers: { accept } });
  const document = await t.get(memento.headers.get('location') ?? '/missing', { headers: { accept } });
  return { timegate, memento, document };
}

describe('a Memento client asking for three dates', () => {
  const dates: Array<[string, string, string]> = [
    ['before 0.2.0', 'Sun, 29 Nov 2026 12:00:00 GMT', '0.1.0'],
    ['between 0.2.1 and 0.3.0', 'Fri, 04 Dec 2026 09:30:00 GMT', '0.2.1'],
    ['after 0.3.0', 'Thu, 31 Dec 2026 23:59:59 GMT', '0.3.0'],
    ['before the first release (the first memento)', 'Sun, 01 Nov 2026 00:00:00 GMT', '0.1.0'],
    ['the very second a release came out', 'Tue, 01 Dec 2026 00:00:00 GMT', '0.2.0'],
  ];
  it.each(dates)('%s is sent to the release in force then', async (_name, datetime, version) => {
    const { timegate, memento, document } = await asOf(CHANGED, datetime, 'text/turtle');
    expect(timegate.status).toBe(302);
    expect(timegate.headers.get('location')).toBe(`/version/${version}/${CHANGED}`);
    expect(timegate.headers.get('vary')).toBe('accept-datetime');
    expect(timegate.headers.get('link')).toContain(`</${CHANGED}>; rel="original timegate"`);
    expect(timegate.headers.get('link')).toContain(`</timemap/${CHANGED}>; rel="timemap"; type="application/link-format"`);
    expect(memento.status).toBe(303);
    expect(memento.headers.get('location')).toBe(`/version/${version}/${CHANGED}.ttl`);
    for (const answer of [memento, document]) expect(answer.headers.get('memento-datetime')).toBe(DATETIME.get(version));
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
  });

  it('a resource first described in 0.3.0 sends an earlier date to its first memento, 0.3.0', async () => {
    const { timegate } = await asOf(RESOURCES[4]!, 'Sun, 29 Nov 2026 12:00:00 GMT', 'text/turtle');
    expect(timegate.headers.get('location')).toBe(`/version/0.3.0/${RESOURCES[4]}`);
  });

  it('the memento links the original, the TimeMap, and the first, previous, next and last mementos', async () => {
    const { memento } = await asOf(CHANGED, 'Tue, 01 Dec 2026 12:00:00 GMT', 'text/turtle');
    expect(memento.headers.get('link')).toBe([
      `</${CHANGED}>; rel="original timegate"`,
      `</timemap/${CHANGED}>; rel="timemap"; type="application/link-format"`,
      `</version/0.1.0/${CHANGED}>; rel="first prev memento"; datetime="${DATETIME.get('0.1.0')}"`,
      `</version/0.2.1/${CHANGED}>; rel="next memento"; datetime="${DATETIME.get('0.2.1')}"`,
      `</version/0.3.0/${CHANGED}>; rel="last memento"; datetime="${DATETIME.get('0.3.0')}"`,
    ].join(', '));
  });

  it('without Accept-Datetime the IRI answers as before, with Link to the original, the TimeGate and the TimeMap', async () => {
    const response = await t.get(`/${CHANGED}`, { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/${CHANGED}.ttl`);
    expect(response.headers.get('vary')).toBe('Accept, Accept-Datetime');
    expect(response.headers.get('link')).toBe([
      `</${CHANGED}>; rel="original timegate"`,
      `</timemap/${CHANGED}>; rel="timemap"; type="application/link-format"`,
      `</version/0.1.0/${CHANGED}>; rel="first memento"; datetime="${DATETIME.get('0.1.0')}"`,
      `</version/0.3.0/${CHANGED}>; rel="last memento"; datetime="${DATETIME.get('0.3.0')}"`,
    ].join(', '));
  });

  it.each([
    ['an ISO date', '2026-12-04'],
    ['a date in another zone', 'Fri, 04 Dec 2026 09:30:00 +0100'],
    ['a wrong day of the week', 'Mon, 04 Dec 2026 09:30:00 GMT'],
    ['a day that does not exist', 'Mon, 31 Feb 2026 09:30:00 GMT'],
    ['garbage', 'yesterday'],
  ])('%s in Accept-Datetime is a 400 naming the header', async (_name, datetime) => {
    const response = await t.get(`/${CHANGED}`, { headers: { 'accept-datetime': datetime } });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(`400 Bad Request: the Accept-Datetime header must be an RFC 1123 date in GMT such as "Mon, 07 Dec 2026 00:00:00 GMT", not "${datetime}"\n`);
  });

  it('a release that does not describe a resource has no memento of it: 404, pointing at the TimeMap', async () => {
    const response = await t.get(`/version/0.2.1/${RESOURCES[4]}.ttl`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(`404 Not Found: release 0.2.1 does not describe ${BASE}${RESOURCES[4]}; releases 0.3.0 do, see /timemap/${RESOURCES[4]}\n`);
    expect((await t.get(`/version/9.9.9/${CHANGED}`)).status).toBe(404);
  });

  it('an IRI only past releases describe stays a TimeGate: 404 now, 302 to its memento for a past date', async () => {
    const now = await t.get('/ontology/0.1.0', { headers: { accept: 'text/turtle' } });
    expect(now.status).toBe(404);
    expect(now.headers.get('link')).toContain('</timemap/ontology/0.1.0>; rel="timemap"');
    const past = await t.get('/ontology/0.1.0', { headers: { 'accept-datetime': 'Wed, 02 Dec 2026 12:00:00 GMT' } });
    expect(past.status).toBe(302);
    expect(past.headers.get('location')).toBe('/version/0.2.1/ontology/0.1.0');
  });
});

describe('every versioned description is its release’s dump restricted to the resource', () => {
  it('the releases differ where the data changed: 0.2.1 reads the remedy as addressing an obstacle 0.3.0 withdrew', async () => {
    const withdrawn = `<${BASE}${CHANGED}> <${BASE}ontology#addresses> <${BASE}id/statement/w1-a-government-13>`;
    expect(await (await t.get(`/version/0.2.1/${CHANGED}.nt`)).text()).toContain(withdrawn);
    expect(await (await t.get(`/version/0.3.0/${CHANGED}.nt`)).text()).not.toContain(withdrawn);
  });

  it('for each resource, each release that describes it, each RDF format (rdflib, isomorphic)', async () => {
    const entries: Array<{ dump: string; iri: string; file: string; format: string }> = [];
    for (const path of RESOURCES) {
      for (const [version] of RELEASES) {
        for (const [mediaType, suffix, format] of FORMATS) {
          const response = await t.get(`/version/${version}/${path}.${suffix}`);
          if (path === RESOURCES[4] && version !== '0.3.0') { expect(response.status).toBe(404); continue; }
          expect(response.status, `/version/${version}/${path}.${suffix}`).toBe(200);
          expect(response.headers.get('content-type')!.split(';')[0]).toBe(mediaType);
          expect(response.headers.get('memento-datetime')).toBe(DATETIME.get(version));
          const file = join(scratch, `${version}-${path.replace(/\//g, '_')}.${suffix}`);
          writeFileSync(file, Buffer.from(await response.arrayBuffer()));
          entries.push({ dump: join(DIST, version, 'asm-kg.nq'), iri: `${BASE}${path}`, file, format });
        }
      }
    }
    expect(entries).toHaveLength(RESOURCES.length * 4 * FORMATS.length - 3 * FORMATS.length);
    const run = await python(join(ROOT, 'test/support/memento_restriction.py'), JSON.stringify(entries));
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as Array<{ file: string; isomorphic: boolean; why: string }>;
    expect(results.filter((r) => !r.isomorphic)).toEqual([]);
    expect(results).toHaveLength(entries.length);
  }, 300_000);
});

/**
 * RFC 6690's grammar, strictly (with the line break after each comma that RFC 7089's TimeMaps have):
 * link-value = "<" URI-Reference ">" *( ";" link-param ), link-param = parmname [ "=" ( ptoken / quoted-string ) ].
 */
function parseLinkFormat(text: string): Array<{ uri: string; params: Record<string, string> }> {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split(',\n').map((value) => {
    const match = /^<([^<>\s"]*)>((?:;[a-z0-9!#$&+.^_`|~-]+(?:=(?:"[^"\\]*"|[!#$%&'()*+\-./0-9:<=>?@A-Z[\]^_`a-z{|}~]+))?)*)$/.exec(value);
    expect(match, value).not.toBeNull();
    const params: Record<string, string> = {};
    for (const param of match![2]!.matchAll(/;([^=;]+)(?:=("[^"]*"|[^;]+))?/g)) {
      expect(params[param[1]!], `${param[1]} twice in ${value}`).toBeUndefined();
      params[param[1]!] = (param[2] ?? '').replace(/^"(.*)"$/, '$1');
    }
    return { uri: match![1]!, params };
  });
}

describe('TimeMaps', () => {
  it.each(RESOURCES)('%s: strict link-format, every memento with its datetime', async (path) => {
    const response = await t.get(`/timemap/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/link-format');
    const links = parseLinkFormat(await response.text());
    const versions = path === RESOURCES[4] ? ['0.3.0'] : RELEASES.map(([v]) => v);
    const mementoRel = (i: number) => [i === 0 ? 'first' : '', i === versions.length - 1 ? 'last' : '', 'memento'].filter(Boolean).join(' ');
    expect(links).toEqual([
      { uri: `/${path}`, params: { rel: 'original' } },
      { uri: `/timemap/${path}`, params: { rel: 'self', type: 'application/link-format', from: DATETIME.get(versions[0]!)!, until: DATETIME.get(versions.at(-1)!)! } },
      { uri: `/${path}`, params: { rel: 'timegate' } },
      ...versions.map((v, i) => ({ uri: `/version/${v}/${path}`, params: { rel: mementoRel(i), datetime: DATETIME.get(v)! } })),
    ]);
    // Each datetime is what the memento itself says.
    for (const link of links.filter((l) => l.params.datetime !== undefined)) {
      expect((await t.get(link.uri, { headers: { accept: 'text/turtle' } })).headers.get('memento-datetime')).toBe(link.params.datetime);
    }
  });

  it('an IRI no release describes has no TimeMap', async () => {
    const response = await t.get('/timemap/id/statement/nope');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(`404 Not Found: no release describes ${BASE}id/statement/nope, so it has no TimeMap\n`);
  });
});
