/**
 * The query runner of the query processes (src/query/runners/comunica.ts): its parse cache is bounded in
 * bytes, and it answers in text/html only with the HTML results page serve gives it (render/html-answer.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadGraph } from '../src/query/load-graph.js';
import { hashKey } from '../src/query/query-key.js';
import { QueryRunner } from '../src/query/runners/comunica.js';
import type { QueryTask } from '../src/query/runners/types.js';
import { htmlAnswers } from '../src/render/html-answer.js';
import { ROOT } from './support/project.js';

describe('QueryRunner', () => {
  it('keeps parsed queries within parseCacheBytes, however large and many the queries', async () => {
    const graph = await loadGraph({ root: ROOT });
    const limit = 4 * 1024 * 1024;
    const runner = new QueryRunner(graph.store, { base: 'https://w3id.org/asm-kg/', allowService: [], maxRows: 100, parseCacheBytes: limit });
    for (let i = 0; i < 12; i++) {
      // 100 KB each: 0.1.0 kept up to 512 parses, whatever their size.
      const query = `SELECT ?n WHERE { BIND(${i} AS ?n) FILTER(STR(?n) != "${'x'.repeat(100_000)}") }`;
      const outcome = await runner.run({ query, key: hashKey(query), formats: { select: 'text/csv' } });
      expect(outcome).toMatchObject({ ok: true, form: 'SELECT', mediaType: 'text/csv', rows: 1 });
      expect(runner.parseCacheBytes).toBeLessThanOrEqual(limit);
    }
    expect(runner.parseCacheBytes).toBeGreaterThan(0);
  }, 60_000);

  describe('text/html', () => {
    const base = 'https://w3id.org/asm-kg/';
    const htmlTask = (query: string): QueryTask => ({ query, key: hashKey(query), formats: { select: 'text/html', ask: 'text/html' } });
    const select = 'SELECT ?w WHERE { ?w a <https://w3id.org/asm-kg/ontology#Workshop> } ORDER BY ?w LIMIT 1';

    it('is not offered by a runner given no HTML results page: the outcome lists what is', async () => {
      const graph = await loadGraph({ root: ROOT });
      const runner = new QueryRunner(graph.store, { base, allowService: [], maxRows: 100 });
      for (const query of [select, 'ASK { ?s ?p ?o }']) {
        expect(await runner.run(htmlTask(query))).toEqual({
          ok: false, kind: 'not-acceptable',
          message: query === select
            ? 'none of the formats this result can be given in is acceptable; the Accept header may ask for: application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values, application/json, application/xml'
            : 'none of the formats this result can be given in is acceptable; the Accept header may ask for: application/sparql-results+json, application/sparql-results+xml, application/json, application/xml',
        });
      }
    }, 60_000);

    it('is the results page, its IRIs linked and labelled from the graph, with the HTML page serve gives', async () => {
      const graph = await loadGraph({ root: ROOT });
      const runner = new QueryRunner(graph.store, { base, allowService: [], maxRows: 100, html: htmlAnswers(base) });
      const solutions = await runner.run(htmlTask(select));
      expect(solutions).toMatchObject({ ok: true, form: 'SELECT', mediaType: 'text/html', rows: 1 });
      const page = new TextDecoder().decode((solutions as { body: Uint8Array }).body);
      expect(page).toContain('<h1>Query results</h1>');
      expect(page).toMatch(/<a href="\/id\/workshop\/1"[^>]*>[^<]*Workshop 1[^<]*<\/a>/);
      const asked = await runner.run(htmlTask('ASK { ?s ?p ?o }'));
      expect(new TextDecoder().decode((asked as { body: Uint8Array }).body)).toContain('<p class="boolean">true</p>');
    }, 60_000);
  });
});
