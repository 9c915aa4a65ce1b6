/**
 * What is in a release folder (dist/<version>/), read from its bytes: each file's title, media type, format
 * IRI, size and SHA-256. The packages of a release (its RO-Crate and its Frictionless data package) describe
 * the frozen folders from these, so that what they say is what was published, byte for byte.
 *
 * The titles are the ones the build gives the files it writes (src/build/publish.ts, and so dist/dcat.ttl):
 * test/packages.test.ts checks that the two agree for every file of the current release.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeBytes, type ReleaseFile } from './release-files.js';

/** A release file's kind: its title, media type and, where one exists, its W3C or PRONOM format IRI. */
export interface FileKind { title: string; mediaType: string; format?: { iri: string; name: string } }

const W3C_FORMATS = 'http://www.w3.org/ns/formats/';
const PRONOM = 'https://www.nationalarchives.gov.uk/PRONOM/';

/** The formats by their W3C (RDF serialisations) or PRONOM (CSV, JSON, gzip) identifier. */
const FORMATS = {
  turtle: { iri: `${W3C_FORMATS}Turtle`, name: 'Turtle' },
  nTriples: { iri: `${W3C_FORMATS}N-Triples`, name: 'N-Triples' },
  nQuads: { iri: `${W3C_FORMATS}N-Quads`, name: 'N-Quads' },
  trig: { iri: `${W3C_FORMATS}TriG`, name: 'TriG' },
  jsonLd: { iri: `${W3C_FORMATS}JSON-LD`, name: 'JSON-LD' },
  rdfXml: { iri: `${W3C_FORMATS}RDF_XML`, name: 'RDF/XML' },
  csv: { iri: `${PRONOM}x-fmt/18`, name: 'Comma Separated Values' },
  json: { iri: `${PRONOM}fmt/817`, name: 'JSON Data Interchange Format' },
  gzip: { iri: `${PRONOM}x-fmt/266`, name: 'GZIP Format' },
} as const;

/** The files a release folder may hold, by name. */
const KINDS: Array<[RegExp, (match: RegExpExecArray) => FileKind]> = [
  [/^asm-kg\.ttl$/, () => ({ title: 'The whole graph, Turtle', mediaType: 'text/turtle', format: FORMATS.turtle })],
  [/^asm-kg\.nt$/, () => ({ title: 'The whole graph, N-Triples', mediaType: 'application/n-triples', format: FORMATS.nTriples })],
  [/^asm-kg\.nq$/, () => ({ title: 'The whole graph with its named graphs, N-Quads', mediaType: 'application/n-quads', format: FORMATS.nQuads })],
  [/^asm-kg\.trig$/, () => ({ title: 'The whole graph with its named graphs, TriG', mediaType: 'application/trig', format: FORMATS.trig })],
  [/^asm-kg\.jsonld$/, () => ({ title: 'The whole graph, JSON-LD', mediaType: 'application/ld+json', format: FORMATS.jsonLd })],
  [/^asm-kg\.rdf$/, () => ({ title: 'The whole graph, RDF/XML', mediaType: 'application/rdf+xml', format: FORMATS.rdfXml })],
  [/^ontology\.ttl$/, () => ({ title: 'The asm-kg ontology, Turtle', mediaType: 'text/turtle', format: FORMATS.turtle })],
  [/^shapes\.ttl$/, () => ({ title: 'The SHACL shapes every build validates the data with, Turtle', mediaType: 'text/turtle', format: FORMATS.turtle })],
  [/^statements\.csv$/, () => ({ title: 'One row per statement, CSV', mediaType: 'text/csv', format: FORMATS.csv })],
  [/^statements\.csv-metadata\.json$/, () => ({ title: 'CSVW metadata mapping statements.csv to the ontology', mediaType: 'application/csvm+json', format: FORMATS.json })],
  [/^changes-since-(\d+\.\d+\.\d+)\.added\.nq$/, (m) => ({ title: `Quads added since release ${m[1]}, N-Quads`, mediaType: 'application/n-quads', format: FORMATS.nQuads })],
  [/^changes-since-(\d+\.\d+\.\d+)\.removed\.nq$/, (m) => ({ title: `Quads removed since release ${m[1]}, N-Quads`, mediaType: 'application/n-quads', format: FORMATS.nQuads })],
];

/** The kind of the file `name` of a release folder; a gzip copy is its file's kind, gzipped. */
export function releaseFileKind(name: string): FileKind | undefined {
  if (name.endsWith('.gz')) {
    const inner = releaseFileKind(name.slice(0, -'.gz'.length));
    return inner && { title: `${inner.title}, gzipped`, mediaType: 'application/gzip', format: FORMATS.gzip };
  }
  for (const [pattern, kind] of KINDS) {
    const match = pattern.exec(name);
    if (match) return kind(match);
  }
  return undefined;
}

/** A release file as read from its folder, with its format IRI. */
export interface FolderFile extends ReleaseFile { format?: FileKind['format'] }

/**
 * Every file of a release folder, in name order, described from its bytes. A file the build never writes
 * is an error naming it: a package must not describe what nobody can say what it is.
 */
export function describeReleaseFolder(folder: string): FolderFile[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .map((entry) => {
      const path = join(folder, entry.name);
      if (!entry.isFile()) throw new Error(`${path}: a release folder holds only files, and this is not one`);
      const kind = releaseFileKind(entry.name);
      if (kind === undefined) throw new Error(`${path}: not a file a release holds (asm-kg.*, ontology.ttl, shapes.ttl, statements.csv, its CSVW metadata, changes-since-*), so its packages cannot describe it`);
      const compresses = entry.name.endsWith('.gz') ? entry.name.slice(0, -'.gz'.length) : undefined;
      return { ...describeBytes(entry.name, kind.title, kind.mediaType, readFileSync(path), compresses ? { compresses } : {}), ...(kind.format ? { format: kind.format } : {}) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
