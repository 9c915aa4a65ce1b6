/**
 * loadGraph (src/query/load-graph.ts): the built graph, local files in every format, downloaded documents
 * and SPARQL endpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { builtGraphPath, loadGraph } from '../src/query/load-graph.js';
import { query } from '../src/query/engine.js';
import { QuerySourceError, SyntaxInputError } from '../src/core/errors.js';
import { RELEASE_DIR, ROOT } from './support/project.js';
import { serveDocuments, serveSparqlEndpoint, type LocalServer } from './support/query-servers.js';
import { rejection } from './support/rejection.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/query');
const FORMATS = join(FIXTURES, 'formats');
/** Paths as a user in the project folder types them (the tests run from the project root). */
const local = (path: string): string => relative(process.cwd(), path);

const SURVEY_GRAPH = 'http://example.org/graphs/survey';
const expectedSurvey = [
  '<https://w3id.org/asm-kg/id/stakeholder/government> <http://example.org/survey#respondents> "12"^^<http://www.w3.org/2001/XMLSchema#integer>',
  '<https://w3id.org/asm-kg/id/stakeholder/government> <http://www.w3.org/2000/01/rdf-schema#comment> "surveyed in 2026"@en',
  '<https://w3id.org/asm-kg/id/stakeholder/government> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://example.org/survey/government>',
].sort();

const term = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }): string =>
  t.termType === 'NamedNode' ? `<${t.value}>`
    : t.termType === 'Literal' ? `"${t.value}"${t.language ? `@${t.language}` : `^^<${t.datatype!.value}>`}` : `_:${t.value}`;

/** The triples of the store's named graphs in N-Triples form (graph names apart), and the graphs they are in. */
function contents(store: Store): { triples: string[]; graphs: string[] } {
  const quads = store.getQuads(null, null, null, null).filter((q) => q.graph.termType !== 'DefaultGraph');
  return {
    triples: quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`).sort(),
    graphs: [...new Set(quads.map((q) => q.graph.value))].sort(),
  };
}

describe('loadGraph', () => {
  it('loads the built graph, every quad of the N-Quads dump in its named graph', async () => {
    const graph = await loadGraph();
    const dump = join(RELEASE_DIR, 'asm-kg.nq');
    const lines = readFileSync(dump, 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(graph.size).toBe(lines.length);
    expect(graph.sources).toEqual([dump]);
    expect(graph.endpoints).toEqual([]);
    const graphs = contents(graph.store).graphs;
    for (const name of ['statements', 'editorial', 'provenance', 'ontology']) expect(graphs).toContain(`https://w3id.org/asm-kg/graph/${name}`);
  });

  it('fills the default graph with the merge of the named graphs, each triple once', async () => {
    const graph = await loadGraph({ sources: [join(FORMATS, 'survey.ttl'), join(FORMATS, 'survey.nq')] });
    const named = graph.store.getQuads(null, null, null, null).filter((q) => q.graph.termType !== 'DefaultGraph');
    const merged = graph.store.getQuads(null, null, null, DataFactory.defaultGraph());
    const keys = (quads: Quad[]) => quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`);
    expect(keys(merged).sort()).toEqual([...new Set(keys(named))].sort());
    // The survey is in two sources, so in two named graphs: its triples are once in the default graph.
    expect(keys(merged).filter((k) => expectedSurvey.includes(k)).sort()).toEqual(expectedSurvey);
    expect(merged.length).toBeLessThan(named.length);
    expect((await loadGraph({ mergeDefaultGraph: false })).store.countQuads(null, null, null, DataFactory.defaultGraph())).toBe(0);
  });

  it.each(['ttl', 'nt', 'n3', 'jsonld', 'rdf'])('reads a .%s file into a graph named after the file', async (extension) => {
    const path = join(FORMATS, `survey.${extension}`);
    const graph = await loadGraph({ sources: [local(path)], includeBuilt: false });
    expect(contents(graph.store)).toEqual({ triples: expectedSurvey, graphs: [pathToFileURL(path).href] });
    expect(graph.sources).toEqual([local(path)]);
  });

  it.each(['nq', 'trig'])('reads a .%s file keeping its named graphs', async (extension) => {
    const graph = await loadGraph({ sources: [join(FORMATS, `survey.${extension}`)], includeBuilt: false });
    expect(contents(graph.store)).toEqual({ triples: expectedSurvey, graphs: [SURVEY_GRAPH] });
  });

  it('adds the sources to the built graph', async () => {
    const built = await loadGraph();
    const graph = await loadGraph({ sources: [join(FORMATS, 'survey.ttl'), join(FORMATS, 'survey.nq')] });
    expect(graph.size).toBe(built.size + 2 * expectedSurvey.length);
    expect(graph.sources).toEqual([builtGraphPath(ROOT), join(FORMATS, 'survey.ttl'), join(FORMATS, 'survey.nq')]);
  });

  it('names an unsupported format', async () => {
    const source = local(join(FORMATS, 'survey.csv'));
    await expect(loadGraph({ sources: [source], includeBuilt: false })).rejects.toThrow(new QuerySourceError(source,
      'unsupported format: give a file ending in .ttl, .nt, .nq, .trig, .n3, .jsonld, .json, .rdf, .owl or .xml'));
  });

  it('names a missing file', async () => {
    const error = await rejection<Error>(loadGraph({ sources: ['no-such-file.ttl'] }));
    expect(error).toBeInstanceOf(QuerySourceError);
    expect((error as Error).message).toBe('no-such-file.ttl: no such file');
  });

  describe('with bad files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'asm-kg-load-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('locates bad Turtle to the line', async () => {
      const path = join(folder, 'bad.ttl');
      writeFileSync(path, '@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n  ex:d "unclosed .\n');
      const error = await rejection<SyntaxInputError>(loadGraph({ sources: [path], includeBuilt: false }));
      expect(error).toBeInstanceOf(SyntaxInputError);
      expect([error.file, error.line]).toEqual([path, 4]);
    });

    it('says when JSON-LD is not JSON', async () => {
      const path = join(folder, 'bad.jsonld');
      writeFileSync(path, '{ "@id": ');
      const error = await rejection<Error>(loadGraph({ sources: [path], includeBuilt: false }));
      expect(error).toBeInstanceOf(QuerySourceError);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
    });
  });

  describe('without a usable built graph', () => {
    let root: string;
    beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'asm-kg-root-')); });
    afterAll(() => { rmSync(root, { recursive: true, force: true }); });

    it('says when the folder is not a project', async () => {
      const error = await rejection<Error>(loadGraph({ root }));
      expect(error).toBeInstanceOf(QuerySourceError);
      expect(error.message).toBe(`${join(root, 'data', 'release.json')}: not found: is --root a project folder?`);
    });

    it('says where the built graph should be when it is missing', async () => {
      mkdirSync(join(root, 'data'));
      writeFileSync(join(root, 'data', 'release.json'), readFileSync(join(ROOT, 'data', 'release.json')));
      const error = await rejection<Error>(loadGraph({ root }));
      expect(error).toBeInstanceOf(QuerySourceError);
      expect(error.message).toBe(`${join(join(root, relative(ROOT, RELEASE_DIR)), 'asm-kg.nq')}: the built graph is missing: run \`npm run build\` first`);
    });

    it('locates a damaged dump to its file and line', async () => {
      const dump = join(join(root, relative(ROOT, RELEASE_DIR)), 'asm-kg.nq');
      mkdirSync(dirname(dump), { recursive: true });
      writeFileSync(dump, '<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n');
      const error = await rejection<Error>(loadGraph({ root }));
      expect(error).toBeInstanceOf(SyntaxInputError);
      expect(error.message).toMatch(new RegExp(`^${dump.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: `));
    });
  });
});

describe('loadGraph with http(s) sources', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await serveDocuments({
      '/survey': ['text/turtle; charset=utf-8', readFileSync(join(FORMATS, 'survey.ttl'), 'utf8')],
      '/survey.nt': ['text/plain', readFileSync(join(FORMATS, 'survey.nt'), 'utf8')],
      '/survey-ld': ['application/ld+json', readFileSync(join(FORMATS, 'survey.jsonld'), 'utf8')],
      '/survey-xml': ['application/rdf+xml', readFileSync(join(FORMATS, 'survey.rdf'), 'utf8')],
      '/page': ['text/html', '<html></html>'],
    });
  });
  afterAll(() => server.close());

  it.each(['/survey', '/survey.nt', '/survey-ld', '/survey-xml'])('reads %s by its media type (or, for text/plain, its extension)', async (path) => {
    const graph = await loadGraph({ sources: [`${server.url}${path}`], includeBuilt: false });
    expect(contents(graph.store)).toEqual({ triples: expectedSurvey, graphs: [`${server.url}${path}`] });
  });

  it('asks for RDF formats by Accept and names a media type it cannot read', async () => {
    const url = `${server.url}/page`;
    await expect(loadGraph({ sources: [url], includeBuilt: false })).rejects.toThrow(new QuerySourceError(url, 'unsupported media type text/html'));
  });

  it('names a failed download', async () => {
    const url = `${server.url}/missing.ttl`;
    await expect(loadGraph({ sources: [url], includeBuilt: false })).rejects.toThrow(new QuerySourceError(url, 'download failed: HTTP 404 Not Found'));
  });
});

describe('loadGraph with a SPARQL endpoint', () => {
  let endpoint: LocalServer;
  beforeAll(async () => {
    const store = new Store(new Parser().parse(readFileSync(join(FIXTURES, 'second-source.ttl'), 'utf8')));
    endpoint = await serveSparqlEndpoint(store);
  });
  afterAll(() => endpoint.close());

  it('records sparql: sources as endpoints, and rejects other schemes', async () => {
    const graph = await loadGraph({ sources: [`sparql:${endpoint.url}/sparql`], includeBuilt: false });
    expect(graph.endpoints).toEqual([`${endpoint.url}/sparql`]);
    expect(graph.size).toBe(0);
    await expect(loadGraph({ sources: ['sparql:ftp://example.org/sparql'] })).rejects.toThrow(
      new QuerySourceError('sparql:ftp://example.org/sparql', 'only http and https URLs can be queried'));
  });

  it('joins the built graph with what the endpoint answers', async () => {
    const graph = await loadGraph({ sources: [`sparql:${endpoint.url}/sparql`] });
    const result = await query(graph, readFileSync(join(FIXTURES, 'join-second-source.rq'), 'utf8'));
    expect(result.type).toBe('bindings');
    if (result.type !== 'bindings') return;
    // Labels from data/editorial/stakeholders.ttl, counts from second-source.ttl (stk:not-in-asm-kg has no label).
    expect(result.rows.map((r) => [r.stakeholder!.value, r.label!.value, r.respondents!.value])).toEqual([
      ['https://w3id.org/asm-kg/id/stakeholder/government', 'government', '12'],
      ['https://w3id.org/asm-kg/id/stakeholder/civil-society', 'civil society', '7'],
      ['https://w3id.org/asm-kg/id/stakeholder/ngos', 'non-government organizations', '3'],
    ]);
    expect(endpoint.requests.length).toBeGreaterThan(0);
  }, 30_000);
});
