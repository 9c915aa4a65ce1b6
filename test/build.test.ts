/**
 * The build: the committed dist/ is exactly what the sources build, every build writes the same bytes,
 * the formats carry the same graph, and the base IRI is an option.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store, type Quad } from 'n3';
import canonize from 'rdf-canonize';
import { build } from '../src/build/build.js';
import { DIST, readDump, RELEASE_DIR } from './support/project.js';
import { sharedRelease, type SharedRelease } from './support/shared-builds.js';

const VERSION = RELEASE_DIR.slice(DIST.length + 1);

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file under `dir`, by path relative to it. */
const files = (dir: string): Record<string, Buffer> =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
    .map((name) => [name, readFileSync(join(dir, name))]));

async function canonical(quads: Quad[]): Promise<string> {
  const graph = { termType: 'DefaultGraph', value: '' };
  return canonize.canonize(quads.map(({ subject, predicate, object }) => ({ subject, predicate, object, graph })), { algorithm: 'RDFC-1.0' });
}


/** The run's fresh build of the sources (test/support/shared-builds.ts). */
let shared: SharedRelease;
beforeAll(async () => { shared = await sharedRelease(); }, 600_000);

describe('build', () => {
  it('makes exactly the committed dist/ (run `npm run build` and commit if this fails)', () => {
    const fresh = files(shared.outDir);
    const committed = files(DIST);
    expect(Object.keys(committed)).toEqual(Object.keys(fresh));
    for (const name of Object.keys(fresh)) expect(committed[name]!.equals(fresh[name]!), `dist/${name} differs from a fresh build`).toBe(true);
  });

  it('writes the same bytes every time', async () => {
    // This build, in this process, against the shared one, made by another process from a copy of the sources.
    const again = join(scratch, 'again');
    await build({ outDir: again });
    // Names, then bytes with Buffer.equals: toEqual would walk megabytes of Buffers element by element (a minute).
    const [mine, theirs] = [files(again), files(shared.outDir)];
    expect(Object.keys(mine)).toEqual(Object.keys(theirs));
    for (const name of Object.keys(mine)) expect(mine[name]!.equals(theirs[name]!), `${name} differs between two builds`).toBe(true);
  }, 120_000);

  it('reports every file it wrote, with its size and, for dumps, its triple count', () => {
    const { outDir, report } = shared;
    expect(report.files.map((f) => f.name).sort()).toEqual(Object.keys(files(outDir)));
    for (const file of report.files) expect(file.bytes, file.name).toBe(statSync(join(outDir, file.name)).size);
    const nt = readFileSync(join(outDir, `${VERSION}/asm-kg.nt`), 'utf8').trim().split('\n').length;
    expect(report.files.find((f) => f.name === `${VERSION}/asm-kg.ttl`)!.triples).toBe(nt);
    expect(report.triples).toBe(nt);
  });

  it('mints every IRI under the base it is given', async () => {
    const outDir = join(scratch, 'rebased');
    const report = await build({ outDir, base: 'https://example.org/kg/' });
    const nt = readFileSync(join(outDir, `${VERSION}/asm-kg.nt`), 'utf8');
    expect(nt).not.toContain('https://w3id.org/asm-kg/');
    expect(nt).toContain('<https://example.org/kg/id/statement/w2-a-1> <https://example.org/kg/ontology#text> "ASM can and should be legalised"@en .');
    expect(report.triples).toBe(readDump('asm-kg.nt').length);
  });
});

describe('the dumps', () => {
  it('carry the same graph in Turtle, N-Triples and JSON-LD', async () => {
    const turtle = await canonical(readDump('asm-kg.ttl'));
    const ntriples = await canonical(readDump('asm-kg.nt'));
    const document = JSON.parse(readFileSync(join(RELEASE_DIR, 'asm-kg.jsonld'), 'utf8'));
    const fromJsonLd = await jsonld.toRDF(document, { format: 'application/n-quads' }) as unknown as string;
    const jsonLdQuads = new Parser({ format: 'N-Quads' }).parse(fromJsonLd);
    expect(turtle.split('\n').length).toBeGreaterThan(2500);
    expect(ntriples).toBe(turtle);
    expect(await canonical(jsonLdQuads)).toBe(turtle);
  });

  it('embed in the JSON-LD dump the context published as context.jsonld', () => {
    const document = JSON.parse(readFileSync(join(RELEASE_DIR, 'asm-kg.jsonld'), 'utf8'));
    const context = JSON.parse(readFileSync(join(DIST, 'context.jsonld'), 'utf8'));
    expect(document['@context']).toEqual(context['@context']);
    expect(document['@graph'].find((n: { id: string }) => n.id === 'st:w2-a-1').text).toBe('ASM can and should be legalised');
  });

  it('sort N-Triples lines and keep the ontology on its own', async () => {
    const lines = readFileSync(join(RELEASE_DIR, 'asm-kg.nt'), 'utf8').trim().split('\n');
    expect([...lines].sort()).toEqual(lines);
    const ontology = readDump('ontology.ttl');
    const subjects = new Set(ontology.map((q) => q.subject.value));
    expect(subjects.has('https://w3id.org/asm-kg/ontology')).toBe(true);
    expect(subjects.has('https://w3id.org/asm-kg/id/statement/w2-a-1')).toBe(false);
    const full = new Store(readDump('asm-kg.nt'));
    expect(ontology.length).toBeGreaterThan(200);
    expect(ontology.filter((q) => !full.has(q))).toEqual([]);
  });
});
