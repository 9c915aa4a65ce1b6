/**
 * Query sources in JSON-LD (read by jsonld.js) and RDF/XML (by the streaming parser), src/query/rdf-formats.ts:
 * the released dumps in every format load to the same quads as the N-Triples / N-Quads dump, from a string
 * and from a file's stream; a bad document names the file; an abort stops the parse.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from 'n3';
import canonize from 'rdf-canonize';
import { describe, expect, it } from 'vitest';
import { QuerySourceError } from '../src/core/errors.js';
import { parseRdf, readRdf, type RdfFormat } from '../src/query/rdf-formats.js';

const RELEASE = join(import.meta.dirname, '..', 'dist', '0.3.0');
const BASE = 'https://w3id.org/asm-kg/';

async function canonical(quads: Quad[], keepGraphs: boolean): Promise<string> {
  const defaultGraph = { termType: 'DefaultGraph', value: '' };
  return canonize.canonize(quads.map(({ subject, predicate, object, graph }) => ({ subject, predicate, object, graph: keepGraphs ? graph : defaultGraph })), { algorithm: 'RDFC-1.0' });
}

const read = (file: string, format: RdfFormat) => parseRdf(readFileSync(join(RELEASE, file), 'utf8'), format, file, BASE);

describe('the released dumps, read as query sources', () => {
  it.each([['asm-kg.jsonld', 'jsonld'], ['asm-kg.rdf', 'rdfxml'], ['asm-kg.ttl', 'turtle']] as const)('%s gives the triples of asm-kg.nt', async (file, format) => {
    const expected = await canonical(await read('asm-kg.nt', 'ntriples'), false);
    const quads = await read(file, format);
    expect(quads.length).toBeGreaterThan(1000);
    expect(await canonical(quads, false)).toBe(expected);
    // From the file's stream, a chunk at a time, the same.
    const streamed: Quad[] = [];
    const count = await readRdf(createReadStream(join(RELEASE, file)), format, file, BASE, (q) => { streamed.push(q); });
    expect(count).toBe(streamed.length);
    expect(await canonical(streamed, false)).toBe(expected);
  });

  it('asm-kg.trig gives the quads of asm-kg.nq, named graphs included', async () => {
    expect(await canonical(await read('asm-kg.trig', 'trig'), true)).toBe(await canonical(await read('asm-kg.nq', 'nquads'), true));
  });

  it('reads the named graphs of a JSON-LD document, and no graph from RDF/XML', async () => {
    const doc = JSON.stringify({ '@graph': [{ '@id': 'http://example.org/g', '@graph': [{ '@id': 'http://example.org/a', 'http://example.org/p': 'x' }] }] });
    const [quad] = await parseRdf(doc, 'jsonld', 'g.jsonld', BASE);
    expect([quad!.subject.value, quad!.graph.value]).toEqual(['http://example.org/a', 'http://example.org/g']);
    const xml = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"><rdf:Description rdf:about="a"><ex:p rdf:nodeID="n"/></rdf:Description></rdf:RDF>';
    const [triple] = await parseRdf(xml, 'rdfxml', 'a.rdf', BASE);
    expect(triple!.subject.value).toBe(`${BASE}a`);
    expect(triple!.object.termType).toBe('BlankNode');
    expect(triple!.graph.termType).toBe('DefaultGraph');
  });

  it('gives each document its own blank nodes', async () => {
    const xml = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"><rdf:Description rdf:nodeID="n"><ex:p>x</ex:p></rdf:Description></rdf:RDF>';
    const [a] = await parseRdf(xml, 'rdfxml', 'a.rdf', BASE);
    const [b] = await parseRdf(xml, 'rdfxml', 'b.rdf', BASE);
    expect(a!.subject.equals(b!.subject)).toBe(false);
  });

  it('names the document that is not JSON, not JSON-LD or not RDF/XML', async () => {
    await expect(parseRdf('{ "@id": ', 'jsonld', 'bad.jsonld', BASE)).rejects.toThrow(/^bad\.jsonld: not valid JSON: /);
    await expect(parseRdf('{ "@context": 5 }', 'jsonld', 'bad.jsonld', BASE)).rejects.toThrow(/^bad\.jsonld: not valid JSON-LD: /);
    await expect(parseRdf('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><a></rdf:RDF>', 'rdfxml', 'bad.rdf', BASE)).rejects.toBeInstanceOf(QuerySourceError);
    await expect(parseRdf('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><a></rdf:RDF>', 'rdfxml', 'bad.rdf', BASE)).rejects.toThrow(/^bad\.rdf: not valid RDF\/XML: /);
  });

  it.each([['asm-kg.jsonld', 'jsonld'], ['asm-kg.rdf', 'rdfxml']] as const)('stops reading %s when the signal aborts', async (file, format) => {
    const aborted = new AbortController();
    aborted.abort(new Error('stopped'));
    await expect(parseRdf(readFileSync(join(RELEASE, file), 'utf8'), format, file, BASE, aborted.signal)).rejects.toThrow('stopped');
  });

  it('stops the RDF/XML parse between chunks when the signal aborts part-way', async () => {
    const controller = new AbortController();
    let seen = 0;
    const reading = readRdf(createReadStream(join(RELEASE, 'asm-kg.rdf')), 'rdfxml', 'asm-kg.rdf', BASE, () => {
      if (++seen === 100) controller.abort(new Error('stopped part-way'));
    }, controller.signal);
    await expect(reading).rejects.toThrow('stopped part-way');
    expect(seen).toBeLessThan((await read('asm-kg.rdf', 'rdfxml')).length);
  });
});
