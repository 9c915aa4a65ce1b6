/**
 * deferComunicaRunner (src/query/defer-runner.ts): an engine loads without @comunica/runner's dependencies,
 * and the runner still works, loaded on first use. Its own file, so that its process has loaded nothing else.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { loadGraph } from '../src/query/load-graph.js';
import { query } from '../src/query/engine.js';

const require = createRequire(import.meta.url);
const loaded = (part: string): boolean => Object.keys(require.cache).some((path) => path.includes(part));

describe('deferComunicaRunner', () => {
  it('lets a query run without loading Components.js, and loads the runner when it is used', async () => {
    const graph = await loadGraph();
    expect(await query(graph, 'ASK { ?s ?p ?o }')).toEqual({ type: 'boolean', value: true });
    expect(loaded('/node_modules/componentsjs/')).toBe(false);

    const initQuery = createRequire(require.resolve('@comunica/query-sparql-rdfjs-lite')).resolve('@comunica/actor-init-query');
    const runner = createRequire(initQuery)('@comunica/runner') as { instantiateComponent: unknown };
    expect(typeof runner.instantiateComponent).toBe('function');
    expect(loaded('/node_modules/componentsjs/')).toBe(true);
  }, 60_000);
});
