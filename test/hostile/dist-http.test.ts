/**
 * Finding 12 of the second hostile review: on /dist/, HEAD said `Content-Length: 0` (GET sent 866,025
 * bytes), Range was ignored, and the published `.gz` copies were never sent with Content-Encoding. Files
 * are now sent by @fastify/static (src/serve/routes/dist-files.ts): real requests check HEAD, Range,
 * conditional requests and gzip, and that the media types, security headers and listings stay.
 */
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../fixtures/serve/server.js';
import { sharedServer } from '../fixtures/serve/shared-server.js';
import { DIST } from '../support/project.js';

const FILE = '/dist/0.2.1/asm-kg.nq';
const BYTES = readFileSync(join(DIST, '0.2.1/asm-kg.nq'));

let t: TestServer;
beforeAll(async () => { t = await sharedServer(); }, 180_000);
afterAll(async () => { await t?.close(); });

/** A request with exactly the headers given (fetch adds Accept-Encoding and decodes gzip itself). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/dist/ over HTTP', () => {
  it('answers HEAD with the length GET sends', async () => {
    const head = await raw('HEAD', FILE);
    const get = await raw('GET', FILE);
    expect(head.status).toBe(200);
    expect(get.body.equals(BYTES)).toBe(true);
    expect(head.headers['content-length']).toBe(String(BYTES.length));
    expect(get.headers['content-length']).toBe(String(BYTES.length));
    expect(head.body.length).toBe(0);
  });

  it('answers Range: bytes=0-99 with 206 and those 100 bytes', async () => {
    const response = await raw('GET', FILE, { range: 'bytes=0-99' });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-99/${BYTES.length}`);
    expect(response.body.equals(BYTES.subarray(0, 100))).toBe(true);
  });

  it('answers a conditional request with 304, by ETag and by date', async () => {
    const first = await raw('GET', FILE);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await raw('GET', FILE, { 'if-none-match': etag })).status).toBe(304);
    expect((await raw('GET', FILE, { 'if-modified-since': first.headers['last-modified'] as string })).status).toBe(304);
    expect((await raw('GET', FILE, { 'if-none-match': '"something-else"' })).status).toBe(200);
    // What fetch sends with a conditional request: Cache-Control is for caches, the origin still answers 304.
    expect((await raw('GET', FILE, { 'if-none-match': etag, 'cache-control': 'no-cache', pragma: 'no-cache' })).status).toBe(304);
    expect((await t.get(FILE, { headers: { 'if-none-match': (await t.get(FILE)).headers.get('etag')! } })).status).toBe(304);
  });

  it('sends the published .gz copy with Content-Encoding: gzip to a client that accepts it, the same bytes once decoded', async () => {
    const response = await raw('GET', FILE, { 'accept-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe('application/n-quads; charset=utf-8');
    expect(response.headers.vary).toContain('Accept-Encoding');
    expect(response.body.length).toBe(statSync(join(DIST, '0.2.1/asm-kg.nq.gz')).size);
    expect(gunzipSync(response.body).equals(BYTES)).toBe(true);
  });

  it('sends the plain file, with Vary, to a client that does not accept gzip', async () => {
    const response = await raw('GET', FILE, { 'accept-encoding': 'identity' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toContain('Accept-Encoding');
    expect(response.body.equals(BYTES)).toBe(true);
  });

  it('keeps the media types, the caching of released files, the security headers and CORS', async () => {
    const response = await raw('GET', '/dist/0.2.1/asm-kg.ttl', { origin: 'https://example.org' });
    expect(response.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const gz = await raw('GET', '/dist/0.2.1/asm-kg.ttl.gz');
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(gz.headers['content-encoding']).toBeUndefined();
  });

  it('keeps the listing pages and refuses paths that leave dist/', async () => {
    const listing = await raw('GET', '/dist/0.2.1/');
    expect(listing.status).toBe(200);
    expect(listing.body.toString()).toContain('<a href="asm-kg.nq">asm-kg.nq</a>');
    expect((await raw('GET', '/dist/0.2.1')).status).toBe(301);
    expect((await raw('GET', '/dist/%2e%2e/package.json')).status).toBe(404);
    expect((await raw('GET', '/dist/0.2.1/asm-kg.nq/')).status).toBe(404);
  });
});
