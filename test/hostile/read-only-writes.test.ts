/**
 * Finding 15 of the second hostile review: a Graph Store write with a Turtle body got 415 (no parser for
 * the body), where the documentation says 405. The Graph Store and /sparql are read-only, so the method
 * is refused whatever the body: 405 with Allow, answered before the body is looked at
 * (src/serve/routes/method-not-allowed.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';

let t: TestServer;
beforeAll(async () => { t = await sharedServer(); }, 180_000);
afterAll(async () => { await t?.close(); });

const BODIES: Array<[string, Record<string, string>, string | undefined]> = [
  ['a Turtle body', { 'content-type': 'text/turtle' }, '<http://a> <http://b> <http://c> .'],
  ['an N-Triples body', { 'content-type': 'application/n-triples' }, '<http://a> <http://b> <http://c> .\n'],
  ['a JSON-LD body', { 'content-type': 'application/ld+json' }, '{"@id": "http://a"}'],
  ['a body of an unknown type', { 'content-type': 'application/x-nothing' }, 'x'],
  ['no body', {}, undefined],
];
const GRAPH_STORE = 'the graph store is read-only: only GET and HEAD are accepted';
const SPARQL = 'this endpoint is read-only: SPARQL Update is not accepted; queries are sent by GET or POST';

describe('writes to a read-only server get 405, whatever the body', () => {
  const cases = [
    ...['PUT', 'POST', 'DELETE', 'PATCH'].flatMap((method) => BODIES.map(([name, headers, body]) =>
      [`${method} /rdf-graph-store?default with ${name}`, method, '/rdf-graph-store?default', headers, body, GRAPH_STORE, 'GET, HEAD, OPTIONS'] as const)),
    ...['PUT', 'DELETE', 'PATCH'].flatMap((method) => BODIES.map(([name, headers, body]) =>
      [`${method} /sparql with ${name}`, method, '/sparql', headers, body, SPARQL, 'GET, HEAD, POST, OPTIONS'] as const)),
  ];
  it.each(cases)('%s', async (_name, method, path, headers, body, message, allow) => {
    const response = await t.get(path, { method, headers, body });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await response.text()).toBe(`405 Method Not Allowed: ${message}\n`);
  });

  it('still answers a GET of the Graph Store', async () => {
    const response = await t.get('/rdf-graph-store?default', { headers: { accept: 'application/n-triples' } });
    expect(response.status).toBe(200);
  });
});
