/** The query runner of the query processes (src/query/runners/comunica.ts): its parse cache is bounded in bytes. */
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../src/query/load-graph.js';
import { hashKey, normaliseQuery } from '../src/query/query-key.js';
import { QueryRunner } from '../src/query/runners/comunica.js';
import { ROOT } from './support/project.js';

describe('QueryRunner', () => {
  it('keeps parsed queries within parseCacheBytes, however large and many the queries', async () => {
    const graph = await loadGraph({ root: ROOT });
    const limit = 4 * 1024 * 1024;
    const runner = new QueryRunner(graph.store, { base: 'https://w3id.org/asm-kg/', allowService: [], maxRows: 100, parseCacheBytes: limit });
    for (let i = 0; i < 12; i++) {
      // 100 KB each: 0.1.0 kept up to 512 parses, whatever their size.
      const query = `SELECT ?n WHERE { BIND(${i} AS ?n) FILTER(STR(?n) != "${'x'.repeat(100_000)}") }`;
      const outcome = await runner.run({ query, key: hashKey(normaliseQuery(query)), formats: { select: 'text/csv' } });
      expect(outcome).toMatchObject({ ok: true, form: 'SELECT', mediaType: 'text/csv', rows: 1 });
      expect(runner.parseCacheBytes).toBeLessThanOrEqual(limit);
    }
    expect(runner.parseCacheBytes).toBeGreaterThan(0);
  }, 60_000);
});
