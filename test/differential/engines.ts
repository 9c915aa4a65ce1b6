/**
 * The engines of the differential tests, each loaded from the same fresh build's dumps and each answering
 * a catalogue query in one comparable form:
 *
 *   comunica  this package's query() API over the N-Quads dump (an N3 store whose default graph is the merge
 *             of the named graphs, src/query/default-graph.ts);
 *   oxigraph  the oxigraph npm package, in process, the N-Quads dump loaded and its default graph filled
 *             with the merge (the update MERGE_INTO_DEFAULT_GRAPH);
 *   virtuoso  a real Virtuoso 7 (test/support/virtuoso.ts), the N-Quads dump bulk-loaded with the merge in
 *             graph/merged, queried over the SPARQL protocol with graph/merged as default-graph-uri and our
 *             named graphs as named-graph-uri (so the default graph holds each triple once, as on our
 *             endpoint, and Virtuoso's system graphs stay out);
 *   rdflib    Debian's Python rdflib (rdflib-runner.py), a Dataset with default_union over the N-Quads dump
 *             (rdflib's union is a set: each triple once).
 *
 * Parameters: Comunica binds them as initial bindings (our API). Oxigraph and Virtuoso take query text
 * only, so there a parameter becomes a VALUES block at the start of the query's WHERE group, which joins
 * the same way for the catalogue's parameterised queries (the parameter is never inside OPTIONAL or
 * MINUS); rdflib gets initBindings. If the two ways ever differed, the comparison would show it.
 *
 * Answers compare as: SELECT, the variables and the rows (in order when the query has ORDER BY, else as a
 * multiset: a row an engine gives twice is kept twice, so that a default graph that is not a set shows), terms in N-Triples form with blank-node labels dropped; ASK, the boolean; CONSTRUCT, the
 * canonical N-Quads (RDFC-1.0) of the graph.
 */
import type * as RDF from '@rdfjs/types';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import * as oxigraph from 'oxigraph';
import canonize from 'rdf-canonize';
import { listCatalogue } from '../../src/query/catalogue.js';
import { addMergedDefaultGraph, MERGE_INTO_DEFAULT_GRAPH } from '../../src/query/default-graph.js';
import { termKey as sourceTermKey } from '../../src/core/term-key.js';
import { catalogueShape } from '../../src/query/engine-check.js';
import { query } from '../../src/query/engine.js';
import type { QueryGraph } from '../../src/query/types.js';
import { vocabulary } from '../../src/core/iri.js';
import { parseJsonResults } from '../support/sparql-results.js';
import { ROOT } from '../support/project.js';
import { sharedRelease } from '../support/shared-builds.js';
import type { Virtuoso } from '../support/virtuoso.js';

export type EngineName = 'comunica' | 'oxigraph' | 'virtuoso' | 'rdflib';

export type Answer =
  | { kind: 'bindings'; variables: string[]; rows: string[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'graph'; canonical: string; size: number }
  | { kind: 'error'; message: string };

/** One run of a catalogue query: its name, the case (parameter values) and the text. */
export interface CatalogueCase {
  /**
   * "theme-statements" (no parameter bound), "theme-statements--example" (the parameters of
   * test/expected/theme-statements.json) or "theme-statements--child-labour" (of its --child-labour case).
   */
  id: string;
  name: string;
  text: string;
  params: Record<string, RDF.NamedNode | RDF.Literal>;
  ordered: boolean;
  form: 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';
}

/** A parameter value as test/expected writes it: a prefixed name or <IRI> is an IRI, else a plain literal. */
function parameterTerm(value: string): RDF.NamedNode | RDF.Literal {
  if (value.startsWith('<') && value.endsWith('>')) return DataFactory.namedNode(value.slice(1, -1));
  const colon = value.indexOf(':');
  const namespace = colon > 0 ? vocabulary().prefixes[value.slice(0, colon)] : undefined;
  return namespace === undefined ? DataFactory.literal(value) : DataFactory.namedNode(namespace + value.slice(colon + 1));
}

/** The query text without comments, strings and IRIs, for finding its keywords. */
function skeleton(text: string): string {
  return text
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length))
    .replace(/<[^<>"{}|^`\\\s]*>/g, (m) => ' '.repeat(m.length))
    .replace(/#[^\n]*/g, (m) => ' '.repeat(m.length));
}


/**
 * Every catalogue query (src/query/catalogue.ts) with no parameters bound, plus one case per parameter set
 * that test/expected uses (<name>--<case>.json "params"; only the parameters are read from there, never the
 * expected answers, so that the engines are compared with each other while the data changes).
 */
export function catalogueCases(): CatalogueCase[] {
  const expectedDir = join(ROOT, 'test', 'expected');
  const expectedFiles = readdirSync(expectedDir).filter((file) => file.endsWith('.json'));
  const cases: CatalogueCase[] = [];
  for (const entry of listCatalogue(ROOT)) {
    const text = readFileSync(entry.path, 'utf8');
    // The form and the outermost ORDER BY as the build's engine check reads them, with the server's parser.
    const { form, ordered } = catalogueShape({ name: entry.name, path: entry.path, text }, vocabulary().base);
    const seen = new Set<string>();
    const add = (id: string, params: Record<string, string>) => {
      const key = JSON.stringify(Object.entries(params).sort());
      if (seen.has(key)) return;
      seen.add(key);
      cases.push({ id, name: entry.name, text, form, ordered, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, parameterTerm(v)])) });
    };
    add(entry.name, {});
    for (const file of expectedFiles.filter((f) => f === `${entry.name}.json` || f.startsWith(`${entry.name}--`)).sort()) {
      const params = (JSON.parse(readFileSync(join(expectedDir, file), 'utf8')) as { params?: Record<string, string> }).params ?? {};
      const stem = file.slice(0, -'.json'.length);
      add(stem === entry.name ? `${entry.name}--example` : stem, params);
    }
  }
  return cases;
}

/** A term in N-Triples form, blank nodes alike and language tags in lower case (engines differ in both; src/core/term-key.ts). */
export const termKey = (term: RDF.Term): string => sourceTermKey(term, { anonymousBlankNodes: true, foldLanguageCase: true });

function bindingsAnswer(variables: string[], rows: Array<Record<string, RDF.Term>>, ordered: boolean): Answer {
  const keys = rows.map((row) => JSON.stringify(variables.map((v) => (row[v] ? termKey(row[v]!) : null))));
  return { kind: 'bindings', variables, rows: ordered ? keys : keys.sort() };
}

export async function canonical(quads: Iterable<RDF.Quad>): Promise<string> {
  const list = [...quads].map(({ subject, predicate, object, graph }) => ({ subject, predicate, object, graph }));
  return canonize.canonize(list, { algorithm: 'RDFC-1.0' });
}

async function graphAnswer(quads: RDF.Quad[]): Promise<Answer> {
  // CONSTRUCT makes a set of triples; the engines may repeat one.
  const distinct = new Map(quads.map((q) => [`${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} ${q.subject.value} ${q.object.value}`, q]));
  const triples = [...distinct.values()].map((q) => DataFactory.quad(q.subject as Quad['subject'], q.predicate as Quad['predicate'], q.object as Quad['object']));
  return { kind: 'graph', canonical: await canonical(triples), size: triples.length };
}

const errorAnswer = (error: unknown): Answer => ({ kind: 'error', message: error instanceof Error ? error.message : String(error) });

/** The case's text with its parameters as a VALUES block opening the outermost WHERE group. */
export function withValues(c: CatalogueCase): string {
  const names = Object.keys(c.params);
  if (names.length === 0) return c.text;
  const match = /\bWHERE\s*\{/i.exec(skeleton(c.text));
  if (!match) throw new Error(`${c.name}: no WHERE group to bind ${names.join(', ')} in`);
  const at = match.index + match[0].length;
  const values = `\n  VALUES (${names.map((n) => `?${n}`).join(' ')}) { (${names.map((n) => termKey(c.params[n]!)).join(' ')}) }\n`;
  return c.text.slice(0, at) + values + c.text.slice(at);
}

// ---------------------------------------------------------------------------------------------------------

/** The N-Quads dump, parsed. */
export function readQuads(nquadsPath: string): Quad[] {
  return new Parser({ format: 'N-Quads' }).parse(readFileSync(nquadsPath, 'utf8'));
}

export { graphNames } from '../support/graph-names.js';

/**
 * The dump as Comunica's graph: an N3 store with the merged default graph, as loadGraph makes it. Queries
 * only read it, so one store serves every case (building it takes about a third of a second).
 */
export function comunicaGraph(quads: Quad[]): QueryGraph {
  const store = new Store(quads);
  addMergedDefaultGraph(store);
  return { store, endpoints: [], sources: ['dump'], size: store.size };
}

export async function askComunica(graph: QueryGraph, c: CatalogueCase): Promise<Answer> {
  try {
    const result = await query(graph, c.text, { params: c.params, name: c.name });
    if (result.type === 'boolean') return { kind: 'boolean', value: result.value };
    if (result.type === 'quads') return graphAnswer(result.quads);
    return bindingsAnswer(result.variables, result.rows, c.ordered);
  } catch (error) { return errorAnswer(error); }
}

export function oxigraphStore(nquads: string): oxigraph.Store {
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  store.update(MERGE_INTO_DEFAULT_GRAPH);
  return store;
}

export async function askOxigraph(store: oxigraph.Store, c: CatalogueCase): Promise<Answer> {
  try {
    if (c.form === 'CONSTRUCT' || c.form === 'DESCRIBE') {
      const text = store.query(withValues(c), { results_format: 'application/n-triples' }) as string;
      return graphAnswer(new Parser({ format: 'N-Triples' }).parse(text));
    }
    const text = store.query(withValues(c), { results_format: 'application/sparql-results+json' }) as string;
    const parsed = parseJsonResults(text);
    if (typeof parsed === 'boolean') return { kind: 'boolean', value: parsed };
    return bindingsAnswer(parsed.variables, parsed.rows, c.ordered);
  } catch (error) { return errorAnswer(error); }
}

/**
 * What a query sends Virtuoso as its dataset: `merged`, the merged graph as default-graph-uri and the named
 * graphs as named-graph-uri (what serve --backend sends); `graphs`, every named graph as both (a union that
 * is not a set); `none`, no dataset (Virtuoso's default: every graph it holds).
 */
export type VirtuosoDataset = 'merged' | 'graphs' | 'none';

export const MERGED_GRAPH = 'https://w3id.org/asm-kg/graph/merged';

/** A query over the SPARQL protocol, with the dataset `dataset` says (by default the merged graph and the named graphs). */
export async function askVirtuoso(virtuoso: Virtuoso, graphs: string[], c: CatalogueCase, dataset: VirtuosoDataset = 'merged'): Promise<Answer> {
  const body = new URLSearchParams({ query: withValues(c) });
  if (dataset === 'merged') body.append('default-graph-uri', MERGED_GRAPH);
  for (const graph of dataset === 'none' ? [] : graphs) {
    if (dataset === 'graphs') body.append('default-graph-uri', graph);
    body.append('named-graph-uri', graph);
  }
  const graphForm = c.form === 'CONSTRUCT' || c.form === 'DESCRIBE';
  try {
    const response = await fetch(virtuoso.sparqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: graphForm ? 'application/n-triples' : 'application/sparql-results+json' },
      body,
    });
    const text = await response.text();
    if (!response.ok) return { kind: 'error', message: `HTTP ${response.status}: ${text.replace(/\s+/g, ' ').slice(0, 400)}` };
    if (graphForm) return graphAnswer(new Parser({ format: 'N-Triples' }).parse(text));
    const parsed = parseJsonResults(text);
    if (typeof parsed === 'boolean') return { kind: 'boolean', value: parsed };
    // Virtuoso 7 answers an ASK sent with a protocol dataset (default-graph-uri) as a SELECT of one
    // variable, __ASK_RETVAL, bound to 1 or 0 (a protocol departure, not a query one: read it as the boolean).
    if (c.form === 'ASK' && parsed.variables.length === 1 && /^__ask_retval$/i.test(parsed.variables[0]!) && parsed.rows.length === 1) {
      return { kind: 'boolean', value: parsed.rows[0]![parsed.variables[0]!]?.value === '1' };
    }
    return bindingsAnswer(parsed.variables, parsed.rows, c.ordered);
  } catch (error) { return errorAnswer(error); }
}

export const RDFLIB_PYTHON = '/usr/bin/python3';

interface RdflibOutput { id: string; error?: string; json?: string; ntriples?: string }

/**
 * Runs every case through rdflib in one Python process (its start-up and the load are the slow part). A case
 * still running after `timeoutSeconds(c)` seconds is answered with an error naming the limit.
 */
export async function askRdflib(nquadsPath: string, cases: CatalogueCase[], timeoutSeconds: (c: CatalogueCase) => number): Promise<Map<string, Answer>> {
  const input = JSON.stringify({
    dump: nquadsPath,
    cases: cases.map((c) => ({ id: c.id, text: c.text, timeout: timeoutSeconds(c), params: Object.fromEntries(Object.entries(c.params).map(([k, t]) => [k, t.termType === 'NamedNode' ? { iri: t.value } : { literal: t.value }])) })),
  });
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile(RDFLIB_PYTHON, [join(import.meta.dirname, 'rdflib-runner.py')], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`rdflib-runner.py failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    child.stdin!.end(input);
  });
  const answers = new Map<string, Answer>();
  for (const result of JSON.parse(output) as RdflibOutput[]) {
    const c = cases.find((x) => x.id === result.id)!;
    if (result.error !== undefined) { answers.set(result.id, { kind: 'error', message: result.error }); continue; }
    if (result.ntriples !== undefined) { answers.set(result.id, await graphAnswer(new Parser({ format: 'N-Triples' }).parse(result.ntriples))); continue; }
    const parsed = parseJsonResults(result.json!);
    answers.set(result.id, typeof parsed === 'boolean' ? { kind: 'boolean', value: parsed } : bindingsAnswer(parsed.variables, parsed.rows, c.ordered));
  }
  return answers;
}

/**
 * A fresh build of the release (the run's shared one, test/support/shared-builds.ts): the dumps under test,
 * whatever dist/ holds. The folder is shared with other test files, so cleanup() leaves it to the run.
 */
export async function freshRelease(): Promise<{ dir: string; path(file: string): string; cleanup(): void }> {
  const { dir } = await sharedRelease();
  return { dir, path: (file) => join(dir, file), cleanup: () => {} };
}
