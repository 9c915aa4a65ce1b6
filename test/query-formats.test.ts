/**
 * The output formats (src/serialize/sparql-results/): every SELECT and ASK format parses back to the answer the engine
 * gave (with readers written from the W3C specifications, test/support/sparql-results.ts), and every graph
 * format parses back to the same graph (N3.js, jsonld.js; compared canonically). The values come from the
 * built graph and from test/fixtures/query/tricky-values.ttl, which holds the characters each format escapes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser } from 'n3';
import jsonld from 'jsonld';
import canonize from 'rdf-canonize';
import type * as RDF from '@rdfjs/types';
import { loadGraph } from '../src/query/load-graph.js';
import { query } from '../src/query/engine.js';
import { formatResult, defaultFormat, type ResultFormat } from '../src/serialize/sparql-results/format-result.js';
import type { BindingRow, QueryGraph, QueryResult } from '../src/query/types.js';
import { vocabulary } from '../src/core/iri.js';
import { UsageError } from '../src/core/errors.js';
import { parseCsv, parseJsonResults, parseTsvResults, parseXmlResults, type ParsedBindings } from './support/sparql-results.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/query');
const PREFIXES = vocabulary().prefixes;

let graph: QueryGraph;
let tricky: Extract<QueryResult, { type: 'bindings' }>;
let obstacles: Extract<QueryResult, { type: 'bindings' }>;

beforeAll(async () => {
  graph = await loadGraph({ sources: [join(FIXTURES, 'tricky-values.ttl')] });
  tricky = await select(readFileSync(join(FIXTURES, 'tricky-values.rq'), 'utf8'));
  obstacles = await select(readFileSync(join(import.meta.dirname, '..', 'queries', 'obstacles-by-workshop.rq'), 'utf8'));
}, 60_000);

async function select(text: string): Promise<Extract<QueryResult, { type: 'bindings' }>> {
  const result = await query(graph, text);
  if (result.type !== 'bindings') throw new Error('expected a SELECT');
  return result;
}

/** A term as text that is the same for every RDF/JS implementation. */
function key(term: RDF.Term): string {
  switch (term.termType) {
    case 'Literal': return `"${term.value}"@${term.language}^^${term.datatype.value}`;
    case 'BlankNode': return `_:${term.value}`;
    default: return `<${term.value}>`;
  }
}

const keyed = (variables: string[], rows: BindingRow[]): Array<Record<string, string>> =>
  rows.map((row) => Object.fromEntries(variables.filter((v) => row[v]).map((v) => [v, key(row[v]!)])));

function expectSameAnswer(parsed: ParsedBindings | boolean, result: Extract<QueryResult, { type: 'bindings' }>): void {
  if (typeof parsed === 'boolean') throw new Error('expected bindings');
  expect(parsed.variables).toEqual(result.variables);
  expect(keyed(parsed.variables, parsed.rows)).toEqual(keyed(result.variables, result.rows));
}

describe('SELECT results', () => {
  it('hold the tricky values the fixture states (a guard on the fixture itself)', () => {
    expect(tricky.rows).toHaveLength(15);
    const lines = tricky.rows.find((r) => r.subject!.value.endsWith('#lines'))!.value!;
    expect(lines.value).toBe('first line\nsecond line\r\nthird line');
    expect(tricky.rows.filter((r) => r.label !== undefined)).toHaveLength(1);
  });

  describe.each([['tricky values', () => tricky], ['obstacles-by-workshop', () => obstacles]] as const)('%s', (_, answer) => {
    it('JSON parses back to the same answer', async () => {
      expectSameAnswer(parseJsonResults(await formatResult(answer(), 'json', PREFIXES)), answer());
    });

    it('XML parses back to the same answer', async () => {
      expectSameAnswer(parseXmlResults(await formatResult(answer(), 'xml', PREFIXES)), answer());
    });

    it('TSV parses back to the same answer', async () => {
      expectSameAnswer(parseTsvResults(await formatResult(answer(), 'tsv', PREFIXES)), answer());
    });

    it('CSV parses back to the same values (CSV keeps no datatypes or languages)', async () => {
      const [header, ...records] = parseCsv(await formatResult(answer(), 'csv', PREFIXES));
      expect(header).toEqual(answer().variables);
      const value = (term: RDF.Term | undefined): string => (term === undefined ? '' : term.termType === 'BlankNode' ? `_:${term.value}` : term.value);
      expect(records).toEqual(answer().rows.map((row) => answer().variables.map((v) => value(row[v]))));
    });
  });

  it('JSON writes the W3C term objects', async () => {
    const json = JSON.parse(await formatResult(tricky, 'json', PREFIXES)) as { results: { bindings: Array<Record<string, object>> } };
    const bySubject = (local: string): Record<string, object> =>
      json.results.bindings.find((b) => (b.subject as { value: string }).value === `http://example.org/tricky#${local}`)!;
    // N3.js reads language tags in lower case (they are case-insensitive): en-GB in the fixture.
    expect(bySubject('english').value).toEqual({ type: 'literal', value: 'colour', 'xml:lang': 'en-gb' });
    expect(bySubject('date').value).toEqual({ type: 'literal', value: '2026-11-26', datatype: 'http://www.w3.org/2001/XMLSchema#date' });
    expect(bySubject('comma').value).toEqual({ type: 'literal', value: 'a, b, c' });
    expect((bySubject('blank').value as { type: string }).type).toBe('bnode');
  });

  it('a table lines up prefixed names and texts, and counts the rows', async () => {
    const result = await select(`PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
      PREFIX stk: <https://w3id.org/asm-kg/id/stakeholder/>
      SELECT ?stakeholder ?label WHERE { ?stakeholder skos:broader stk:civil-society ; skos:prefLabel ?label } ORDER BY ?label`);
    // data/editorial/stakeholders.ttl: the three actors under civil society.
    expect(await formatResult(result, 'table', PREFIXES)).toBe([
      '?stakeholder              ?label',
      '------------------------  ----------------------------',
      'stk:environmental-groups  environmental groups',
      'stk:ngos                  non-government organizations',
      'stk:religious-sector      religious sector',
      '(3 rows)',
      '',
    ].join('\n'));
  });
});

describe('ASK results', () => {
  const yes: QueryResult = { type: 'boolean', value: true };
  const no: QueryResult = { type: 'boolean', value: false };

  it('JSON and XML parse back to the boolean', async () => {
    expect(parseJsonResults(await formatResult(yes, 'json', PREFIXES))).toBe(true);
    expect(parseJsonResults(await formatResult(no, 'json', PREFIXES))).toBe(false);
    expect(parseXmlResults(await formatResult(yes, 'xml', PREFIXES))).toBe(true);
    expect(parseXmlResults(await formatResult(no, 'xml', PREFIXES))).toBe(false);
  });

  it.each(['table', 'csv', 'tsv'] as const)('%s prints true or false', async (format) => {
    expect(await formatResult(yes, format, PREFIXES)).toBe('true\n');
  });

  it('refuses a graph format', async () => {
    await expect(formatResult(yes, 'turtle', PREFIXES)).rejects.toThrow(UsageError);
  });
});

describe('CONSTRUCT results', () => {
  let constructed: Extract<QueryResult, { type: 'quads' }>;
  beforeAll(async () => {
    const result = await query(graph, `PREFIX asm: <https://w3id.org/asm-kg/ontology#>
      PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
      PREFIX ex: <http://example.org/tricky#>
      CONSTRUCT { ?s ?p ?o . ?statement asm:actor ?actor ; asm:text ?text . ?actor skos:prefLabel ?label }
      WHERE {
        { ?s ?p ?o . FILTER (STRSTARTS(STR(?s), STR(ex:)) || isBlank(?s)) }
        UNION
        { ?statement asm:actor ?actor ; asm:text ?text . ?actor skos:broader* <https://w3id.org/asm-kg/id/stakeholder/civil-society> ; skos:prefLabel ?label }
      }`);
    if (result.type !== 'quads') throw new Error('expected a CONSTRUCT');
    constructed = result;
  });

  const canonical = (quads: RDF.Quad[]): Promise<string> => canonize.canonize(
    quads.map(({ subject, predicate, object }) => ({ subject, predicate, object, graph: DataFactory.defaultGraph() })), { algorithm: 'RDFC-1.0' });

  it('holds the fixture (with its blank node) and statements of the graph', () => {
    expect(constructed.quads.some((q) => q.object.termType === 'BlankNode')).toBe(true);
    expect(constructed.quads.some((q) => q.subject.value.startsWith('https://w3id.org/asm-kg/id/statement/'))).toBe(true);
  });

  it.each([['turtle', 'text/turtle'], ['ntriples', 'N-Triples']] as const)('%s parses back to the same graph', async (format, n3Format) => {
    const text = await formatResult(constructed, format, PREFIXES);
    expect(await canonical(new Parser({ format: n3Format }).parse(text))).toBe(await canonical(constructed.quads));
  });

  it('JSON-LD parses back to the same graph', async () => {
    const text = await formatResult(constructed, 'jsonld', PREFIXES);
    const quads = (await jsonld.toRDF(JSON.parse(text) as object)) as unknown as RDF.Quad[];
    expect(await canonical(quads)).toBe(await canonical(constructed.quads));
  });

  it('Turtle uses the prefixes and declares only those it uses', async () => {
    const text = await formatResult(constructed, 'turtle', PREFIXES);
    expect(text).toMatch(/^@prefix xsd: /m);
    expect(text).not.toMatch(/^@prefix rdf: /m);
    expect(text).toMatch(/^@prefix stk: <https:\/\/w3id\.org\/asm-kg\/id\/stakeholder\/>\.$/m);
    expect(text).not.toMatch(/^@prefix sh: /m);
  });

  it('refuses a solution format', async () => {
    await expect(formatResult(constructed, 'csv', PREFIXES)).rejects.toThrow(UsageError);
  });
});

describe('defaultFormat', () => {
  it.each([
    [{ type: 'bindings', variables: [], rows: [] }, true, 'table'],
    [{ type: 'bindings', variables: [], rows: [] }, false, 'tsv'],
    [{ type: 'boolean', value: true }, true, 'table'],
    [{ type: 'boolean', value: true }, false, 'tsv'],
    [{ type: 'quads', quads: [] }, true, 'turtle'],
    [{ type: 'quads', quads: [] }, false, 'turtle'],
  ] as Array<[QueryResult, boolean, ResultFormat]>)('%o on a terminal %s: %s', (result, terminal, format) => {
    expect(defaultFormat(result, terminal)).toBe(format);
  });
});
