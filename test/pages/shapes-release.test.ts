/**
 * The SHACL shapes are published with the release (dist/<version>/shapes.ttl), listed in DCAT with its
 * checksum, byte-stable from build to build, and the same graph as ontology/shapes/asm-shapes.ttl. The
 * ontology page shows what each class's shape requires from the same file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import canonize from 'rdf-canonize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { loadShapes } from '../../src/rdf/load.js';
import { readRelease } from '../../src/core/release.js';
import { BASE, ROOT } from './support.js';
import { sharedRelease } from '../support/shared-builds.js';

const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-shapes-'));
const version = readRelease(ROOT).version;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function canonical(quads: Quad[]): Promise<string> {
  const graph = { termType: 'DefaultGraph', value: '' };
  return canonize.canonize(quads.map(({ subject, predicate, object }) => ({ subject, predicate, object, graph })), { algorithm: 'RDFC-1.0' });
}

/** `a`: the run's fresh build (test/support/shared-builds.ts, made in another process); `b`: one made here. */
const built = { a: '', b: join(scratch, 'b') };
beforeAll(async () => {
  built.a = (await sharedRelease()).outDir;
  // A second build, in this process after the blank node counter has moved on: the same bytes.
  for (let i = 0; i < 17; i++) DataFactory.blankNode();
  await build({ outDir: built.b });
}, 600_000);

describe('shapes.ttl', () => {
  it('is the graph of the shapes the build validates with, and the same bytes from build to build', async () => {
    const text = readFileSync(join(built.a, version, 'shapes.ttl'), 'utf8');
    expect(readFileSync(join(built.b, version, 'shapes.ttl'), 'utf8')).toBe(text);
    const published = new Parser().parse(text);
    expect(await canonical(published)).toBe(await canonical(loadShapes(ROOT, BASE)));
  });

  it('is a distribution of the release in DCAT, with its size and SHA-256', async () => {
    const bytes = readFileSync(join(built.a, version, 'shapes.ttl'));
    const dcat = new Store(new Parser().parse(readFileSync(join(built.a, 'dcat.ttl'), 'utf8')));
    const distribution = `${BASE}dataset/${version}/distribution/shapes.ttl`;
    const one = (s: string, p: string) => dcat.getObjects(s, p, null)[0]?.value;
    expect(dcat.getSubjects('http://www.w3.org/ns/dcat#distribution', distribution, null).map((t) => t.value)).toEqual([`${BASE}dataset/${version}`]);
    expect(one(distribution, 'http://www.w3.org/ns/dcat#downloadURL')).toBe(`${BASE}dist/${version}/shapes.ttl`);
    expect(one(distribution, 'http://www.w3.org/ns/dcat#byteSize')).toBe(String(bytes.length));
    const checksum = dcat.getObjects(distribution, 'http://spdx.org/rdf/terms#checksum', null)[0]!;
    expect(dcat.getObjects(checksum, 'http://spdx.org/rdf/terms#checksumValue', null)[0]?.value).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
