/**
 * The counting suite (test/counting/) on every engine but the browser's (test/browser/counting.test.ts):
 * Comunica through the query API and the CLI, `serve` on Oxigraph and on Comunica, and Virtuoso 7 behind
 * `serve --backend`, loaded by `load --into`. The expected answers come from expected.py (rdflib walking the
 * dump's triples, no SPARQL). The default graph is the merge of the named graphs, a set: 189 statements,
 * never 255; and COUNT(*), dist/void.ttl, the service description and the Graph Store's ?default agree on
 * its size.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInto } from '../src/load-into/load.js';
import { query } from '../src/query/engine.js';
import { builtGraphPath, loadGraph } from '../src/query/load-graph.js';
import type { QueryResult } from '../src/query/types.js';
import { answersOf, multiset, QUESTIONS, rowsOfJson, type Rows } from './counting/questions.js';
import { startServer, type TestServer } from './fixtures/serve/server.js';
import { ROOT } from './support/project.js';
import { startVirtuoso, type Virtuoso } from './support/virtuoso.js';

const DUMP = builtGraphPath(ROOT);
const expected = answersOf(DUMP);
const VOID = 'http://rdfs.org/ns/void#';
const SD = 'http://www.w3.org/ns/sparql-service-description#';

function rowsOf(result: QueryResult): Rows {
  if (result.type !== 'bindings') throw new Error(`rows expected, got ${result.type}`);
  return result.rows.map((row) => result.variables.map((v) => row[v]?.value ?? ''));
}

/** Asks every question of an endpoint (SPARQL JSON) and compares the rows with expected.py's, as multisets. */
function askEndpoint(name: string, server: () => TestServer): void {
  it.each(QUESTIONS.map((q) => [q.id, q] as const))(`${name}: %s`, async (_id, q) => {
    const response = await server().get('/sparql', {
      method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: q.query,
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(200);
    expect(multiset(rowsOfJson(text))).toEqual(multiset(expected[q.id]!));
  }, 120_000);
}

/** The default graph's size as the server states it: the service description and the Graph Store's ?default. */
async function statedSizes(server: TestServer): Promise<{ serviceDescription: number; graphStore: number }> {
  const description = await (await server.get('/sparql', { headers: { accept: 'text/turtle' } })).text();
  const quads = new Parser({ baseIRI: server.url }).parse(description);
  const defaultGraph = quads.find((q) => q.predicate.value === `${SD}defaultGraph`)!.object;
  const triples = quads.find((q) => q.subject.equals(defaultGraph) && q.predicate.value === `${VOID}triples`)!.object.value;
  const dump = await server.get('/rdf-graph-store?default', { headers: { accept: 'application/n-triples' } });
  expect(dump.status).toBe(200);
  return { serviceDescription: Number(triples), graphStore: new Parser({ format: 'N-Triples' }).parse(await dump.text()).length };
}

describe('the expected answers (expected.py)', () => {
  it('count the statements of the source, each once', () => {
    expect(expected.statements).toEqual([['189', '189']]);
    // The default graph's size that dist/void.ttl states (computed by the build from the files).
    const voidTriples = /void:triples (\d+);\s*$/m.exec(readFileSync(join(ROOT, 'dist', 'void.ttl'), 'utf8').split('void:rootResource')[1]!)?.[1];
    expect(expected['triples-in-default-graph']).toEqual([[voidTriples]]);
  });
});

describe('Comunica (the query API, the CLI)', () => {
  let graph: Awaited<ReturnType<typeof loadGraph>>;
  beforeAll(async () => { graph = await loadGraph(); }, 60_000);

  it.each(QUESTIONS.map((q) => [q.id, q] as const))('query(): %s', async (_id, q) => {
    expect(multiset(rowsOf(await query(graph, q.query)))).toEqual(multiset(expected[q.id]!));
  }, 60_000);

  it('asm-kg query counts 189 statements, not one per named graph that types them (255)', () => {
    const output = execFileSync('node', [join(ROOT, 'lib', 'cli.js'), 'query', '-', '--format', 'csv'], {
      input: 'PREFIX asm: <https://w3id.org/asm-kg/ontology#> SELECT (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE { ?s a asm:Statement }',
      encoding: 'utf8',
    });
    expect(output).toBe('n,d\r\n189,189\r\n');
  }, 60_000);

  it('keeps a query\'s own FROM: the default graph is then the graph it names', async () => {
    const from = rowsOf(await query(graph, 'SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/asm-kg/graph/links> WHERE { ?s ?p ?o }'));
    expect(from).toEqual(expected['triples-per-graph']!.filter(([g]) => g === 'https://w3id.org/asm-kg/graph/links').map(([, n]) => [n!]));
  }, 60_000);
});

describe.each(['oxigraph', 'comunica'] as const)('asm-kg serve on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    const previous = process.env.ASM_KG_SERVE_ENGINE;
    process.env.ASM_KG_SERVE_ENGINE = engine; // read by the query process the pool starts
    try { server = await startServer({ timeoutMs: 120_000, cache: false }); } finally {
      if (previous === undefined) delete process.env.ASM_KG_SERVE_ENGINE; else process.env.ASM_KG_SERVE_ENGINE = previous;
    }
  }, 120_000);
  afterAll(async () => { await server?.close(); });

  askEndpoint(engine, () => server);

  it('states the size COUNT(*) counts, in the service description and the Graph Store', async () => {
    const size = Number(expected['triples-in-default-graph']![0]![0]);
    expect(await statedSizes(server)).toEqual({ serviceDescription: size, graphStore: size });
  }, 60_000);
});

describe('Virtuoso 7 behind serve --backend, loaded by load --into', () => {
  let virtuoso: Virtuoso;
  let server: TestServer;
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    await loadInto({
      gspUrl: virtuoso.gspUrl, updateUrl: virtuoso.sparqlUrl.replace(/\/sparql$/, '/sparql-auth'),
      credentials: { user: virtuoso.user, password: virtuoso.password }, dump: DUMP,
    });
    server = await startServer({ backend: virtuoso.sparqlUrl, timeoutMs: 120_000, cache: false });
  }, 240_000);
  afterAll(async () => { await server?.close(); await virtuoso?.stop(); });

  askEndpoint('virtuoso', () => server);

  it('states the size COUNT(*) counts, in the service description and the Graph Store', async () => {
    const size = Number(expected['triples-in-default-graph']![0]![0]);
    expect(await statedSizes(server)).toEqual({ serviceDescription: size, graphStore: size });
  }, 60_000);
});
