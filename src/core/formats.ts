/**
 * The one table of the formats the project reads, writes and offers: the RDF syntaxes, the SPARQL
 * results formats, the text table of the CLI and HTML. Every other list is a view of it: what the server
 * offers for each kind of answer (in its order of preference, the first being what a client that accepts
 * anything gets), the suffixes of description documents and dumps, the files the static site writes and
 * the w3id.org rules redirect to (through core/dereference.ts), the service description's format IRIs,
 * the formats the CLI writes and the query sources it reads, the static site's service worker's offers.
 *
 * Pure data and functions over it: client/ (the browser bundle) imports it too.
 */

/** What a format is offered or used for. */
export type FormatUse =
  /** SELECT answers (SPARQL Protocol). */
  | 'select'
  /** ASK answers: CSV and TSV define no boolean form. */
  | 'ask'
  /**
   * CONSTRUCT and DESCRIBE answers and the graphs of the Graph Store: RDF/XML for the clients that ask
   * only for it (Python rdflib's SPARQLStore, SPARQLWrapper's RDFXML and XML, rapper), N-Quads and TriG
   * for those that read datasets (a CONSTRUCT result is then in the default graph, a named graph under
   * its name).
   */
  | 'graph'
  /**
   * A resource's description document and the service description (HTML last: only a browser asks for
   * it). A description's triples come from several named graphs: N-Quads and TriG say which.
   */
  | 'document'
  /** Linked from every page as `<link rel="alternate">` and in its "this page as data" line. */
  | 'alternate'
  /** Offered by the static site's service worker (client/sparql-answer.ts): RDF/XML's writer needs rdflib. */
  | 'worker'
  /** Read as a query source (`query --data`, `FROM <url>`), by its extension or its download's media type. */
  | 'read'
  /** Written by the `query` command (`--format NAME`, or `--output FILE` by its extension). */
  | 'cli';

/** How the Content-Type header states the charset. */
export type CharsetRule =
  /** `; charset=utf-8` on every answer and file (the text formats). */
  | 'always'
  /**
   * Only on a file served from dist/: an answer in a JSON or XML format states nothing (JSON is UTF-8 by
   * definition, XML says its encoding itself), while a static file says it for any textual type.
   */
  | 'files'
  /** Never (binary). */
  | 'never';

export interface Format {
  /** The media type the format is offered and written as. */
  mediaType: string;
  /**
   * Other media types that name it when read (a download's Content-Type), with the quality a download's
   * Accept header gives them (none: not asked for, only understood).
   */
  readTypes?: ReadonlyArray<{ mediaType: string; quality?: number }>;
  /** The quality a download's Accept header gives it, for the formats read as query sources (N3.js's first). */
  readQuality?: number;
  /** The suffix of its description documents, dumps and dist files, without the dot. */
  suffix?: string;
  /** Other file extensions that mean it when read or written by the CLI. */
  extensions?: readonly string[];
  label: string;
  /** Its IRI under http://www.w3.org/ns/formats/ (service description). */
  formatIri?: string;
  /** The format name N3.js's Parser and Writer take, for the syntaxes N3.js reads and writes. */
  n3?: string;
  /** The reader of query sources (rdf/rdf-formats) that reads it. */
  reader?: RdfFormat;
  /** Its name for the CLI's `--format`. */
  cliName?: string;
  charset: CharsetRule;
  offeredFor: readonly FormatUse[];
}

export type RdfFormat = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'n3' | 'jsonld' | 'rdfxml';

const W3C = 'http://www.w3.org/ns/formats/';

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

/**
 * The table. Its order is the server's order of preference within each use (so `formatsFor(use)` keeps
 * it): SPARQL JSON before XML before CSV and TSV; Turtle first of the RDF syntaxes; HTML last.
 */
export const FORMATS: readonly Format[] = [
  { mediaType: SPARQL_JSON, extensions: ['json', 'srj'], label: 'SPARQL Results JSON', formatIri: `${W3C}SPARQL_Results_JSON`, cliName: 'json', charset: 'files', offeredFor: ['select', 'ask', 'worker', 'cli'] },
  { mediaType: SPARQL_XML, extensions: ['xml', 'srx'], label: 'SPARQL Results XML', formatIri: `${W3C}SPARQL_Results_XML`, cliName: 'xml', charset: 'files', offeredFor: ['select', 'ask', 'worker', 'cli'] },
  { mediaType: CSV, suffix: 'csv', label: 'SPARQL Results CSV', formatIri: `${W3C}SPARQL_Results_CSV`, cliName: 'csv', charset: 'always', offeredFor: ['select', 'worker', 'cli'] },
  { mediaType: TSV, suffix: 'tsv', label: 'SPARQL Results TSV', formatIri: `${W3C}SPARQL_Results_TSV`, cliName: 'tsv', charset: 'always', offeredFor: ['select', 'worker', 'cli'] },
  // application/json and application/xml: aliases of the SPARQL results formats, for clients that know only those.
  { mediaType: 'application/json', label: 'SPARQL Results JSON (as application/json)', charset: 'files', offeredFor: ['select', 'ask', 'worker'] },
  { mediaType: 'application/xml', label: 'SPARQL Results XML (as application/xml)', charset: 'files', offeredFor: ['select', 'ask', 'worker'] },
  { mediaType: 'text/plain', suffix: 'txt', label: 'Text table', cliName: 'table', charset: 'always', offeredFor: ['cli'] },
  { mediaType: TURTLE, readTypes: [{ mediaType: 'application/x-turtle' }], readQuality: 1, suffix: 'ttl', extensions: ['turtle'], label: 'Turtle', formatIri: `${W3C}Turtle`, n3: 'text/turtle', reader: 'turtle', cliName: 'turtle', charset: 'always', offeredFor: ['graph', 'document', 'alternate', 'worker', 'read', 'cli'] },
  { mediaType: N_TRIPLES, suffix: 'nt', label: 'N-Triples', formatIri: `${W3C}N-Triples`, n3: 'N-Triples', reader: 'ntriples', readQuality: 1, cliName: 'ntriples', charset: 'always', offeredFor: ['graph', 'document', 'alternate', 'worker', 'read', 'cli'] },
  { mediaType: JSON_LD, readTypes: [{ mediaType: 'application/json', quality: 0.5 }], readQuality: 0.8, suffix: 'jsonld', extensions: ['json'], label: 'JSON-LD', formatIri: `${W3C}JSON-LD`, reader: 'jsonld', cliName: 'jsonld', charset: 'files', offeredFor: ['graph', 'document', 'alternate', 'worker', 'read', 'cli'] },
  { mediaType: RDF_XML, suffix: 'rdf', extensions: ['owl', 'xml'], label: 'RDF/XML', formatIri: `${W3C}RDF_XML`, reader: 'rdfxml', readQuality: 0.7, charset: 'files', offeredFor: ['graph', 'document', 'alternate', 'read'] },
  { mediaType: N_QUADS, suffix: 'nq', label: 'N-Quads', formatIri: `${W3C}N-Quads`, n3: 'N-Quads', reader: 'nquads', readQuality: 1, charset: 'always', offeredFor: ['graph', 'document', 'worker', 'read'] },
  { mediaType: TRIG, suffix: 'trig', label: 'TriG', formatIri: `${W3C}TriG`, n3: 'application/trig', reader: 'trig', readQuality: 1, charset: 'files', offeredFor: ['graph', 'document', 'worker', 'read'] },
  { mediaType: 'text/n3', suffix: 'n3', label: 'Notation3', formatIri: `${W3C}N3`, n3: 'text/n3', reader: 'n3', readQuality: 0.9, charset: 'always', offeredFor: ['read'] },
  { mediaType: HTML, suffix: 'html', label: 'HTML', charset: 'always', offeredFor: ['select', 'ask', 'document'] },
];

/** The formats offered for a use, in the server's order of preference. */
export function formatsFor(use: FormatUse, table: readonly Format[] = FORMATS): Format[] {
  return table.filter((format) => format.offeredFor.includes(use));
}

/** The media types offered for a use, in the server's order of preference. */
export function offersFor(use: FormatUse, table: readonly Format[] = FORMATS): string[] {
  return formatsFor(use, table).map((format) => format.mediaType);
}

/** The table's entry for a media type (its own, not a read alias). */
export function formatOf(mediaType: string): Format | undefined {
  return FORMATS.find((format) => format.mediaType === mediaType);
}

/** SELECT results. application/json and application/xml are aliases of the SPARQL formats; HTML is a table. */
export const SELECT_TYPES: readonly string[] = offersFor('select');
/** ASK results: CSV and TSV define no boolean form. */
export const ASK_TYPES: readonly string[] = offersFor('ask');
/** CONSTRUCT and DESCRIBE results, and the graphs of the Graph Store. */
export const GRAPH_TYPES: readonly string[] = offersFor('graph');
/** A resource's description document and the service description. */
export const DOCUMENT_TYPES: readonly string[] = offersFor('document');

/** Suffix of a description document ↔ its media type. */
export const SUFFIX_TYPES: Record<string, string> = Object.fromEntries(formatsFor('document').map((f) => [f.suffix!, f.mediaType]));
export const TYPE_SUFFIXES: Record<string, string> = Object.fromEntries(Object.entries(SUFFIX_TYPES).map(([suffix, type]) => [type, suffix]));

/** The W3C format IRIs (http://www.w3.org/ns/formats/) of the formats answers are offered in, for the service description. */
export const FORMAT_IRIS: Record<string, string> = Object.fromEntries(FORMATS
  .filter((f) => f.formatIri !== undefined && f.offeredFor.some((use) => use === 'select' || use === 'ask' || use === 'graph'))
  .map((f) => [f.mediaType, f.formatIri!]));

/** The Content-Type header of an answer: the text formats say their charset. */
export function contentType(mediaType: string): string {
  return formatOf(mediaType)?.charset === 'always' || mediaType.startsWith('text/') ? `${mediaType}; charset=utf-8` : mediaType;
}

/**
 * Files of dist/ and the static site that are in no format of the table, by the end of their name. The
 * CSVW metadata is JSON but has its own type, so endings are matched longest first.
 */
const OTHER_FILES: ReadonlyArray<[ending: string, mediaType: string, charset: CharsetRule]> = [
  ['.csv-metadata.json', 'application/csvm+json', 'files'],
  ['.json', 'application/json', 'files'],
  ['.gz', 'application/gzip', 'never'],
  ['.md', 'text/markdown', 'always'],
];

/** Media types of the files in dist/, by the end of their name (longest first). */
const FILE_TYPES: ReadonlyArray<[ending: string, mediaType: string, charset: CharsetRule]> = ([
  ...OTHER_FILES,
  ...FORMATS.filter((f) => f.suffix !== undefined && f.offeredFor.some((use) => use !== 'cli' && use !== 'read' && use !== 'worker'))
    .map((f): [string, string, CharsetRule] => [`.${f.suffix}`, f.mediaType, f.charset]),
  ['.txt', 'text/plain', 'always'],
] as Array<[string, string, CharsetRule]>).sort(([a], [b]) => b.length - a.length);

function fileEntry(name: string): readonly [string, string, CharsetRule] | undefined {
  const lower = name.toLowerCase();
  return FILE_TYPES.find(([end]) => lower.endsWith(end));
}

export function fileMediaType(name: string): string {
  return fileEntry(name)?.[1] ?? 'application/octet-stream';
}

/** The Content-Type header of a file served from dist/: any textual type says its charset. */
export function fileContentType(name: string): string {
  const entry = fileEntry(name);
  if (entry === undefined) return 'application/octet-stream';
  return entry[2] === 'never' ? entry[1] : `${entry[1]}; charset=utf-8`;
}

/** Every suffix (without the dot) of a file the project publishes in dist/ or names in the site: the table's and the other files'. */
export const PUBLISHED_SUFFIXES: readonly string[] = FILE_TYPES.map(([end]) => end.slice(end.lastIndexOf('.') + 1));
