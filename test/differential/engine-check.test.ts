/**
 * The build's engine check (src/query/engine-check.ts): every literal of the built graph comes back from
 * Oxigraph's store as the very term written, so that a non-canonical literal (0.2.0's "1.000"^^xsd:decimal,
 * which Oxigraph gave back as "1") cannot slip in again; a build whose data has one fails, names the dump's
 * line and the literal, and leaves the old dist/ in place; and a catalogue query the engines answer
 * differently is named with its first differing row.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { tripleKey } from '../../src/core/term-key.js';
import { checkCatalogue, checkLiterals, difference, EngineMismatchError } from '../../src/query/engine-check.js';
import { addMergedDefaultGraph } from '../../src/query/default-graph.js';
import { OxigraphEngine } from '../../src/query/oxigraph-engine.js';
import { query } from '../../src/query/engine.js';
import { createStore } from '../../src/rdf/store.js';
import { scratchProject } from '../support/project.js';
import { sharedRelease } from '../support/shared-builds.js';
import { readQuads } from './engines.js';

/** Blank nodes compared alike: Oxigraph and the N-Quads parser label them each their own way. */
const ANONYMOUS = { anonymousBlankNodes: true };

const BASE = 'https://w3id.org/asm-kg/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

let project: ReturnType<typeof scratchProject>;
let dump: string;
beforeAll(async () => {
  project = scratchProject();
  // The project's dist/ as a build of its sources leaves it: the run's fresh build (test/support/shared-builds.ts).
  const release = await sharedRelease();
  rmSync(join(project.root, 'dist'), { recursive: true, force: true });
  cpSync(release.outDir, join(project.root, 'dist'), { recursive: true });
  dump = join(project.root, 'dist', release.report.release.version, 'asm-kg.nq');
}, 600_000);
afterAll(() => project?.cleanup());

describe('every literal of the built graph comes back from Oxigraph as written', () => {
  it('holds for the built graph, literal by literal', () => {
    const nquads = readFileSync(dump, 'utf8');
    expect(() => checkLiterals(nquads, 'asm-kg.nq')).not.toThrow();
    // And independently of the check: the whole dump loaded into Oxigraph holds every decimal as written.
    const engine = OxigraphEngine.fromNQuads(nquads);
    const literals = readQuads(dump).filter((q) => q.object.termType === 'Literal');
    expect(literals.length).toBeGreaterThan(1000);
    const decimals = literals.filter((q) => q.object.termType === 'Literal' && q.object.datatype.value === `${XSD}decimal`);
    expect(decimals.length).toBeGreaterThan(10);
    const stored = new Set(engine.quads().map((q) => tripleKey(q, ANONYMOUS)));
    for (const q of decimals) expect(stored.has(tripleKey(q, ANONYMOUS)), q.object.value).toBe(true);
  });

  it('fails on a non-canonical literal, naming the line and the literal', () => {
    const line = '<https://w3id.org/asm-kg/id/x> <https://w3id.org/asm-kg/ontology#similarity> "1.000"^^<http://www.w3.org/2001/XMLSchema#decimal> <https://w3id.org/asm-kg/graph/links> .';
    const nquads = `${readFileSync(dump, 'utf8')}${line}\n`;
    const lines = nquads.split('\n').length - 1;
    expect(() => checkLiterals(nquads, 'asm-kg.nq')).toThrow(new EngineMismatchError(`asm-kg.nq:${lines}`,
      'Oxigraph\'s store does not give the literal "1.000"^^<http://www.w3.org/2001/XMLSchema#decimal> back as written (of <https://w3id.org/asm-kg/id/x> <https://w3id.org/asm-kg/ontology#similarity>): write it in its canonical form'));
  });

  it('fails the build on such a literal in the data, and leaves the old release in place', async () => {
    const echoes = join(project.root, 'data', 'editorial', 'echoes.ttl');
    const text = readFileSync(echoes, 'utf8');
    const canonical = /asm:similarity "?0\.(\d+)"?(?:\^\^xsd:decimal)? ;/.exec(text);
    expect(canonical, 'a similarity score to rewrite').not.toBeNull();
    writeFileSync(echoes, text.replace(canonical![0], `asm:similarity 0.${canonical![1]}000 ;`));
    const before = readFileSync(dump);
    await expect(build({ root: project.root })).rejects.toThrow(/asm-kg\.nq:\d+: Oxigraph's store does not give the literal "0\.\d+000"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#decimal> back as written/);
    expect(readFileSync(dump).equals(before)).toBe(true);
    expect(existsSync(`${join(project.root, 'dist')}.tmp-${process.pid}`)).toBe(false);
    writeFileSync(echoes, text);
  }, 300_000);
});

describe('the catalogue on both engines', () => {
  it('names the query and the first differing row', async () => {
    const nquads = readFileSync(dump, 'utf8');
    const quads = readQuads(dump);
    const store = createStore(quads);
    addMergedDefaultGraph(store);
    const graph = { store, endpoints: [], sources: ['dump'], size: store.size };
    const engine = OxigraphEngine.fromNQuads(nquads);
    const text = 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?c ?label WHERE { ?c skos:prefLabel ?label } ORDER BY ?c ?label';
    const item = { name: 'labels', path: 'queries/labels.rq', text };
    await checkCatalogue(engine, [item], { base: BASE, graph });

    const answer = await query(graph, text, { name: 'labels' });
    if (answer.type !== 'bindings') throw new Error('a SELECT');
    const changed = { ...answer, rows: answer.rows.map((row, i) => (i === 2 ? { ...row, label: DataFactory.literal(`${row.label!.value}!`, (row.label as { language: string }).language) } : row)) };
    const third = answer.rows[2]!;
    await expect(checkCatalogue(engine, [item], { base: BASE, answers: new Map([['labels', changed]]) })).rejects.toThrow(
      `queries/labels.rq: Comunica (asm-kg query, the site) and Oxigraph (asm-kg serve) answer differently: ${answer.rows.length} rows from Comunica, ${answer.rows.length} from Oxigraph; row 3: `
      + `Comunica ?c=<${third.c!.value}> ?label=${JSON.stringify(`${third.label!.value}!`)}@en, Oxigraph ?c=<${third.c!.value}> ?label=${JSON.stringify(third.label!.value)}@en`);
  });

  it('compares unordered rows as a multiset, booleans and graphs exactly', () => {
    const a = DataFactory.namedNode('http://a');
    const b = DataFactory.namedNode('http://b');
    const one = DataFactory.literal('1', DataFactory.namedNode(`${XSD}decimal`));
    const oneZero = DataFactory.literal('1.0', DataFactory.namedNode(`${XSD}decimal`));
    expect(difference({ type: 'bindings', variables: ['x'], rows: [{ x: a }, { x: b }] }, { type: 'bindings', variables: ['x'], rows: [{ x: b }, { x: a }] }, false)).toBeUndefined();
    expect(difference({ type: 'bindings', variables: ['x'], rows: [{ x: a }, { x: b }] }, { type: 'bindings', variables: ['x'], rows: [{ x: b }, { x: a }] }, true)).toBe('2 rows from Comunica, 2 from Oxigraph; row 1: Comunica ?x=<http://a>, Oxigraph ?x=<http://b>');
    expect(difference({ type: 'bindings', variables: ['x'], rows: [{ x: one }] }, { type: 'bindings', variables: ['x'], rows: [{ x: oneZero }] }, false)).toBe('1 rows from Comunica, 1 from Oxigraph; sorted row 1: Comunica ?x="1"^^<http://www.w3.org/2001/XMLSchema#decimal>, Oxigraph ?x="1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>');
    expect(difference({ type: 'boolean', value: true }, { type: 'boolean', value: false }, false)).toBe('Comunica answers true, Oxigraph false');
    expect(difference({ type: 'quads', quads: [DataFactory.quad(a, a, b)] }, { type: 'quads', quads: [DataFactory.quad(a, a, b), DataFactory.quad(a, a, b)] }, false)).toBeUndefined();
  });
});
