/**
 * The server's Oxigraph runner (src/serve/oxigraph-runner.ts) answers like the Comunica runner
 * (src/serve/run-query.ts) over the same fresh build: every catalogue case in SPARQL JSON (parsed and
 * compared as the differential test does), the other formats, and what it hands to Comunica (SERVICE,
 * DESCRIBE, syntax errors) with Comunica's own outcome. The one departure is the catalogue's: Oxigraph gives
 * xsd:decimal literals back in canonical form (DECIMAL_DEPARTURE).
 */
import { readFileSync } from 'node:fs';
import { Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OxigraphEngine } from '../../src/query/oxigraph-engine.js';
import { OxigraphRunner } from '../../src/serve/oxigraph-runner.js';
import { hashKey, normaliseQuery } from '../../src/serve/query-key.js';
import { QueryRunner, type QueryTask, type TaskOutcome } from '../../src/serve/run-query.js';
import { parseJsonResults } from '../support/sparql-results.js';
import { catalogueCases, freshRelease, readQuads, termKey, withValues } from './engines.js';

const BASE = 'https://w3id.org/asm-kg/';
const CONFIG = { base: BASE, allowService: [], maxRows: 10_000 };
/** Queries whose answers hold xsd:decimal literals written non-canonically in the data ("1.000"). */
const DECIMAL_DEPARTURE = new Set(['echoes']);

const task = (query: string, formats: QueryTask['formats'] = { select: 'application/sparql-results+json', ask: 'application/sparql-results+json', graph: 'application/n-triples' }): QueryTask =>
  ({ query, key: hashKey(normaliseQuery(query)), formats });

const text = (outcome: TaskOutcome) => (outcome.ok ? new TextDecoder().decode(outcome.body) : outcome.message);

/** A SELECT/ASK JSON body as comparable rows (in order when the query orders them). */
function rows(body: string, ordered: boolean, canonicalDecimals: boolean): unknown {
  const parsed = parseJsonResults(body);
  if (typeof parsed === 'boolean') return parsed;
  const keys = parsed.rows.map((row) => JSON.stringify(parsed.variables.map((v) => {
    if (!row[v]) return null;
    const key = termKey(row[v]!);
    const decimal = /^"([^"]*)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#decimal>$/.exec(key);
    return canonicalDecimals && decimal ? `decimal:${Number(decimal[1])}` : key;
  })));
  return { variables: parsed.variables, rows: ordered ? keys : keys.sort() };
}

describe('OxigraphRunner answers like the Comunica runner', () => {
  let release: Awaited<ReturnType<typeof freshRelease>>;
  let comunica: QueryRunner;
  let oxigraph: OxigraphRunner;

  beforeAll(async () => {
    release = await freshRelease();
    const store = new Store(readQuads(release.path('asm-kg.nq')));
    comunica = new QueryRunner(store, CONFIG);
    oxigraph = new OxigraphRunner(OxigraphEngine.fromNQuads(readFileSync(release.path('asm-kg.nq'), 'utf8')), store, CONFIG, comunica);
  }, 120_000);

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
      const canonicalDecimals = DECIMAL_DEPARTURE.has(c.name);
      expect(rows(text(a), c.ordered, canonicalDecimals)).toEqual(rows(text(b), c.ordered, canonicalDecimals));
      if (canonicalDecimals) expect(rows(text(a), c.ordered, false), 'the decimal departure no longer happens: remove it').not.toEqual(rows(text(b), c.ordered, false));
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

  it('refuses a result over the row limit with the Comunica runner\'s message', async () => {
    const small = { ...CONFIG, maxRows: 10 };
    const store = new Store(readQuads(release.path('asm-kg.nq')));
    const limited = new OxigraphRunner(OxigraphEngine.fromNQuads(readFileSync(release.path('asm-kg.nq'), 'utf8')), store, small, new QueryRunner(store, small));
    for (const query of ['SELECT * WHERE { ?s ?p ?o }', 'CONSTRUCT WHERE { ?s ?p ?o }']) {
      const [a, b] = [await limited.run(task(query)), await new QueryRunner(store, small).run(task(query))];
      expect(a).toEqual({ ok: false, kind: 'rows', message: b.ok ? 'ok' : b.message });
    }
  });

  it('keeps the request dataset (default-graph-uri) and the query\'s FROM apart from the union default graph', async () => {
    const cases: Array<[string, QueryTask['dataset']]> = [
      ['SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', { defaultGraphs: [`${BASE}graph/ontology`], namedGraphs: [] }],
      [`SELECT (COUNT(*) AS ?n) FROM <${BASE}graph/links> WHERE { ?s ?p ?o }`, undefined],
      ['SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g', undefined],
      ['SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', undefined],
    ];
    for (const [query, dataset] of cases) {
      const t = { ...task(query), dataset };
      expect(text(await oxigraph.run(t))).toBe(text(await comunica.run(t)));
    }
  });
});
