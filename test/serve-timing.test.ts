/**
 * Evaluation time is visible: an answer computed by a query process carries `Server-Timing: eval;dur=<ms>`
 * (the evaluation as the process measured it), a cached answer does not, and a browser client on another
 * origin may read the header (CORS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './fixtures/serve/server.js';

let t: TestServer;
beforeAll(async () => { t = await startServer(); }, 180_000);
afterAll(async () => { await t?.close(); });

const JSON_RESULTS = { accept: 'application/sparql-results+json' };
const get = (query: string) => t.get(`/sparql?query=${encodeURIComponent(query)}`, { headers: { ...JSON_RESULTS, origin: 'http://example.org' } });

describe('Server-Timing', () => {
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
