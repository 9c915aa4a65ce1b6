/**
 * The one format table (src/core/formats.ts): every list of formats the project offers, writes or reads
 * is a view of it, so that a format added to the table (or taken out) reaches the server's offers, the
 * description documents, the w3id rules, the static site's worker, the CLI and the readers together.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as client from '../client/sparql-answer.js';
import {
  ASK_TYPES, contentType, DOCUMENT_TYPES, FORMATS, FORMAT_IRIS, fileContentType, fileMediaType, formatsFor, GRAPH_TYPES,
  offersFor, PUBLISHED_SUFFIXES, SELECT_TYPES, SUFFIX_TYPES, type Format,
} from '../src/core/formats.js';
import { formatFromFileName, GRAPH_FORMATS, SOLUTION_FORMATS } from '../src/serialize/sparql-results/format-result.js';
import { formatFromExtension, formatFromMediaType, RDF_ACCEPT } from '../src/query/rdf-formats.js';
import { RDF_ALTERNATES } from '../src/render/layout.js';
import { ALL_OFFERS, OFFERS, suffixOf } from '../src/core/dereference.js';
import { htaccess } from '../src/site/htaccess.js';
import { SiteMap } from '../src/site/paths.js';

const PROJECT = join(import.meta.dirname, '..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the format table', () => {
  it('gives each media type one entry and each suffix one format', () => {
    const types = FORMATS.map((f) => f.mediaType);
    expect(new Set(types).size).toBe(types.length);
    const suffixes = FORMATS.flatMap((f) => (f.suffix === undefined ? [] : [f.suffix]));
    expect(new Set(suffixes).size).toBe(suffixes.length);
  });

  it("is the server's offers, in its order of preference", () => {
    expect(SELECT_TYPES).toEqual(['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json', 'application/xml', 'text/html']);
    expect(ASK_TYPES).toEqual(['application/sparql-results+json', 'application/sparql-results+xml', 'application/json', 'application/xml', 'text/html']);
    expect(GRAPH_TYPES).toEqual(['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'application/n-quads', 'application/trig']);
    expect(DOCUMENT_TYPES).toEqual([...GRAPH_TYPES, 'text/html']);
    // dereference.ts (serve's 303s and the w3id rules) offers exactly the table's document and graph formats.
    expect(OFFERS.thing).toEqual(offersFor('document'));
    expect(OFFERS.graph).toEqual([...offersFor('graph'), 'text/html']);
    expect(ALL_OFFERS).toEqual(offersFor('document'));
    for (const type of DOCUMENT_TYPES) expect(SUFFIX_TYPES[suffixOf(type)]).toBe(type);
  });

  it('names the W3C format IRI of every answer format the service description lists', () => {
    for (const type of new Set([...SELECT_TYPES, ...ASK_TYPES, ...GRAPH_TYPES])) {
      const iri = FORMATS.find((f) => f.mediaType === type)!.formatIri;
      expect(FORMAT_IRIS[type]).toBe(iri);
    }
    expect(FORMAT_IRIS['text/turtle']).toBe('http://www.w3.org/ns/formats/Turtle');
    expect(FORMAT_IRIS['application/json']).toBeUndefined();
  });

  it("is the static site's worker's offers: the server's, less HTML and RDF/XML", () => {
    expect(client.SELECT_TYPES).toEqual(SELECT_TYPES.filter((t) => t !== 'text/html'));
    expect(client.ASK_TYPES).toEqual(ASK_TYPES.filter((t) => t !== 'text/html'));
    expect(client.GRAPH_TYPES).toEqual(GRAPH_TYPES.filter((t) => t !== 'application/rdf+xml'));
  });

  it("is the pages' alternates and the w3id rules' formats", () => {
    expect(RDF_ALTERNATES).toEqual([
      { suffix: 'ttl', type: 'text/turtle', label: 'Turtle' },
      { suffix: 'nt', type: 'application/n-triples', label: 'N-Triples' },
      { suffix: 'jsonld', type: 'application/ld+json', label: 'JSON-LD' },
      { suffix: 'rdf', type: 'application/rdf+xml', label: 'RDF/XML' },
    ]);
    const rules = htaccess({ host: 'https://example.org/site/', base: 'https://w3id.org/asm-kg/', thingFolders: ['id/workshop'], topThings: ['ontology'], fileLikeThings: [], graphs: ['graph/links'] });
    const negotiated = [...rules.matchAll(/^# (\S+) \(\.(\w+)\)$/gm)].map((m) => [m[1], m[2]]);
    expect(negotiated).toEqual(formatsFor('document').map((f) => [f.mediaType, f.suffix]));
  });

  it('is what the CLI writes and what a query source is read as', () => {
    expect([...SOLUTION_FORMATS, ...GRAPH_FORMATS].sort()).toEqual(formatsFor('cli').map((f) => f.cliName).sort());
    for (const format of formatsFor('cli')) expect(formatFromFileName(`out.${format.suffix ?? format.extensions![0]}`)).toBe(format.cliName);
    expect(formatFromFileName('out.json')).toBe('json');
    for (const format of formatsFor('read')) {
      expect(formatFromExtension(`data.${format.suffix}`)).toBe(format.reader);
      expect(formatFromMediaType(`${format.mediaType}; charset=utf-8`)).toBe(format.reader);
      expect(RDF_ACCEPT).toContain(format.mediaType);
    }
    expect(RDF_ACCEPT).toBe('text/turtle, application/n-triples, application/n-quads, application/trig, text/n3;q=0.9, '
      + 'application/ld+json;q=0.8, application/rdf+xml;q=0.7, application/json;q=0.5, */*;q=0.1');
  });

  it('gives every file of dist/ a media type, and the site keeps each as a file', () => {
    const files = filesUnder(join(PROJECT, 'dist')).map((path) => relative(join(PROJECT, 'dist'), path));
    expect(files.length).toBeGreaterThan(50);
    const map = new SiteMap([]);
    for (const file of files) {
      expect(fileMediaType(file), file).not.toBe('application/octet-stream');
      expect(map.fileOf(`/dist/${file}`), file).toBe(`dist/${file}`);
      const suffix = file.slice(file.lastIndexOf('.') + 1);
      expect(PUBLISHED_SUFFIXES, file).toContain(suffix);
    }
  });

  it('states the charset by one rule per format: always for text, on files for JSON and XML', () => {
    expect(contentType('text/turtle')).toBe('text/turtle; charset=utf-8');
    expect(contentType('application/n-triples')).toBe('application/n-triples; charset=utf-8');
    expect(contentType('application/trig')).toBe('application/trig');
    expect(contentType('application/ld+json')).toBe('application/ld+json');
    expect(contentType('application/sparql-results+json')).toBe('application/sparql-results+json');
    expect(fileContentType('asm-kg.trig')).toBe('application/trig; charset=utf-8');
    expect(fileContentType('asm-kg.jsonld')).toBe('application/ld+json; charset=utf-8');
    expect(fileContentType('statements.csv-metadata.json')).toBe('application/csvm+json; charset=utf-8');
    expect(fileContentType('asm-kg.nt.gz')).toBe('application/gzip');
    expect(fileContentType('unknown.bin')).toBe('application/octet-stream');
  });

  it('reaches every view when a format is added to a copy of the table', () => {
    const n3: Format = { mediaType: 'text/n3', suffix: 'n3', label: 'Notation3', charset: 'always', offeredFor: ['graph', 'document', 'read'] };
    const table = [...FORMATS.filter((f) => f.mediaType !== 'text/n3'), n3];
    expect(offersFor('graph', table)).toEqual([...GRAPH_TYPES, 'text/n3']);
    expect(offersFor('document', table)).toEqual([...DOCUMENT_TYPES, 'text/n3']);
    expect(offersFor('graph', FORMATS)).not.toContain('text/n3');
  });
});
