/**
 * The media types the server offers, in its order of preference (the first is what a client that accepts
 * anything gets), and the file extensions of description documents and dumps.
 */

export const SPARQL_JSON = 'application/sparql-results+json';
export const SPARQL_XML = 'application/sparql-results+xml';
export const CSV = 'text/csv';
export const TSV = 'text/tab-separated-values';
export const TURTLE = 'text/turtle';
export const N_TRIPLES = 'application/n-triples';
export const JSON_LD = 'application/ld+json';
export const RDF_XML = 'application/rdf+xml';
export const N_QUADS = 'application/n-quads';
export const TRIG = 'application/trig';
export const HTML = 'text/html';

/** SELECT results. application/json and application/xml are aliases of the SPARQL formats; HTML is a table. */
export const SELECT_TYPES = [SPARQL_JSON, SPARQL_XML, CSV, TSV, 'application/json', 'application/xml', HTML] as const;
/** ASK results: CSV and TSV define no boolean form. */
export const ASK_TYPES = [SPARQL_JSON, SPARQL_XML, 'application/json', 'application/xml', HTML] as const;
/**
 * CONSTRUCT and DESCRIBE results, and the graphs of the Graph Store: RDF/XML for the clients that ask
 * only for it (Python rdflib's SPARQLStore, SPARQLWrapper's RDFXML and XML, rapper), N-Quads and TriG
 * for those that read datasets (a CONSTRUCT result is then in the default graph, a named graph under
 * its name).
 */
export const GRAPH_TYPES = [TURTLE, N_TRIPLES, JSON_LD, RDF_XML, N_QUADS, TRIG] as const;
/**
 * A resource's description document and the service description (HTML last: only a browser asks for
 * it). A description's triples come from several named graphs: N-Quads and TriG say which.
 */
export const DOCUMENT_TYPES = [TURTLE, N_TRIPLES, JSON_LD, RDF_XML, N_QUADS, TRIG, HTML] as const;

/** Suffix of a description document ↔ its media type. */
export const SUFFIX_TYPES: Record<string, string> = {
  html: HTML, ttl: TURTLE, nt: N_TRIPLES, jsonld: JSON_LD, rdf: RDF_XML, nq: N_QUADS, trig: TRIG,
};
export const TYPE_SUFFIXES: Record<string, string> = Object.fromEntries(Object.entries(SUFFIX_TYPES).map(([suffix, type]) => [type, suffix]));

/** The W3C format IRIs (http://www.w3.org/ns/formats/) for the service description. */
export const FORMAT_IRIS: Record<string, string> = {
  [SPARQL_JSON]: 'http://www.w3.org/ns/formats/SPARQL_Results_JSON',
  [SPARQL_XML]: 'http://www.w3.org/ns/formats/SPARQL_Results_XML',
  [CSV]: 'http://www.w3.org/ns/formats/SPARQL_Results_CSV',
  [TSV]: 'http://www.w3.org/ns/formats/SPARQL_Results_TSV',
  [TURTLE]: 'http://www.w3.org/ns/formats/Turtle',
  [N_TRIPLES]: 'http://www.w3.org/ns/formats/N-Triples',
  [JSON_LD]: 'http://www.w3.org/ns/formats/JSON-LD',
  [RDF_XML]: 'http://www.w3.org/ns/formats/RDF_XML',
  [N_QUADS]: 'http://www.w3.org/ns/formats/N-Quads',
  [TRIG]: 'http://www.w3.org/ns/formats/TriG',
};

/** The Content-Type header for a media type: text formats say their charset. */
export function contentType(mediaType: string): string {
  return mediaType.startsWith('text/') || mediaType === 'application/n-triples' || mediaType === 'application/n-quads'
    ? `${mediaType}; charset=utf-8` : mediaType;
}

/** Media types of the files in dist/, by the end of their name (longest first). */
const FILE_TYPES: Array<[string, string]> = [
  ['.csv-metadata.json', 'application/csvm+json'],
  ['.ttl', TURTLE],
  ['.nt', N_TRIPLES],
  ['.nq', 'application/n-quads'],
  ['.trig', 'application/trig'],
  ['.jsonld', JSON_LD],
  ['.rdf', 'application/rdf+xml'],
  ['.csv', CSV],
  ['.json', 'application/json'],
  ['.gz', 'application/gzip'],
  ['.html', HTML],
  ['.txt', 'text/plain'],
  ['.md', 'text/markdown'],
];

export function fileMediaType(name: string): string {
  const lower = name.toLowerCase();
  return FILE_TYPES.find(([end]) => lower.endsWith(end))?.[1] ?? 'application/octet-stream';
}
