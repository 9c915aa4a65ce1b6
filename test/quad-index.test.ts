/**
 * QuadIndex (src/rdf/quad-index.ts) answers every pattern with the quads N3's Store gives, in the same order:
 * SHACL validation reads the build's graph through it, and must visit and report exactly as over the store.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, termToId, type Quad, type Term } from 'n3';
import { loadShapes, loadSources } from '../src/rdf/load.js';
import { QuadIndex } from '../src/rdf/quad-index.js';
import { createStore } from '../src/rdf/store.js';
import { validateGraph } from '../src/build/validate.js';
import { ROOT, scratchProject } from './support/project.js';

const spelt = (quads: Quad[]): string[] => quads.map((q) => [q.subject, q.predicate, q.object, q.graph].map(termToId).join(' '));

describe('QuadIndex', () => {
  const { quads } = loadSources(ROOT);
  const store = createStore(quads);
  const index = new QuadIndex(quads);

  it('holds each quad once, as the store does', () => {
    const doubled = new QuadIndex([...quads, ...quads.slice(0, 100)]);
    expect(doubled.size).toBe(store.size);
    expect(index.size).toBe(store.size);
  });

  it('answers every pattern of every quad (16 per quad) with the store\'s quads, in the store\'s order', () => {
    const seen = new Set<string>();
    for (const quad of quads) {
      const terms = [quad.subject, quad.predicate, quad.object, quad.graph];
      for (let given = 0; given < 16; given++) {
        const [s, p, o, g] = terms.map((term, k) => ((given >> k) & 1 ? term : null)) as [Term | null, Term | null, Term | null, Term | null];
        const pattern = [s, p, o, g].map((t) => (t ? termToId(t) : '?')).join(' ');
        if (seen.has(pattern)) continue;
        seen.add(pattern);
        if (spelt(index.match(s, p, o, g)).join('\n') !== spelt(store.getQuads(s, p, o, g)).join('\n')) {
          expect({ pattern: [s, p, o, g].map((t) => t && termToId(t)), answer: spelt(index.match(s, p, o, g)) })
            .toEqual({ pattern: [s, p, o, g].map((t) => t && termToId(t)), answer: spelt(store.getQuads(s, p, o, g)) });
        }
      }
    }
    expect(seen.size).toBeGreaterThan(quads.length);
    // The patterns above include the whole graph (no term given), in the store's order.
    expect(spelt(index.match())).toEqual(spelt(store.getQuads(null, null, null, null)));
  });

  it('answers nothing for a term the graph does not hold, in any position', () => {
    const unknown = DataFactory.namedNode('http://example.org/not-in-the-graph');
    const [known] = quads;
    expect(index.match(unknown)).toEqual([]);
    expect(index.match(known!.subject, unknown)).toEqual([]);
    expect(index.match(null, null, DataFactory.literal('not in the graph', 'en'))).toEqual([]);
    expect(index.match(null, null, null, unknown)).toEqual([]);
  });

  it('gives shacl-engine the same report as the store, for every broken fixture', async () => {
    const fixtures = join(import.meta.dirname, 'fixtures/shacl');
    for (const name of readdirSync(fixtures).sort()) {
      const project = scratchProject();
      try {
        copyFileSync(join(fixtures, name, 'input.ttl'), join(project.root, 'data/statements/broken.ttl'));
        const loaded = loadSources(project.root).quads;
        const shapes = loadShapes(project.root);
        const report = (data: Parameters<typeof validateGraph>[0]) => validateGraph(data, shapes).then((r) => r, (e: Error) => e.message);
        const [throughIndex, throughStore] = [await report(new QuadIndex(loaded)), await report(createStore(loaded))];
        expect(typeof throughStore === 'string' ? throughStore : '', name).toMatch(/violation/);
        expect(throughIndex, name).toEqual(throughStore);
      } finally {
        project.cleanup();
      }
    }
  });
});
