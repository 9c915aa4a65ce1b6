/**
 * Every RDF/XML the project writes reads back as the graph it was written from, with two independent
 * readers: Raptor (libraptor2, the library `rapper -i rdfxml -o ntriples` runs, compared with rdf-canonize's
 * canonical N-Quads) and Python rdflib (compared with rdflib.compare.isomorphic). The reference is the same graph in N-Triples,
 * Turtle or N-Quads (graph names dropped). Covered: blank-node fixtures through the writer serve uses,
 * every served description kind, CONSTRUCT and DESCRIBE answers with blank nodes from a real server, every
 * `.rdf` file of a site build (the run's shared one), and the dumps of every version in dist/. One server, one
 * Python process for Raptor and one for rdflib, for all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { DataFactory, Parser, type Quad } from 'n3';
import canonize from 'rdf-canonize';
import { quadsToNTriples, quadsToRdfXml } from '../src/serialize/quads.js';
import { toRdfXml } from '../src/serialize/rdfxml.js';
import { readRelease } from '../src/core/release.js';
import { startServer, type TestServer } from './fixtures/serve/server.js';
import { sharedSite } from './support/shared-builds.js';
import { DIST, ROOT } from './support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const VERSION = readRelease(ROOT).version;
const PYTHON = '/usr/bin/python3';
const RAPTOR_READER = join(import.meta.dirname, 'support/raptor-read-rdfxml.py');
const run = promisify(execFile);
const { namedNode, blankNode, literal, quad } = DataFactory;

type Format = 'turtle' | 'ntriples' | 'nquads';
interface Case {
  group: 'fixture' | 'served' | 'query' | 'site' | 'dump';
  name: string;
  rdfxml: string;
  expected: string;
  format: Format;
  /** Why no RDF/XML was had (the writer threw, the server refused). */
  error?: string;
}

/** Blank nodes in every position RDF/XML has a form for, and IRIs and literals that are hard to write in XML. */
const FIXTURES: Record<string, string> = {
  'a typed blank node object (the issue\'s CONSTRUCT)': '<urn:ex:s> <urn:ex:p> [ a <urn:ex:C> ] .',
  'a typed blank node with two types and properties': `@prefix ex: <http://example.org/ns#> .
ex:s ex:p [ a ex:C, ex:D ; ex:q "v" ; ex:r ex:o ] .`,
  'nested blank nodes, typed and untyped': `@prefix ex: <http://example.org/ns#> .
ex:s ex:p [ ex:q [ a ex:C ; ex:r [ ex:t "deep" ; ex:u [ a ex:D ] ] ] ] ; ex:v [ ] .`,
  'an RDF list of IRIs, literals and blank nodes': `@prefix ex: <http://example.org/ns#> .
ex:s ex:list ( ex:a "b" 3 [ ex:c ex:d ] ( ex:inner ) ) .`,
  'a list longer than the writer nests': `@prefix ex: <http://example.org/ns#> .
ex:s ex:list ( ${Array.from({ length: 30 }, (_, i) => `"item ${i}"`).join(' ')} ) .`,
  'rdf:type on blank subjects, shared and unreferenced blank nodes': `@prefix ex: <http://example.org/ns#> .
_:shared a ex:Shared ; ex:name "shared" .
ex:s1 ex:p _:shared . ex:s2 ex:p _:shared .
_:alone a ex:Alone, ex:Second ; ex:name "alone"@en .
_:empty ex:p _:target . ex:s3 ex:p _:target .`,
  'cycles of blank nodes referenced once': `@prefix ex: <http://example.org/ns#> .
_:a ex:next _:b . _:b ex:next _:c . _:c ex:next _:a ; a ex:C .
_:self ex:next _:self .`,
  'literals with language, datatype and characters XML escapes': `@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:s ex:en "colour"@en-GB ; ex:de "Straße"@de ; ex:n "2.50"^^xsd:decimal ; ex:d "2026-12-07"^^xsd:date ;
  ex:explicit "plain"^^xsd:string ; ex:custom "x"^^<urn:ex:datatype> ;
  ex:markup "a & b < c > d \\"quoted\\" ]]> end" ; ex:lines "one\\r\\ntwo\\tthree\\n" ; ex:emoji "⛏ 😀" ;
  ex:blank [ ex:text "inside <b>" ; ex:lang "dentro"@it ] .`,
  'IRIs whose local part cannot be an XML name, and urn: IRIs': `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:ex:s> <urn:ex:p> <urn:ex:o> ; <http://example.org/1p> "leading digit" ; <http://example.org/a%20b> "percent" ;
  <http://example.org/x#-y> "dash" ; <http://example.org/path/q.r> "dot" ; <urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66#v> 1 ;
  a <http://example.org/types/> , <http://example.org/2Type> , <urn:ex:Type> .
<http://example.org/s/> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Description> ; <urn:ex:p> [ a <http://example.org/t/> ; <urn:ex:q> "q" ] .`,
  'rdf: terms that are allowed as names': `@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<urn:ex:bag> a rdf:Bag ; rdf:_1 "one" ; rdf:_2 [ a rdf:Statement ; rdf:subject <urn:ex:s> ; rdf:predicate <urn:ex:p> ; rdf:object "o" ] .
<urn:ex:p> a rdf:Property ; rdf:value "v" .`,
  'a document long enough to be streamed, with blank nodes': `@prefix ex: <http://example.org/ns#> .
${Array.from({ length: 40 }, (_, i) => `ex:s${i} ex:title "A title long enough to fill some of a line ${i}"@en ; ex:part [ a ex:Part ; ex:n ${i} ] .`).join('\n')}`,
};

/** The blank-node graph added to the server's data: a resource under the base, its own named graph. */
const BLANK_GRAPH = `${BASE}graph/blank-nodes`;
const BLANK_RESOURCE = `${BASE}id/fixture/blank-nodes`;
const BLANK_NQUADS = `<${BLANK_RESOURCE}> <http://purl.org/dc/terms/title> "A resource with blank nodes"@en <${BLANK_GRAPH}> .
<${BLANK_RESOURCE}> <urn:ex:part> _:part <${BLANK_GRAPH}> .
_:part <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Part> <${BLANK_GRAPH}> .
_:part <urn:ex:label> "part one"@en <${BLANK_GRAPH}> .
_:part <urn:ex:sub> _:sub <${BLANK_GRAPH}> .
_:sub <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Sub> <${BLANK_GRAPH}> .
_:sub <urn:ex:weight> "2.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <${BLANK_GRAPH}> .
<${BLANK_RESOURCE}> <urn:ex:shared> _:shared <${BLANK_GRAPH}> .
<${BLANK_RESOURCE}> <urn:ex:alsoShared> _:shared <${BLANK_GRAPH}> .
_:shared <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Shared> <${BLANK_GRAPH}> .
`;

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-rdfxml-'));
let server: TestServer;
const cases: Case[] = [];
/** Per case: what went wrong with each reader ('' when it read back the expected graph). */
const rapperProblems = new Map<Case, string>();
const rdflibProblems = new Map<Case, string>();

/** A scratch project for serve: this release's data plus the blank-node graph. */
function blankNodeRoot(): string {
  const root = join(scratch, 'serve-root');
  mkdirSync(join(root, 'data'), { recursive: true });
  mkdirSync(join(root, 'dist', VERSION), { recursive: true });
  copyFileSync(join(ROOT, 'data/release.json'), join(root, 'data/release.json'));
  for (const name of ['void.ttl', 'dcat.ttl']) copyFileSync(join(DIST, name), join(root, 'dist', name));
  writeFileSync(join(root, 'dist', VERSION, 'asm-kg.nq'), readFileSync(join(DIST, VERSION, 'asm-kg.nq'), 'utf8') + BLANK_NQUADS);
  // The earlier releases' dumps, as published: serve describes each resource as every release did (Memento).
  for (const version of readdirSync(DIST).filter((name) => /^\d+\.\d+\.\d+$/.test(name) && name !== VERSION)) {
    mkdirSync(join(root, 'dist', version), { recursive: true });
    copyFileSync(join(DIST, version, 'asm-kg.nq'), join(root, 'dist', version, 'asm-kg.nq'));
  }
  return root;
}

/** The same URL in RDF/XML and N-Triples (redirects followed, as a client does). */
async function served(group: Case['group'], name: string, path: string, init: RequestInit = {}): Promise<void> {
  const get = async (accept: string) => {
    const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), accept } });
    const text = await response.text();
    const type = response.headers.get('content-type')?.split(';')[0];
    return response.status === 200 && type === accept ? { text } : { text: '', error: `${path} as ${accept} gave ${response.status} ${type}: ${text.slice(0, 300)}` };
  };
  const [rdfxml, expected] = [await get('application/rdf+xml'), await get('application/n-triples')];
  if (expected.error !== undefined) throw new Error(`${name}: ${expected.error}`);
  cases.push({ group, name, rdfxml: rdfxml.text, expected: expected.text, format: 'ntriples', ...(rdfxml.error === undefined ? {} : { error: rdfxml.error }) });
}

/** The writer's RDF/XML of the quads, or the error it threw. */
async function written(quads: Quad[], prefixes: Record<string, string>): Promise<{ rdfxml: string; error?: string }> {
  try {
    return { rdfxml: await quadsToRdfXml(quads, prefixes) };
  } catch (error) {
    return { rdfxml: '', error: `the writer threw: ${(error as Error).message}` };
  }
}

const sparql = (query: string) => `/sparql?query=${encodeURIComponent(query)}`;

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(suffix)).map((name) => join(dir, name)).sort();
}

/**
 * Raptor reads every RDF/XML file: its library, libraptor2 (what `rapper -i rdfxml -o ntriples` runs), loaded
 * once in one Python process (test/support/raptor-read-rdfxml.py) rather than one rapper process per file,
 * some two thousand, whose start-up was most of the cost. Its N-Triples are compared here as canonical N-Quads.
 */
async function checkWithRapper(checked: Case[], files: string[]): Promise<void> {
  // A guard against a hung reader, generous for a busy machine.
  const list = join(scratch, 'rdfxml-files.txt');
  writeFileSync(list, files.join('\n'));
  const { stdout } = await run(PYTHON, [RAPTOR_READER, list], { timeout: 480_000, maxBuffer: 64 * 1024 * 1024 });
  const reports = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as string[]);
  if (reports.length !== files.length) throw new Error(`Raptor reported on ${reports.length} of ${files.length} files`);
  await Promise.all(checked.map(async (c, i) => {
    const file = files[i]!;
    if (reports[i]!.length > 0) { rapperProblems.set(c, `Raptor: ${reports[i]!.join(' | ')}`); return; }
    const readQuads = new Parser({ format: 'N-Triples' }).parse(readFileSync(`${file}.rapper.nt`, 'utf8'));
    const expectedQuads = parseExpected(c);
    if (sameTriplesWithoutBlankNodes(readQuads, expectedQuads)) { rapperProblems.set(c, ''); return; }
    const read = await canonical(readQuads);
    const expected = await canonical(expectedQuads);
    rapperProblems.set(c, read === expected ? '' : `rapper read another graph:\n${lineDiff(read, expected)}`);
  }));
}

function parseExpected(c: Case): Quad[] {
  const format = { turtle: 'Turtle', ntriples: 'N-Triples', nquads: 'N-Quads' }[c.format];
  return new Parser({ format }).parse(c.expected);
}

const tripleKey = (q: Quad) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`;

/**
 * Whether two graphs without blank nodes hold the same triples (graph names dropped): for them that is
 * what canonical N-Quads would compare, without rdf-canonize's work. False for anything else (blank nodes,
 * or a difference), which canonical() then decides and shows.
 */
function sameTriplesWithoutBlankNodes(a: Quad[], b: Quad[]): boolean {
  const blank = (q: Quad) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode';
  if (a.some(blank) || b.some(blank)) return false;
  const inA = new Set(a.map(tripleKey));
  const inB = new Set(b.map(tripleKey));
  return inA.size === inB.size && [...inA].every((key) => inB.has(key));
}

/** Canonical N-Quads of the triples (graph names dropped, each triple once). */
async function canonical(quads: Quad[]): Promise<string> {
  const triples = new Map<string, Quad>();
  for (const q of quads) triples.set(`${q.subject.termType}${q.subject.value} ${q.predicate.value} ${q.object.id}`, quad(q.subject, q.predicate, q.object));
  // Cycles of blank nodes need more than rdf-canonize's default work limit (a guard against hostile input).
  return canonize.canonize([...triples.values()], { algorithm: 'RDFC-1.0', maxWorkFactor: Infinity });
}

function lineDiff(read: string, expected: string): string {
  const a = new Set(read.split('\n'));
  const b = new Set(expected.split('\n'));
  const only = (x: Set<string>, y: Set<string>) => [...x].filter((line) => !y.has(line)).slice(0, 3).join('\n    ');
  return `  only read:\n    ${only(a, b)}\n  only expected:\n    ${only(b, a)}`;
}

/**
 * rdflib reads every file and compares graphs with rdflib.compare.isomorphic, in two Python processes (every
 * other RDF/XML text each: parsing is most of the work, and the dumps at the end are shared out). The cases
 * of one text (a dump against its Turtle and against its N-Quads) go to the same process, which reads that
 * text once.
 */
async function checkWithRdflib(checked: Case[], files: string[]): Promise<void> {
  const manifest = checked.map((c, i) => ({ rdf: files[i], expected: `${files[i]}.expected`, format: c.format }));
  const texts = new Map<string, number>();
  const halfOf = checked.map((c) => {
    if (!texts.has(c.rdfxml)) texts.set(c.rdfxml, texts.size);
    return texts.get(c.rdfxml)! % 2;
  });
  const halves = [0, 1].map((half) => {
    const manifestFile = join(scratch, `manifest-${half}.json`);
    writeFileSync(manifestFile, JSON.stringify(manifest.filter((_, i) => halfOf[i] === half)));
    return manifestFile;
  });
  const script = `import json, sys, rdflib
from rdflib.compare import isomorphic, to_isomorphic, graph_diff
from rdflib.namespace import XSD
rdflib.NORMALIZE_LITERALS = False  # compare lexical forms as written
XSD_STRING = XSD.string  # looked up once: a namespace's attribute is built anew on every access
def rdf11(graph):
    # RDF 1.1: a simple literal is an xsd:string, and language tags compare in lower case (N3.js lowers
    # them as it reads); rdflib keeps both apart. The triples as a set.
    triples = set()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal):
            if o.datatype == XSD_STRING:
                o = rdflib.Literal(str(o))
            elif o.language:
                o = rdflib.Literal(str(o), lang=o.language.lower())
        triples.add((s, p, o))
    return triples
def as_graph(triples):
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(triple)
    return graph
def has_blank_nodes(triples):
    return any(isinstance(s, rdflib.BNode) or isinstance(o, rdflib.BNode) for s, _, o in triples)
def same_graph(read, expected):
    # The same triples are the same graph; without blank nodes, only the same triples are (isomorphic()
    # would hash every triple to find that out).
    if read == expected:
        return True
    if not has_blank_nodes(read) and not has_blank_nodes(expected):
        return False
    return isomorphic(as_graph(read), as_graph(expected))
out = []
reads = {}  # the triples read from each RDF/XML text, by its bytes: a text given twice is read once
for case in json.load(open(sys.argv[1])):
    try:
        with open(case['rdf'], 'rb') as file:
            text = file.read()
        read = reads.get(text)
        if read is None:
            graph = rdflib.Graph()
            graph.parse(case['rdf'], format='xml', publicID='http://base.invalid/')
            read = reads[text] = rdf11(graph)
        expected = rdflib.Graph()
        if case['format'] == 'nquads':
            dataset = rdflib.Dataset()
            dataset.parse(case['expected'], format='nquads')
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                expected.add((s, p, o))
        else:
            expected.parse(case['expected'], format={'turtle': 'turtle', 'ntriples': 'nt'}[case['format']])
        expected = rdf11(expected)
        if same_graph(read, expected):
            out.append('')
        else:
            _, only_read, only_expected = graph_diff(to_isomorphic(as_graph(read)), to_isomorphic(as_graph(expected)))
            out.append('rdflib read another graph (%d triples, expected %d): only read %s; only expected %s' % (
                len(read), len(expected), sorted(str(t) for t in list(only_read)[:3]), sorted(str(t) for t in list(only_expected)[:3])))
    except Exception as error:
        out.append('rdflib failed: %s: %s' % (type(error).__name__, error))
print(json.dumps(out))`;
  const results = await Promise.all(halves.map(async (manifestFile) => {
    const { stdout } = await run(PYTHON, ['-c', script, manifestFile], { timeout: 480_000, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as string[];
  }));
  const answered = [0, 0];
  checked.forEach((c, i) => rdflibProblems.set(c, results[halfOf[i]!]![answered[halfOf[i]!]!++]!));
}

beforeAll(async () => {
  // A generous time limit: DESCRIBE starts Comunica, slow on a busy machine.
  server = await startServer({ root: blankNodeRoot(), timeoutMs: 120_000 });
  const site = (await sharedSite()).dir;

  for (const [name, turtle] of Object.entries(FIXTURES)) {
    const quads = new Parser({ format: 'Turtle' }).parse(turtle);
    cases.push({ group: 'fixture', name, ...await written(quads, {}), expected: turtle, format: 'turtle' });
  }
  // A store's blank node labels need not be XML names (Oxigraph's are hex and may start with a digit).
  const storeLabels = [
    quad(namedNode('urn:ex:s'), namedNode('urn:ex:p'), blankNode('0f3a9c')),
    quad(blankNode('0f3a9c'), namedNode('urn:ex:q'), blankNode('1-b.c')),
    quad(namedNode('urn:ex:t'), namedNode('urn:ex:p'), blankNode('1-b.c')),
    quad(blankNode('1-b.c'), namedNode('urn:ex:r'), literal('x')),
  ];
  cases.push({ group: 'fixture', name: 'blank node labels that are not XML names', ...await written(storeLabels, { ex: 'urn:ex:' }), expected: quadsToNTriples(storeLabels), format: 'ntriples' });

  // Every kind of description the server gives, and the Graph Store.
  await served('served', '/dataset', '/dataset');
  await served('served', `/dataset/${VERSION}`, `/dataset/${VERSION}`);
  await served('served', 'the service description', '/sparql');
  await served('served', 'a resource', '/id/statement/w1-b-2');
  await served('served', 'a resource with blank nodes', '/id/fixture/blank-nodes');
  await served('served', 'a graph', '/graph/links');
  await served('served', 'a graph with blank nodes', '/graph/blank-nodes');
  await served('served', 'the Graph Store, a graph with blank nodes', `/rdf-graph-store?graph=${encodeURIComponent(BLANK_GRAPH)}`);
  await served('served', 'the Graph Store, the default graph', '/rdf-graph-store?default');
  // CONSTRUCT and DESCRIBE answers with blank nodes, by GET and by POST.
  await served('query', 'CONSTRUCT of a typed blank node with urn: IRIs', sparql('CONSTRUCT { <urn:ex:s> <urn:ex:p> [ a <urn:ex:C> ] } WHERE {}'));
  await served('query', 'CONSTRUCT of a blank node per solution', sparql(`CONSTRUCT { ?s <urn:ex:note> [ a <urn:ex:Note> ; <urn:ex:label> ?label ; <urn:ex:of> [ <urn:ex:graph> ?g ] ] }
WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } } ORDER BY ?s ?label ?g LIMIT 25`));
  await served('query', 'CONSTRUCT of a graph with blank nodes', '/sparql', {
    method: 'POST', body: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${BLANK_GRAPH}> { ?s ?p ?o } }`, headers: { 'content-type': 'application/sparql-query' },
  });
  await served('query', 'DESCRIBE of a resource with blank nodes', sparql(`DESCRIBE <${BLANK_RESOURCE}>`));
  await served('query', 'DESCRIBE of a resource', sparql(`DESCRIBE <${BASE}id/workshop/1>`));

  // Every .rdf file of the site beside its N-Triples (a description) or Turtle (a dump).
  for (const file of filesUnder(site, '.rdf')) {
    const stem = file.slice(0, -'.rdf'.length);
    const sibling = existsSync(`${stem}.nt`) ? { path: `${stem}.nt`, format: 'ntriples' as const } : { path: `${stem}.ttl`, format: 'turtle' as const };
    cases.push({ group: 'site', name: relative(site, file), rdfxml: readFileSync(file, 'utf8'), expected: readFileSync(sibling.path, 'utf8'), format: sibling.format });
  }
  // The dumps of every version in dist/, against their Turtle and their N-Quads (the graphs merged).
  for (const version of readdirSync(DIST).filter((name) => /^\d+\.\d+\.\d+$/.test(name)).sort()) {
    const rdfxml = readFileSync(join(DIST, version, 'asm-kg.rdf'), 'utf8');
    cases.push({ group: 'dump', name: `${version}/asm-kg.rdf ~ asm-kg.ttl`, rdfxml, expected: readFileSync(join(DIST, version, 'asm-kg.ttl'), 'utf8'), format: 'turtle' });
    cases.push({ group: 'dump', name: `${version}/asm-kg.rdf ~ asm-kg.nq`, rdfxml, expected: readFileSync(join(DIST, version, 'asm-kg.nq'), 'utf8'), format: 'nquads' });
  }

  // A site writes many documents at several paths (a resource's description at /id/… and, unchanged, under
  // /version/<v>/ for each release that has it): a third of its .rdf files repeat another's bytes, with the
  // same expected text beside them. Each reader reads each distinct (RDF/XML, expected text, format) once;
  // every case with those texts gets that reading's outcome, as reading its own bytes again would give.
  const distinct = new Map<string, Case>();
  const sameTexts = (c: Case) => JSON.stringify([c.format, c.rdfxml, c.expected]);
  for (const c of cases) if (!distinct.has(sameTexts(c))) distinct.set(sameTexts(c), c);
  const read = [...distinct.values()];
  const dir = join(scratch, 'cases');
  mkdirSync(dir);
  const files = read.map((c, i) => {
    const file = join(dir, `${i}.rdf`);
    writeFileSync(file, c.rdfxml);
    writeFileSync(`${file}.expected`, c.expected);
    return file;
  });
  await Promise.all([checkWithRapper(read, files), checkWithRdflib(read, files)]);
  for (const c of cases) {
    const first = distinct.get(sameTexts(c))!;
    rapperProblems.set(c, rapperProblems.get(first)!);
    rdflibProblems.set(c, rdflibProblems.get(first)!);
  }
  for (const c of cases.filter((x) => x.error !== undefined)) {
    rapperProblems.set(c, c.error!);
    rdflibProblems.set(c, c.error!);
  }
}, 900_000);

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

/** The cases of a group that a reader did not read back as their graph, with what went wrong. */
function problems(group: Case['group'], reader: Map<Case, string>): string[] {
  return cases.filter((c) => c.group === group && reader.get(c) !== '').map((c) => `${c.name}: ${reader.get(c) ?? 'not checked'}`);
}

const hasBlankNodes = (c: Case) => parseExpected(c).some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode');

describe.each([['rapper', rapperProblems], ['rdflib', rdflibProblems]] as const)('RDF/XML read back by %s is the graph it was written from', (_reader, reader) => {
  it('blank-node and XML-name fixtures, through the writer serve and the site use', () => {
    expect(cases.filter((c) => c.group === 'fixture')).toHaveLength(Object.keys(FIXTURES).length + 1);
    expect(problems('fixture', reader)).toEqual([]);
  });

  it('every served description kind and the Graph Store', () => {
    expect(cases.filter((c) => c.group === 'served' && hasBlankNodes(c)).map((c) => c.name)).toEqual(expect.arrayContaining(['/dataset', `/dataset/${VERSION}`, 'the service description', 'a graph with blank nodes']));
    expect(problems('served', reader)).toEqual([]);
  });

  it('CONSTRUCT and DESCRIBE answers with blank nodes', () => {
    expect(cases.filter((c) => c.group === 'query' && hasBlankNodes(c))).toHaveLength(4);
    expect(problems('query', reader)).toEqual([]);
  });

  it('every .rdf file of a site build', () => {
    const site = cases.filter((c) => c.group === 'site');
    expect(site.length).toBeGreaterThanOrEqual(374);
    // dataset.rdf, dataset/<version>.rdf and each distribution's document have blank nodes.
    expect(site.filter(hasBlankNodes).length).toBeGreaterThanOrEqual(20);
    expect(problems('site', reader)).toEqual([]);
  });

  it('the dumps of every version in dist/', () => {
    expect(cases.filter((c) => c.group === 'dump').length).toBeGreaterThanOrEqual(6);
    expect(problems('dump', reader)).toEqual([]);
  });
});

describe('what RDF/XML cannot hold is refused, naming it', () => {
  const write = (triple: Quad) => toRdfXml([triple], {});
  it.each([
    ['urn:isbn:123', 'RDF/XML cannot write the predicate <urn:isbn:123>: RDF/XML writes a predicate as an XML element name, and no XML name (NCName) ends this IRI'],
    ['http://example.org/p/', 'RDF/XML cannot write the predicate <http://example.org/p/>: RDF/XML writes a predicate as an XML element name, and no XML name (NCName) ends this IRI'],
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#li', 'RDF/XML cannot write the predicate <http://www.w3.org/1999/02/22-rdf-syntax-ns#li>: it is one of RDF/XML\'s own syntax names'],
  ])('the predicate <%s>', async (predicate, message) => {
    await expect(write(quad(namedNode('urn:ex:s'), namedNode(predicate), literal('o')))).rejects.toThrow(message);
  });

  it('a literal with a character XML 1.0 cannot hold', async () => {
    await expect(write(quad(namedNode('urn:ex:s'), namedNode('urn:ex:p'), literal('bell \u0007')))).rejects
      .toThrow('RDF/XML cannot write the literal of <urn:ex:s> <urn:ex:p>: it holds U+0007, which XML 1.0 does not allow');
  });

  it('the server answers such a CONSTRUCT with the reason, and the same CONSTRUCT as Turtle', async () => {
    const path = sparql('CONSTRUCT { <urn:ex:s> <urn:isbn:123> 1 } WHERE {}');
    const response = await fetch(`${server.url}${path}`, { headers: { accept: 'application/rdf+xml' } });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('RDF/XML cannot write the predicate <urn:isbn:123>');
    const turtle = await fetch(`${server.url}${path}`, { headers: { accept: 'text/turtle' } });
    expect(turtle.status).toBe(200);
  });
});
