/**
 * Bad Turtle fails the build with the file, line and column (golden messages in
 * test/fixtures/turtle/<case>/expected-error.txt), and a failed build leaves dist/ as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/build/build.js';
import { SyntaxInputError } from '../src/core/errors.js';
import { parseTurtle } from '../src/rdf/parse.js';
import { ROOT, scratchProject } from './support/project.js';
import { readRelease } from '../src/core/release.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/turtle');
const cases = readdirSync(FIXTURES).sort();

describe('parseTurtle', () => {
  it('returns the triples of good Turtle, in the given graph', () => {
    const quads = parseTurtle('<http://example.org/a> <http://example.org/b> "c"@en .', 'x.ttl', 'http://example.org/g');
    expect(quads).toHaveLength(1);
    expect(quads[0]!.graph.value).toBe('http://example.org/g');
  });
});

describe('build on bad Turtle', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it.each(cases)('%s: names the file, line and column, and leaves dist/ untouched', async (name) => {
    const project = scratchProject();
    cleanup = project.cleanup;
    copyFileSync(join(FIXTURES, name, 'input.ttl'), join(project.root, 'data/statements/input.ttl'));
    const outDir = join(project.root, 'dist');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'previous-release.txt'), 'the previous release');

    const failure = await build({ root: project.root, outDir }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(SyntaxInputError);
    expect((failure as Error).message).toBe(readFileSync(join(FIXTURES, name, 'expected-error.txt'), 'utf8'));
    expect(readdirSync(outDir).sort()).toEqual([...readRelease(ROOT).previousVersions, 'previous-release.txt'].sort());
    expect(readdirSync(project.root).sort()).toEqual(['data', 'dist', 'ontology']);
  });
});
