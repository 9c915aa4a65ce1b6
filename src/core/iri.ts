/**
 * The IRI scheme. Every IRI the project mints sits under one base, `https://w3id.org/asm-kg/` by default;
 * the source files are written with that default and the loader rebases them when a build asks for
 * another base. The README's "IRIs" section documents each pattern.
 */
import { DataFactory, type Quad, type Term } from 'n3';
import { UsageError } from './errors.js';

export const DEFAULT_BASE = 'https://w3id.org/asm-kg/';

/** Namespaces the project uses, keyed by the prefix printed in the dumps. */
export const WELL_KNOWN_PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'https://schema.org/',
  vann: 'http://purl.org/vocab/vann/',
  sh: 'http://www.w3.org/ns/shacl#',
} as const;

/** The prefixes of our own namespaces, relative to the base. */
export const OWN_PREFIXES = {
  asm: 'ontology#',
  ev: 'id/event/',
  ws: 'id/workshop/',
  sec: 'id/section/',
  st: 'id/statement/',
  q: 'id/question/',
  person: 'id/person/',
  stk: 'id/stakeholder/',
  theme: 'id/theme/',
  scheme: 'id/scheme/',
  src: 'id/source/',
  agent: 'id/agent/',
  graph: 'graph/',
} as const;

export interface Vocabulary {
  base: string;
  /** Our namespaces resolved against the base, plus the well-known ones. */
  prefixes: Record<string, string>;
  asm: (localName: string) => string;
}

export function vocabulary(base: string = DEFAULT_BASE): Vocabulary {
  const own = Object.fromEntries(Object.entries(OWN_PREFIXES).map(([prefix, path]) => [prefix, base + path]));
  return { base, prefixes: { ...WELL_KNOWN_PREFIXES, ...own }, asm: (name) => `${base}ontology#${name}` };
}

/** Checks a base IRI given on the command line: absolute http(s), ending in "/" or "#". */
export function checkBase(base: string): string {
  let url: URL;
  try { url = new URL(base); } catch { throw new UsageError(`--base: "${base}" is not an absolute IRI`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base: "${base}" must be an http or https IRI`);
  if (!base.endsWith('/')) throw new UsageError(`--base: "${base}" must end with "/"`);
  return base;
}

const { namedNode, literal, quad } = DataFactory;

function rebaseTerm<T extends Term>(term: T, base: string): T {
  if (term.termType === 'NamedNode' && term.value.startsWith(DEFAULT_BASE)) {
    return namedNode(base + term.value.slice(DEFAULT_BASE.length)) as unknown as T;
  }
  // Namespace IRIs written as strings (vann:preferredNamespaceUri) follow the base too.
  if (term.termType === 'Literal' && !term.language && term.value.startsWith(DEFAULT_BASE)) {
    return literal(base + term.value.slice(DEFAULT_BASE.length), term.datatype) as unknown as T;
  }
  return term;
}

/** Moves every IRI under the default base to the same path under `base`. */
export function rebase(quads: Quad[], base: string): Quad[] {
  if (base === DEFAULT_BASE) return quads;
  return quads.map((q) => quad(rebaseTerm(q.subject, base), rebaseTerm(q.predicate, base), rebaseTerm(q.object, base), rebaseTerm(q.graph, base)));
}
