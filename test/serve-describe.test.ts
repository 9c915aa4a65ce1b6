/** The description of one resource (src/render/resource-index.ts), on small stores made for each case. */
import { describe, expect, it } from 'vitest';
import { Parser, Store } from 'n3';
import { MAX_INCOMING, ResourceIndex } from '../src/render/resource-index.js';

const BASE = 'https://w3id.org/asm-kg/';
const PREFIXES = `@prefix asm: <${BASE}ontology#> . @prefix st: <${BASE}id/statement/> . @prefix ws: <${BASE}id/workshop/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n`;
const index = (turtle: string) => new ResourceIndex(new Store(new Parser().parse(PREFIXES + turtle)), BASE);

const data = index(`
<${BASE}ontology> a <http://www.w3.org/2002/07/owl#Ontology> .
asm:Obstacle rdfs:subClassOf asm:Statement ; rdfs:label "obstacle"@en .
asm:Statement rdfs:label "statement"@en .
asm:raisedIn rdfs:label "raised in"@en .
st:a a asm:Obstacle, asm:Statement ; asm:text "Roads are poor"@en ; asm:raisedIn ws:1 ; asm:note [ rdfs:comment "nested" ; asm:deeper [ rdfs:comment "deeper" ] ] .
st:b asm:addresses st:a ; asm:text "Build roads"@en .
ws:1 rdfs:label "Workshop 1"@en, "Atelier 1"@fr .
<http://example.org/elsewhere> rdfs:seeAlso st:a .
`);

describe('ResourceIndex.has', () => {
  it('knows our IRIs that the data mentions, as subject or object, and hash namespaces with terms', () => {
    expect(data.has(`${BASE}id/statement/a`)).toBe(true);
    expect(data.has(`${BASE}id/workshop/1`)).toBe(true);
    expect(data.has(`${BASE}ontology`)).toBe(true);
  });

  it('knows nothing else: unknown IRIs, other bases, fragments, the files of dist/', () => {
    expect(data.has(`${BASE}id/statement/zzz`)).toBe(false);
    expect(data.has('http://example.org/elsewhere')).toBe(false);
    expect(data.has(`${BASE}ontology#Obstacle`)).toBe(false);
    expect(index(`<${BASE}dist/0.1.0/asm-kg.nq> rdfs:label "a dump" .`).has(`${BASE}dist/0.1.0/asm-kg.nq`)).toBe(false);
  });
});

describe('ResourceIndex.describe', () => {
  const description = data.describe(`${BASE}id/statement/a`)!;

  it('gives the triples about the resource, blank nodes followed to their end', () => {
    const objects = description.outgoing.map((q) => q.object.value);
    expect(objects).toEqual(expect.arrayContaining(['Roads are poor', `${BASE}id/workshop/1`, 'nested', 'deeper']));
  });

  it('gives the triples that point at it', () => {
    expect(description.incoming.map((q) => q.subject.value).sort()).toEqual(['http://example.org/elsewhere', `${BASE}id/statement/b`]);
  });

  it('labels what it links to: English first, a statement by its text', () => {
    expect(description.labels.get(`${BASE}id/workshop/1`)).toBe('Workshop 1');
    expect(description.labels.get(`${BASE}id/statement/b`)).toBe('Build roads');
    expect(description.labels.get(`${BASE}ontology#raisedIn`)).toBe('raised in');
    expect(description.labelQuads.map((q) => q.object.value)).toContain('Workshop 1');
  });

  it('describes the terms of a hash namespace with its document', () => {
    const ontology = data.describe(`${BASE}ontology`)!;
    expect(ontology.fragments).toEqual([`${BASE}ontology#Obstacle`, `${BASE}ontology#Statement`, `${BASE}ontology#raisedIn`]);
    expect(ontology.outgoing.some((q) => q.subject.value === `${BASE}ontology#Obstacle`)).toBe(true);
  });

  it(`gives at most ${MAX_INCOMING} incoming links, and says when it left some out`, () => {
    const many = index(Array.from({ length: MAX_INCOMING + 5 }, (_, i) => `st:s${i} asm:raisedIn ws:9 .`).join('\n'));
    const crowded = many.describe(`${BASE}id/workshop/9`)!;
    expect(crowded.incoming).toHaveLength(MAX_INCOMING);
    expect(crowded.incomingTruncated).toBe(true);
    expect(description.incomingTruncated).toBe(false);
  });

  it('gives undefined for what it does not know', () => {
    expect(data.describe(`${BASE}id/statement/zzz`)).toBeUndefined();
  });
});

describe('ResourceIndex.specificTypes', () => {
  it('drops the types implied by another type of the resource', () => {
    expect(data.specificTypes([`${BASE}ontology#Obstacle`, `${BASE}ontology#Statement`])).toEqual([`${BASE}ontology#Obstacle`]);
  });
});

describe('ResourceIndex.quadsOf', () => {
  it('gives every triple of a description once', () => {
    const description = data.describe(`${BASE}id/statement/b`)!;
    const quads = ResourceIndex.quadsOf(description);
    const keys = quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`${BASE}id/statement/b ${BASE}ontology#addresses ${BASE}id/statement/a`);
  });
});
