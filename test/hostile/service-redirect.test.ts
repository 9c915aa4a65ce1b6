/**
 * Finding 3 of the second hostile review: with --allow-service URL, a 302 from the allowed endpoint was
 * followed to any host, and the error reported that host's status. A redirect is now followed only when
 * its target is itself an allowed endpoint (src/query/service-fetch.ts); the error names no other host.
 * Two loopback servers: the allowed endpoint, and another that must never be called.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../fixtures/serve/server.js';
import { post, startHostileServer } from './hostile-server.js';

const RESULTS = JSON.stringify({ head: { vars: ['name'] }, results: { bindings: [{ name: { type: 'literal', value: 'from the second allowed endpoint' } }] } });

/** A loopback server counting its requests by path. */
async function loopback(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url!.split('?')[0]!);
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

let other: Awaited<ReturnType<typeof loopback>>;
let allowed: Awaited<ReturnType<typeof loopback>>;
let t: TestServer;
beforeAll(async () => {
  // The host an attacker wants the server to call: it answers anything with results, so a followed redirect would succeed.
  other = await loopback((_request, response) => { response.writeHead(200, { 'content-type': 'application/sparql-results+json' }); response.end(RESULTS); });
  allowed = await loopback((request, response) => {
    const path = request.url!.split('?')[0]!;
    const query = request.url!.slice(path.length);
    // /elsewhere/sparql sends every request to the other host; /hop/sparql to /final/sparql on itself (allowed too).
    if (path === '/elsewhere/sparql') response.writeHead(302, { location: `${other.url}/redirected-target${query}` }).end();
    else if (path === '/hop/sparql') response.writeHead(307, { location: `/final/sparql${query}` }).end();
    else { response.writeHead(200, { 'content-type': 'application/sparql-results+json' }); response.end(RESULTS); }
  });
  t = await startHostileServer({ workers: 1, spares: 0, timeoutMs: 60_000, allowService: [`${allowed.url}/elsewhere/sparql`, `${allowed.url}/hop/sparql`, `${allowed.url}/final/sparql`] });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await Promise.all([other, allowed].map((s) => new Promise((resolve) => s?.server.close(resolve))));
});

describe('SERVICE and redirects', () => {
  it('does not follow a redirect from an allowed endpoint to another host, and names no other host', async () => {
    const response = await post(t, `SELECT ?name WHERE { SERVICE <${allowed.url}/elsewhere/sparql> { ?x <http://example.org/name> ?name } }`, 'application/sparql-results+json');
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).toContain(`SERVICE <${allowed.url}/elsewhere/sparql> answered with a redirect (302) to an address that is not an allowed SERVICE endpoint; redirects are followed only to allowed endpoints`);
    expect(text).not.toContain(other.url.replace('http://', ''));
    expect(text).not.toContain('redirected-target');
    expect(other.hits).toEqual([]);
    expect(allowed.hits.length).toBeGreaterThan(0);
  }, 120_000);

  it('follows a redirect whose target is itself an allowed endpoint', async () => {
    const response = await post(t, `SELECT ?name WHERE { SERVICE <${allowed.url}/hop/sparql> { ?x <http://example.org/name> ?name } }`, 'application/sparql-results+json');
    expect(response.status).toBe(200);
    const json = (await response.json()) as { results: { bindings: Array<{ name: { value: string } }> } };
    expect(json.results.bindings.map((b) => b.name.value)).toEqual(['from the second allowed endpoint']);
    expect(allowed.hits).toContain('/final/sparql');
    expect(other.hits).toEqual([]);
  }, 120_000);
});
