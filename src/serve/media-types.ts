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
export const HTML = 'text/html';

/** SELECT results. application/json and application/xml are aliases of the SPARQL formats; HTML is a table. */
export const SELECT_TYPES = [SPARQL_JSON, SPARQL_XML, CSV, TSV, 'application/json', 'application/xml', HTML] as const;
/** ASK results: CSV and TSV define no boolean form. */
export const ASK_TYPES = [SPARQL_JSON, SPARQL_XML, 'application/json', 'application/xml', HTML] as const;
/** CONSTRUCT and DESCRIBE results. */
export const GRAPH_TYPES = [TURTLE, N_TRIPLES, JSON_LD] as const;
/** A resource's description document and the service description (HTML last: only a browser asks for it). */
export const DOCUMENT_TYPES = [TURTLE, N_TRIPLES, JSON_LD, HTML] as const;

/** Suffix of a description document ↔ its media type. */
export const SUFFIX_TYPES: Record<string, string> = { html: HTML, ttl: TURTLE, nt: N_TRIPLES, jsonld: JSON_LD };
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
