/**
 * `format=` and `output=` on /sparql: a result format named in the request itself, which replaces the
 * Accept header, as Virtuoso (`format=`) and Fuseki (`output=`, `format=`) take it, for the scripts and
 * browsers that cannot set a header. A value is a short name or a media type. A short name stands for
 * one format per kind of result, as in those servers: `json` is SPARQL JSON for SELECT and ASK and
 * JSON-LD for a graph; `xml` SPARQL XML or RDF/XML; `text` the plain-text forms (TSV for SELECT, Turtle
 * for a graph).
 */
import { ASK_TYPES, CSV, GRAPH_TYPES, HTML, JSON_LD, N_QUADS, N_TRIPLES, RDF_XML, SELECT_TYPES, SPARQL_JSON, SPARQL_XML, TRIG, TSV, TURTLE } from '../core/formats.js';

/** Short name → the Accept header it stands for (a format for each kind of result it has one for). */
export const FORMAT_NAMES: Readonly<Record<string, string>> = {
  json: `${SPARQL_JSON}, ${JSON_LD}`,
  xml: `${SPARQL_XML}, ${RDF_XML}`,
  sparql: `${SPARQL_XML}, ${RDF_XML}`, // Fuseki: SPARQL XML
  csv: CSV,
  tsv: TSV,
  text: `${TSV}, ${TURTLE}`,
  html: HTML,
  ttl: TURTLE,
  turtle: TURTLE,
  nt: N_TRIPLES,
  ntriples: N_TRIPLES,
  'n-triples': N_TRIPLES,
  'json-ld': JSON_LD,
  jsonld: JSON_LD,
  rdf: RDF_XML,
  rdfxml: RDF_XML,
  'rdf+xml': RDF_XML,
  nq: N_QUADS,
  nquads: N_QUADS,
  trig: TRIG,
};

/** The media types a format parameter may name in full. */
const MEDIA_TYPES = new Set<string>([...SELECT_TYPES, ...ASK_TYPES, ...GRAPH_TYPES]);

/** The parameters, in the order they are read (Fuseki reads output= first). */
const PARAMETERS = ['output', 'format'] as const;

/** A format parameter that names no format, or two that disagree: `status` is the answer's. */
export class FormatParameterError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'FormatParameterError';
  }
}

/**
 * The Accept header the request's format parameters stand for, or undefined when it has none. Throws
 * FormatParameterError (406) for a value that names no format offered, (400) for parameters that disagree.
 */
export function acceptFromParams(params: URLSearchParams): string | undefined {
  const given = PARAMETERS.flatMap((name) => params.getAll(name).map((value) => ({ name, value: value.trim() })));
  if (given.length === 0) return undefined;
  const accepts = given.map(({ name, value }) => {
    const accept = acceptOf(value);
    if (accept === undefined) {
      throw new FormatParameterError(406, `${name}=${value} names no result format here; ${PARAMETERS.join(' and ')} take ${Object.keys(FORMAT_NAMES).join(', ')}, or a media type: ${[...MEDIA_TYPES].join(', ')}`);
    }
    return accept;
  });
  if (new Set(accepts).size > 1) throw new FormatParameterError(400, `${given.map(({ name, value }) => `${name}=${value}`).join(' and ')} name different formats; give one`);
  return accepts[0];
}

function acceptOf(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (Object.hasOwn(FORMAT_NAMES, lower)) return FORMAT_NAMES[lower];
  const mediaType = lower.split(';')[0]!.trim();
  return MEDIA_TYPES.has(mediaType) ? mediaType : undefined;
}
