/**
 * The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/),
 * given at GET /sparql without a query: the endpoint, the language, the result formats, the features,
 * and the default dataset, which is our VoID dataset (linked to dist/void.ttl) with its named graphs and
 * their sizes. Each graph, and the default graph, links to where the Graph Store (graph-store.ts) gives
 * it whole (void:dataDump). A browser gets a query form instead.
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, type Quad } from 'n3';
import { escapeHtml } from '../render/html.js';
import { page } from '../render/layout.js';
import { graphStoreUrl, GRAPH_STORE_PATH } from './routes/graph-store.js';
import { ASK_TYPES, FORMAT_IRIS, GRAPH_TYPES, SELECT_TYPES } from '../core/formats.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const VOID = 'http://rdfs.org/ns/void#';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const DCTERMS = 'http://purl.org/dc/terms/';

export interface ServiceFacts {
  /** The endpoint's absolute URL, as the client reached it. */
  endpoint: string;
  /** The VoID dataset IRI (…/dataset/<version>) and where the VoID document is served. */
  dataset: string;
  voidDocument: string;
  title: string;
  /** Triples per named graph of the built graph, and in the default graph (their merge, each triple once). */
  graphs: Array<{ name: string; triples: number }>;
  triples: number;
  allowService: readonly string[];
  timeoutMs: number;
  maxRows: number;
}

export const SD_PREFIXES: Record<string, string> = { sd: SD, void: VOID, rdfs: RDFS, dcterms: DCTERMS, formats: 'http://www.w3.org/ns/formats/' };

const { namedNode, literal, quad, blankNode } = DataFactory;
const integer = (n: number) => literal(String(n), namedNode('http://www.w3.org/2001/XMLSchema#integer'));

export function serviceDescription(facts: ServiceFacts): Quad[] {
  const quads: Quad[] = [];
  const add = (s: RDF.Term, p: string, o: RDF.Term) => quads.push(quad(s as Quad['subject'], namedNode(p), o as Quad['object']));
  const service = namedNode(facts.endpoint);
  const dataset = namedNode(facts.dataset);
  add(service, `${RDF_NS}type`, namedNode(`${SD}Service`));
  add(service, `${SD}endpoint`, service);
  add(service, `${SD}supportedLanguage`, namedNode(`${SD}SPARQL11Query`));
  for (const type of new Set([...SELECT_TYPES, ...ASK_TYPES, ...GRAPH_TYPES])) {
    if (FORMAT_IRIS[type]) add(service, `${SD}resultFormat`, namedNode(FORMAT_IRIS[type]!));
  }
  add(service, `${SD}feature`, namedNode(`${SD}UnionDefaultGraph`));
  if (facts.allowService.length > 0) add(service, `${SD}feature`, namedNode(`${SD}BasicFederatedQuery`));
  add(service, `${SD}defaultEntailmentRegime`, namedNode('http://www.w3.org/ns/entailment/Simple'));
  add(service, `${RDFS}comment`, literal(`Read-only. A query runs for at most ${facts.timeoutMs} ms and gives at most ${facts.maxRows} rows or triples; `
    + `more is refused with a message, never cut short silently. ${facts.allowService.length === 0 ? 'SERVICE is refused.' : `SERVICE may call only ${facts.allowService.join(', ')}.`} `
    + `Each graph can be fetched whole from the read-only Graph Store at ${new URL(GRAPH_STORE_PATH, facts.endpoint).href} (?graph=IRI or ?default).`, 'en'));

  add(service, `${SD}defaultDataset`, dataset);
  add(dataset, `${RDF_NS}type`, namedNode(`${SD}Dataset`));
  add(dataset, `${RDF_NS}type`, namedNode(`${VOID}Dataset`));
  add(dataset, `${DCTERMS}title`, literal(facts.title, 'en'));
  add(dataset, `${VOID}sparqlEndpoint`, service);
  add(dataset, `${RDFS}seeAlso`, namedNode(facts.voidDocument));
  const defaultGraph = blankNode('defaultGraph');
  add(dataset, `${SD}defaultGraph`, defaultGraph);
  add(defaultGraph, `${RDF_NS}type`, namedNode(`${SD}Graph`));
  add(defaultGraph, `${VOID}triples`, integer(facts.triples));
  add(defaultGraph, `${RDFS}comment`, literal('The RDF merge of the named graphs: each of their triples once.', 'en'));
  add(defaultGraph, `${VOID}dataDump`, namedNode(new URL(graphStoreUrl(undefined), facts.endpoint).href));
  for (const [i, graph] of facts.graphs.entries()) {
    const named = blankNode(`namedGraph${i + 1}`);
    const description = blankNode(`graph${i + 1}`);
    add(dataset, `${SD}namedGraph`, named);
    add(named, `${RDF_NS}type`, namedNode(`${SD}NamedGraph`));
    add(named, `${SD}name`, namedNode(graph.name));
    add(named, `${SD}graph`, description);
    add(description, `${RDF_NS}type`, namedNode(`${SD}Graph`));
    add(description, `${VOID}triples`, integer(graph.triples));
    add(description, `${VOID}dataDump`, namedNode(new URL(graphStoreUrl(graph.name), facts.endpoint).href));
  }
  return quads;
}

/** The query form a browser gets at /sparql. */
export function queryFormPage(facts: ServiceFacts, example: string): string {
  return page({
    title: 'SPARQL endpoint',
    main: `<h1>SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the whole graph (${facts.triples} triples; the default graph is the merge of the named graphs, each triple once: ${facts.graphs.map((g) => `<code>${escapeHtml(g.name)}</code>`).join(', ')}).
A query runs for at most ${facts.timeoutMs} ms and gives at most ${facts.maxRows} rows.
Send <code>Accept: text/turtle</code> here for the service description.</p>
<form method="get" action="/sparql">
<textarea name="query" rows="14">${escapeHtml(example)}</textarea>
<p><button type="submit">Run</button></p>
</form>`,
  });
}
