/**
 * The server's Oxigraph runner (src/query/runners/oxigraph.ts) answers like the Comunica runner
 * (src/query/runners/comunica.ts) over the same fresh build: every catalogue case in SPARQL JSON (parsed and
 * compared as the differential test does), the other formats, and what it hands to Comunica (SERVICE,
 * DESCRIBE) with Comunica's own outcome, and the refusals it answers itself (syntax errors, formats) in
 * Comunica's words. No departure: since 0.2.1 the data writes xsd:decimal literals canonically, as
 * Oxigraph gives them back.
 */
import { readFileSync } from 'node:fs';
import { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMergedDefaultGraph } from '../../src/query/default-graph.js';
import { OxigraphEngine } from '../../src/query/oxigraph-engine.js';
import { bindingsToJson } from '../../src/serialize/sparql-results/results-json.js';
import { OxigraphRunner, projected } from '../../src/query/runners/oxigraph.js';
import { parseQuery } from '../../src/query/parse-query.js';
import { hashKey } from '../../src/query/query-key.js';
import { QueryRunner } from '../../src/query/runners/comunica.js';
import { htmlAnswers } from '../../src/render/html-answer.js';
import type { QueryTask, TaskOutcome } from '../../src/query/runners/types.js';
import { parseJsonResults } from '../support/sparql-results.js';
import { catalogueCases, freshRelease, readQuads, termKey, withValues } from './engines.js';

const BASE = 'https://w3id.org/asm-kg/';
// With the server's HTML results page, as serve gives it to the runners (serve/pool/evaluate.ts).
const CONFIG = { base: BASE, allowService: [], maxRows: 10_000, html: htmlAnswers(BASE) };

const task = (query: string, formats: QueryTask['formats'] = { select: 'application/sparql-results+json', ask: 'application/sparql-results+json', graph: 'application/n-triples' }): QueryTask =>
  ({ query, key: hashKey(query), formats });

/** The dump in an N3 store for the Comunica runner, its default graph the merge (as evaluate.ts loads it). */
function comunicaStore(path: string): Store {
  const store = new Store(readQuads(path));
  addMergedDefaultGraph(store);
  return store;
}

const text = (outcome: TaskOutcome) => (outcome.ok ? new TextDecoder().decode(outcome.body) : outcome.message);

/** A SELECT/ASK JSON body as comparable rows (in order when the query orders them). */
function rows(body: string, ordered: boolean): unknown {
  const parsed = parseJsonResults(body);
  if (typeof parsed === 'boolean') return parsed;
  const keys = parsed.rows.map((row) => JSON.stringify(parsed.variables.map((v) => (row[v] ? termKey(row[v]!) : null))));
  return { variables: parsed.variables, rows: ordered ? keys : keys.sort() };
}

/**
 * What a SPARQL JSON outcome says, in order: Oxigraph writes its own SPARQL JSON (without our writer's
 * white space), so bodies are compared as results, with the row count the outcome reports.
 */
function meaning(outcome: TaskOutcome): unknown {
  if (!outcome.ok) return outcome.message;
  return { mediaType: outcome.mediaType, rows: outcome.rows, results: rows(text(outcome), true) };
}

describe('OxigraphRunner answers like the Comunica runner', () => {
  let release: Awaited<ReturnType<typeof freshRelease>>;
  let comunica: QueryRunner;
  let oxigraph: OxigraphRunner;
  let engine: OxigraphEngine;
  // The dump loaded once for the file: the runners below only read the stores, so the tests that need a
  // runner of their own (another row limit, a Comunica that counts its starts) build it over these two.
  let store: Store;

  beforeAll(async () => {
    release = await freshRelease();
    store = comunicaStore(release.path('asm-kg.nq'));
    comunica = new QueryRunner(store, CONFIG);
    engine = OxigraphEngine.fromNQuads(readFileSync(release.path('asm-kg.nq'), 'utf8'));
    oxigraph = new OxigraphRunner(engine, CONFIG, { comunica: async () => comunica });
  }, 600_000);

  afterAll(() => release?.cleanup());

  describe.each(catalogueCases().map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it('gives the same answer', async () => {
      const query = withValues(c);
      const [a, b] = [await oxigraph.run(task(query)), await comunica.run(task(query))];
      expect(a.ok ? 'ok' : a.message).toBe('ok');
      expect(b.ok ? 'ok' : b.message).toBe('ok');
      if (c.form === 'CONSTRUCT') {
        expect(text(a).split('\n').sort()).toEqual(text(b).split('\n').sort());
        return;
      }
      expect(rows(text(a), c.ordered)).toEqual(rows(text(b), c.ordered));
    });
  });

  // Since Oxigraph writes a SELECT's SPARQL JSON itself (query/runners/oxigraph.ts), its document must say exactly
  // what our writer says over Oxigraph's terms (the path before): the same JSON value, key order aside.
  describe.each(catalogueCases().filter((c) => c.form === 'SELECT').map((c) => [c.id, c] as const))('%s in SPARQL JSON', (_id, c) => {
    it('is the JSON value our writer gives, with its row count', async () => {
      const query = withValues(c);
      const terms = engine.query(query, { baseIri: BASE, form: 'SELECT', variables: projected(parseQuery(query, BASE).operation) });
      if (terms.type !== 'bindings') throw new Error('not bindings');
      const ours = bindingsToJson(terms.variables, terms.rows);
      for (const mediaType of ['application/sparql-results+json', 'application/json']) {
        const outcome = await oxigraph.run(task(query, { select: mediaType }));
        if (!outcome.ok) throw new Error(outcome.message);
        expect(JSON.parse(text(outcome))).toEqual(JSON.parse(ours));
        expect(outcome).toMatchObject({ mediaType, rows: terms.rows.length });
      }
    });
  });

  it.each([
    ['text/csv'], ['text/tab-separated-values'], ['application/sparql-results+xml'], ['text/html'],
  ])('writes %s like the Comunica runner', async (mediaType) => {
    const query = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#> SELECT ?s ?text WHERE { ?s asm:text ?text ; asm:position ?p } ORDER BY ?s LIMIT 25';
    const [a, b] = [await oxigraph.run(task(query, { select: mediaType })), await comunica.run(task(query, { select: mediaType }))];
    expect(text(a)).toBe(text(b));
    expect(a).toMatchObject({ ok: true, mediaType, rows: 25 });
  });

  it('hands SERVICE, DESCRIBE, a syntax error and an unacceptable format to Comunica, with its outcome', async () => {
    for (const [query, formats] of [
      ['SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }', undefined],
      ['DESCRIBE <https://w3id.org/asm-kg/id/workshop/1>', undefined],
      ['SELECT * WHERE { ?s ?p }', undefined],
      ['ASK { ?s ?p ?o }', { select: 'text/csv' }],
    ] as const) {
      const [a, b] = [await oxigraph.run(task(query, formats)), await comunica.run(task(query, formats))];
      expect({ ...a, ms: 0 }).toEqual({ ...b, ms: 0 });
    }
  });

  it('answers syntax errors, updates, refused SERVICE endpoints and unacceptable formats without starting Comunica', async () => {
    let started = 0;
    const alone = new OxigraphRunner(engine, CONFIG, {
      comunica: async () => { started++; return comunica; },
    });
    for (const [query, formats] of [
      ['SELECT * WHERE { ?s ?p }', undefined],
      ['SELECT * WHERE { ?s ?p ?o', undefined],
      ['SELECT * WHERE { ?s foo:bar ?o }', undefined],
      ['INSERT DATA { <http://a> <http://b> <http://c> }', undefined],
      ['SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }', undefined],
      ['ASK { ?s ?p ?o }', { select: 'text/csv' }],
    ] as const) {
      const [a, b] = [await alone.run(task(query, formats)), await comunica.run(task(query, formats))];
      expect(a.ok).toBe(false);
      expect(a).toEqual(b);
    }
    expect(started).toBe(0);
    expect(alone.comunicaStarted).toBe(false);
    expect((await alone.run(task('DESCRIBE <https://w3id.org/asm-kg/id/workshop/1>'))).ok).toBe(true);
    expect(started).toBe(1);
  });

  it('stops a SELECT at the row limit inside Oxigraph, keeping its own LIMIT and OFFSET', async () => {
    const small = { ...CONFIG, maxRows: 10 };
    const limited = new OxigraphRunner(engine, small, { comunica: async () => new QueryRunner(store, small) });
    const reference = new QueryRunner(store, small);
    const ordered = 'SELECT ?s ?o WHERE { ?s <https://w3id.org/asm-kg/ontology#position> ?o } ORDER BY ?s';
    for (const query of [
      // Millions of rows: answered by the row limit at once, not built whole.
      'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }',
      `${ordered} LIMIT 10 OFFSET 5`, `${ordered} OFFSET 5 LIMIT 11`, `${ordered} LIMIT 3`,
      `${ordered} VALUES ?o { 1 2 }`,
      'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p HAVING (COUNT(*) > 1) # a comment at the end',
    ]) {
      const [a, b] = [await limited.run(task(query)), await reference.run(task(query))];
      expect(meaning(a), query).toEqual(meaning(b));
    }
  });

  it('refuses a result over the row limit with the Comunica runner\'s message', async () => {
    const small = { ...CONFIG, maxRows: 10 };
    const limited = new OxigraphRunner(engine, small, { comunica: async () => new QueryRunner(store, small) });
    for (const query of ['SELECT * WHERE { ?s ?p ?o }', 'CONSTRUCT WHERE { ?s ?p ?o }']) {
      const [a, b] = [await limited.run(task(query)), await new QueryRunner(store, small).run(task(query))];
      expect(a).toEqual({ ok: false, kind: 'rows', message: b.ok ? 'ok' : b.message });
    }
  });

  it('keeps the request dataset (default-graph-uri) and the query\'s FROM apart from the merged default graph', async () => {
    const cases: Array<[string, QueryTask['dataset']]> = [
      ['SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', { defaultGraphs: [`${BASE}graph/ontology`], namedGraphs: [] }],
      [`SELECT (COUNT(*) AS ?n) FROM <${BASE}graph/links> WHERE { ?s ?p ?o }`, undefined],
      ['SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g', undefined],
      ['SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', undefined],
    ];
    for (const [query, dataset] of cases) {
      const t = { ...task(query), dataset };
      expect(meaning(await oxigraph.run(t))).toEqual(meaning(await comunica.run(t)));
    }
  });
});
