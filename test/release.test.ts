/**
 * The open-data release: every format carries the same graph, the dataset descriptions' numbers, sizes
 * and checksums are those of the files, and the CSV turns back into the statement triples through its
 * CSVW metadata.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { csvwToTriples } from './support/csvw.js';
import { DIST, readDump, RELEASE_DIR } from './support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const ASM = `${BASE}ontology#`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const VOID = 'http://rdfs.org/ns/void#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const SPDX = 'http://spdx.org/rdf/terms#';
const VERSION = RELEASE_DIR.slice(DIST.length + 1);

const tripleSet = (quads: Quad[]): Set<string> => new Set(quads.map((q) => `${key(q.subject)} ${q.predicate.value} ${key(q.object)}`));
const key = (t: Quad['object']): string => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : t.value);
const reference = tripleSet(readDump('asm-kg.nt'));
const graphsOf = (quads: Quad[]): string[] => [...new Set(quads.map((q) => q.graph.value))].sort();

describe('the formats of the release', () => {
  it.each(['asm-kg.ttl', 'asm-kg.nq', 'asm-kg.trig'])('%s carries the same triples as asm-kg.nt', (name) => {
    expect(tripleSet(readDump(name))).toEqual(reference);
  });

  it('N-Quads and TriG keep the named graphs apart', () => {
    const expected = ['editorial', 'links', 'ontology', 'provenance', 'statements'].map((g) => `${BASE}graph/${g}`);
    for (const name of ['asm-kg.nq', 'asm-kg.trig']) {
      const quads = readDump(name);
      expect(graphsOf(quads)).toEqual(expected);
      const store = new Store(quads);
      // What the source says and what the editors interpret are in different graphs.
      expect(store.countQuads(null, `${ASM}text`, null, `${BASE}graph/statements`)).toBeGreaterThan(189);
      expect(store.countQuads(null, `${ASM}text`, null, `${BASE}graph/editorial`)).toBe(0);
      expect(store.countQuads(null, `${ASM}theme`, null, `${BASE}graph/statements`)).toBe(0);
      expect(store.countQuads(null, `${ASM}theme`, null, `${BASE}graph/editorial`)).toBeGreaterThan(189);
    }
  });

  it('RDF/XML (read back with rdflib.js) carries the same triples', async () => {
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    rdflib.parse(readFileSync(join(RELEASE_DIR, 'asm-kg.rdf'), 'utf8'), store, `${BASE}unused-base/`, 'application/rdf+xml');
    const quads = store.statements.map((st) => DataFactory.quad(
      DataFactory.namedNode(st.subject.value), DataFactory.namedNode(st.predicate.value),
      st.object.termType === 'Literal'
        ? DataFactory.literal(st.object.value, (st.object as { language?: string }).language || DataFactory.namedNode((st.object as { datatype: { value: string } }).datatype.value))
        : DataFactory.namedNode(st.object.value)));
    expect(tripleSet(quads)).toEqual(reference);
  });

  // rapper (Debian's raptor2-utils) is one of the programs test/preflight checks for before any test runs.
  it('RDF/XML, Turtle, TriG and N-Triples parse with an independent parser, Raptor', () => {
    for (const [name, syntax] of [['asm-kg.rdf', 'rdfxml'], ['asm-kg.ttl', 'turtle'], ['asm-kg.trig', 'trig'], ['asm-kg.nt', 'ntriples']]) {
      const result = spawnSync('rapper', ['-i', syntax!, '-c', join(RELEASE_DIR, name!)], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      // TriG counts a triple once per named graph it is in: each graph stands alone, so a type that two graphs need
      // (a stakeholder's, or the superclasses of an editorial asm:Recommendation) is stated in both.
      const expected = syntax === 'trig' ? readDump('asm-kg.nq').length : reference.size;
      expect(result.stderr).toContain(`returned ${expected} triples`);
    }
  });

  it('every gzip file holds exactly its uncompressed dump', () => {
    const gzipped = readdirSync(RELEASE_DIR).filter((name) => name.endsWith('.gz'));
    expect(gzipped.length).toBeGreaterThanOrEqual(5);
    for (const name of gzipped) {
      expect(gunzipSync(readFileSync(join(RELEASE_DIR, name))).equals(readFileSync(join(RELEASE_DIR, name.slice(0, -3)))), name).toBe(true);
    }
    for (const name of readdirSync(RELEASE_DIR).filter((n) => !n.endsWith('.gz'))) {
      expect(existsSync(join(RELEASE_DIR, `${name}.gz`)), name).toBe(readFileSync(join(RELEASE_DIR, name)).length > 100_000);
    }
  });
});

describe('the dataset descriptions', () => {
  const dcat = new Store(new Parser().parse(readFileSync(join(DIST, 'dcat.ttl'), 'utf8')));
  const voidStore = new Store(new Parser().parse(readFileSync(join(DIST, 'void.ttl'), 'utf8')));
  const version = `${BASE}dataset/${VERSION}`;
  const value = (store: Store, s: string | Quad['object'], p: string): string => store.getObjects(s, p, null)[0]!.value;

  it('DCAT lists one distribution per released file, with its true size and SHA-256', () => {
    const distributions = dcat.getObjects(version, `${DCAT}distribution`, null);
    const released = readdirSync(RELEASE_DIR).sort();
    expect(distributions.map((d) => value(dcat, d, `${DCAT}downloadURL`).slice(`${BASE}dist/${VERSION}/`.length)).sort()).toEqual(released);
    for (const distribution of distributions) {
      const name = value(dcat, distribution, `${DCAT}downloadURL`).split('/').pop()!;
      const bytes = readFileSync(join(RELEASE_DIR, name));
      expect(Number(value(dcat, distribution, `${DCAT}byteSize`)), name).toBe(bytes.length);
      const checksum = dcat.getObjects(distribution, `${SPDX}checksum`, null)[0]!;
      expect(value(dcat, checksum, `${SPDX}algorithm`)).toBe(`${SPDX}checksumAlgorithm_sha256`);
      expect(value(dcat, checksum, `${SPDX}checksumValue`), name).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(value(dcat, distribution, 'http://purl.org/dc/terms/license')).toBe('https://creativecommons.org/licenses/by/4.0/');
    }
  });

  it('DCAT gives the version and dates of data/release.json, and the themes as keywords', () => {
    const release = JSON.parse(readFileSync(join(DIST, '..', 'data/release.json'), 'utf8'));
    expect(value(dcat, version, `${DCAT}version`)).toBe(release.version);
    expect(value(dcat, version, 'http://purl.org/dc/terms/issued')).toBe(release.issued);
    expect(value(dcat, version, 'http://purl.org/dc/terms/modified')).toBe(release.modified);
    const themes = new Store(readDump('asm-kg.nt')).getSubjects(RDF_TYPE, `${ASM}Theme`, null).length;
    expect(dcat.getObjects(version, `${DCAT}keyword`, null)).toHaveLength(themes);
  });

  it('VoID counts are those of the graph', () => {
    const triples = readDump('asm-kg.nt');
    expect(Number(value(voidStore, version, `${VOID}triples`))).toBe(triples.length);
    const entities = new Set(triples.map((q) => q.subject.value).filter((s) => s.startsWith(`${BASE}id/`)));
    expect(Number(value(voidStore, version, `${VOID}entities`))).toBe(entities.size);
    const statements = voidStore.getObjects(version, `${VOID}classPartition`, null).find((p) => value(voidStore, p, `${VOID}class`) === `${ASM}Statement`)!;
    expect(Number(value(voidStore, statements, `${VOID}entities`))).toBe(189);
    const texts = voidStore.getObjects(version, `${VOID}propertyPartition`, null).find((p) => value(voidStore, p, `${VOID}property`) === `${ASM}text`)!;
    expect(Number(value(voidStore, texts, `${VOID}triples`))).toBe(triples.filter((q) => q.predicate.value === `${ASM}text`).length);
    expect(voidStore.getObjects(version, `${VOID}dataDump`, null).map((d) => d.value).sort())
      .toEqual(['jsonld', 'nq', 'nt', 'rdf', 'trig', 'ttl'].map((ext) => `${BASE}dist/${VERSION}/asm-kg.${ext}`));
  });

  it('schema.org Dataset lists the same downloads with their checksums', () => {
    const dataset = JSON.parse(readFileSync(join(DIST, 'dataset.jsonld'), 'utf8'));
    expect(dataset['@type']).toBe('Dataset');
    for (const download of dataset.distribution) {
      const bytes = readFileSync(join(RELEASE_DIR, download.contentUrl.split('/').pop()));
      expect(download.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(download.contentSize).toBe(`${bytes.length} B`);
    }
    expect(dataset.distribution).toHaveLength(readdirSync(RELEASE_DIR).length);
  });
});

describe('the tabular view', () => {
  const csv = readFileSync(join(RELEASE_DIR, 'statements.csv'), 'utf8');
  const metadata = JSON.parse(readFileSync(join(RELEASE_DIR, 'statements.csv-metadata.json'), 'utf8'));

  it('has one row per statement, in document order, with CRLF line ends', () => {
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('iri,workshop,section,kind,addressed_to,actors,implied_actors,themes,position,parent,tentative,emphasis,text');
    expect(lines).toHaveLength(1 + 189 + 1);
    expect(lines[1]).toMatch(/^https:\/\/w3id\.org\/asm-kg\/id\/statement\/w1-a-government-1,1,w1-a-government,Issue,government,,government,/);
  });

  it('turns back into the statement triples of the graph through its CSVW metadata', () => {
    const fromCsv = csvwToTriples(csv, metadata);
    const mapped = new Set(metadata.tableSchema.columns.map((c: { propertyUrl?: string }) => c.propertyUrl).filter(Boolean));
    const kinds = ['Issue', 'Obstacle', 'Opportunity', 'SpecificStep'].map((k) => `${ASM}${k}`);
    const graph = new Store(readDump('asm-kg.nt'));
    const statements = new Set(graph.getSubjects(RDF_TYPE, `${ASM}Statement`, null).map((s) => s.value));
    const expected = graph.getQuads(null, null, null, null).filter((q) => statements.has(q.subject.value) && mapped.has(q.predicate.value)
      && (q.predicate.value !== RDF_TYPE || kinds.includes(q.object.value)));
    expect(fromCsv.length).toBe(expected.length);
    expect(tripleSet(fromCsv)).toEqual(tripleSet(expected));
  });
});
