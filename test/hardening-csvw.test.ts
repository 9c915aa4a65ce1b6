/**
 * Issue 8, finding 12: a real CSVW processor (@zazuko/rdf-parser-csvw) reads the release's
 * statements.csv with its statements.csv-metadata.json, and its triples are the graph's. In 0.1.0 five
 * column titles differed from the CSV header, and the processor emitted `statements.csv#iri` and the
 * like for the header cells it could not match.
 *
 * The processor needs the metadata as RDF; jsonld.js expands the JSON-LD with the terms of the W3C CSVW
 * context that our metadata uses (copied from https://www.w3.org/ns/csvw.jsonld, as the tests run
 * offline). Two deviations of the processor from CSVW are undone, each named where it is undone.
 */
import { describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as RDF from '@rdfjs/types';
import rdfDataModel from '@rdfjs/data-model';
import rdfDataset from '@rdfjs/dataset';
import CsvwParser from '@zazuko/rdf-parser-csvw';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { vocabulary } from '../src/core/iri.js';
import { RELEASE_DIR, readDump } from './support/project.js';

/** The CSVW context's definitions of the terms our metadata uses. */
const CSVW_CONTEXT = {
  '@context': {
    csvw: 'http://www.w3.org/ns/csvw#',
    dc: 'http://purl.org/dc/terms/',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    aboutUrl: { '@id': 'csvw:aboutUrl', '@type': 'csvw:uriTemplate' },
    columns: { '@id': 'csvw:column', '@type': '@id', '@container': '@list' },
    datatype: { '@id': 'csvw:datatype', '@type': '@vocab' },
    dialect: { '@id': 'csvw:dialect', '@type': '@id' },
    encoding: { '@id': 'csvw:encoding' },
    header: { '@id': 'csvw:header', '@type': 'xsd:boolean' },
    lang: { '@id': 'csvw:lang' },
    lineTerminators: { '@id': 'csvw:lineTerminators', '@container': '@set' },
    name: { '@id': 'csvw:name', '@type': 'xsd:string' },
    primaryKey: { '@id': 'csvw:primaryKey', '@type': '@vocab' },
    propertyUrl: { '@id': 'csvw:propertyUrl', '@type': 'csvw:uriTemplate' },
    required: { '@id': 'csvw:required', '@type': 'xsd:boolean' },
    separator: { '@id': 'csvw:separator' },
    suppressOutput: { '@id': 'csvw:suppressOutput', '@type': 'xsd:boolean' },
    tableSchema: { '@id': 'csvw:tableSchema', '@type': '@id' },
    titles: { '@id': 'csvw:title', '@container': '@language' },
    url: { '@id': 'csvw:url', '@type': '@id' },
    valueUrl: { '@id': 'csvw:valueUrl', '@type': 'csvw:uriTemplate' },
    boolean: 'xsd:boolean',
    integer: 'xsd:integer',
  },
};

const csvPath = join(RELEASE_DIR, 'statements.csv');
const metadataPath = join(RELEASE_DIR, 'statements.csv-metadata.json');
const metadataJson = JSON.parse(readFileSync(metadataPath, 'utf8')) as {
  tableSchema: { columns: Array<{ name: string; titles: string; propertyUrl?: string; valueUrl?: string; separator?: string }> };
};

async function metadataDataset(): Promise<RDF.DatasetCore> {
  const documentLoader = async (url: string) => {
    if (url.replace(/\.jsonld$/, '') === 'http://www.w3.org/ns/csvw') return { contextUrl: undefined, documentUrl: url, document: CSVW_CONTEXT };
    throw new Error(`the test runs offline: no ${url}`);
  };
  const nquads = await jsonld.toRDF(metadataJson as object, { base: pathToFileURL(metadataPath).href, documentLoader, format: 'application/n-quads' } as never) as unknown as string;
  // As RDF/JS terms with equals(), which the processor's graph library needs.
  return rdfDataset.dataset(new Parser({ format: 'N-Quads' }).parse(nquads).map((q) => rdfDataModel.fromQuad(q)));
}

async function processorTriples(): Promise<RDF.Quad[]> {
  const parser = new CsvwParser({ metadata: await metadataDataset(), baseIRI: pathToFileURL(csvPath).href });
  const quads: RDF.Quad[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = parser.import(createReadStream(csvPath, 'utf8'));
    stream.on('data', (q: RDF.Quad) => quads.push(q));
    stream.on('error', reject);
    stream.on('end', () => resolve());
  });
  return quads;
}

const literalKey = (value: string, language: string, datatype: string) => `"${value}"@${language}^^${language ? '' : datatype}`;
const key = (q: RDF.Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType === 'Literal'
  ? literalKey(q.object.value, q.object.language, q.object.datatype.value) : `<${q.object.value}>`}`;

describe('statements.csv under a real CSVW processor', () => {
  it('every column title is the CSV header cell', () => {
    const header = readFileSync(csvPath, 'utf8').split('\r\n')[0]!.split(',');
    expect(metadataJson.tableSchema.columns.map((c) => c.titles)).toEqual(header);
  });

  it('gives the triples of the graph for every statement', async () => {
    const { asm, prefixes } = vocabulary();
    const emitted = await processorTriples();
    // No header cell left unmatched: 0.1.0's metadata made the processor emit …/statements.csv#iri and the like.
    expect(emitted.filter((q) => q.predicate.value.includes('statements.csv#')).map((q) => q.predicate.value)).toEqual([]);

    const columns = metadataJson.tableSchema.columns.filter((c) => c.propertyUrl !== undefined);
    const statements = new Set(readDump('asm-kg.nq').filter((q) => q.predicate.value === prefixes.rdf + 'type' && q.object.value === asm('Statement')).map((q) => q.subject.value));
    const fromCsv = new Set<string>();
    for (const q of emitted) {
      if (!statements.has(q.subject.value)) continue; // the processor's csvw:Row and csvw:Table description
      const column = columns.find((c) => c.propertyUrl === q.predicate.value && (q.predicate.value !== prefixes.rdf + 'type' || c.name === 'kind'))!;
      const template = column.valueUrl;
      const prefix = template?.replace(/\{[^}]*\}$/, '');
      // Deviation 1: the processor applies valueUrl to an empty cell (CSVW: an empty cell gives no triple).
      if (prefix !== undefined && q.object.value === prefix) continue;
      // Deviation 2: the processor does not implement `separator`: it gives a list cell as one value.
      const separator = column.separator;
      const raw = prefix !== undefined ? decodeURIComponent(q.object.value.slice(prefix.length)) : q.object.value;
      for (const value of separator === undefined ? [raw] : raw.split(separator)) {
        const literal = q.object as RDF.Literal;
        fromCsv.add(`${q.subject.value} ${q.predicate.value} ${prefix !== undefined ? `<${prefix}${value}>` : literalKey(value, literal.language, literal.datatype.value)}`);
      }
    }

    // The graph's triples that the columns cover: each column's property for every statement, and of the
    // types only the kind (Issue, Obstacle, Opportunity, SpecificStep), as the kind column holds.
    const kinds = ['Issue', 'Obstacle', 'Opportunity', 'SpecificStep'].map(asm);
    const properties = new Set(columns.map((c) => c.propertyUrl));
    const inGraph = new Set(readDump('asm-kg.ttl')
      .filter((q) => statements.has(q.subject.value) && properties.has(q.predicate.value))
      .filter((q) => q.predicate.value !== prefixes.rdf + 'type' || kinds.includes(q.object.value))
      .map(key));
    expect(inGraph.size).toBeGreaterThan(statements.size * 5);
    expect([...fromCsv].filter((k) => !inGraph.has(k)).sort()).toEqual([]);
    expect([...inGraph].filter((k) => !fromCsv.has(k)).sort()).toEqual([]);
  }, 60_000);
});
