/**
 * compactFlatNodes (src/serialize/jsonld-flat.ts) gives the node objects jsonld.compact gives, key order
 * included, for every node of our graph and of a generated 10,000-triple corpus; and declines a node it
 * does not cover, so that the caller falls back to jsonld.compact.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { DataFactory, type Quad } from 'n3';
import { generateCorpus } from '../bench/generate-corpus.js';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadSources } from '../src/rdf/load.js';
import { jsonldContext } from '../src/serialize/jsonld-context.js';
import { compactFlatNodes } from '../src/serialize/jsonld-flat.js';
import { sortedTriples } from '../src/serialize/order.js';
import { ROOT } from './support/project.js';

const context = jsonldContext(DEFAULT_BASE);

/** What the dump's writer gives jsonld.js: fromRDF with native types, xsd:string dropped (src/serialize/jsonld.ts). */
async function expanded(triples: Quad[]): Promise<Array<Record<string, unknown>>> {
  const nodes = await jsonld.fromRDF(triples as unknown as object, { useNativeTypes: true }) as Array<Record<string, unknown>>;
  const drop = (value: unknown): void => {
    if (Array.isArray(value)) { value.forEach(drop); return; }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if ('@value' in node && node['@type'] === 'http://www.w3.org/2001/XMLSchema#string') { delete node['@type']; return; }
    Object.values(node).forEach(drop);
  };
  drop(nodes);
  return nodes;
}

/** jsonld.compact's node objects for the same expanded nodes, as the writer read them before. */
async function byJsonLd(nodes: Array<Record<string, unknown>>): Promise<unknown[]> {
  const compacted = await jsonld.compact(structuredClone(nodes) as never, context['@context'] as never, { skipExpansion: true } as never) as unknown as Record<string, unknown>;
  const { '@context': _context, ...single } = compacted;
  return (compacted['@graph'] as unknown[] | undefined) ?? [single];
}

const corpus = mkdtempSync(join(tmpdir(), 'asm-kg-jsonld-flat-'));
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

describe('compactFlatNodes', () => {
  it.each([['our graph', ROOT], ['a 10,000-triple corpus', corpus]])('gives jsonld.compact\'s node objects, key order included, for %s', async (_name, root) => {
    if (root === corpus) generateCorpus(corpus, 10_000);
    const nodes = await expanded(sortedTriples(loadSources(root).quads));
    const flat = await compactFlatNodes(structuredClone(nodes), context);
    expect(flat).toBeDefined();
    expect(flat!.length).toBeGreaterThan(300);
    expect(JSON.stringify(flat)).toBe(JSON.stringify(await byJsonLd(nodes)));
  }, 60_000);

  it('declines a node with a blank node, so that the writer uses jsonld.compact', async () => {
    const quad = DataFactory.quad(DataFactory.namedNode(`${DEFAULT_BASE}id/statement/x`), DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#seeAlso'), DataFactory.blankNode('b1'));
    expect(await compactFlatNodes(await expanded([quad]), context)).toBeUndefined();
  });
});
