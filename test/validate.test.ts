/**
 * SHACL rejects broken statements: each folder of test/fixtures/shacl adds one broken resource to a copy
 * of the data, and the build must fail with exactly the messages in expected-error.txt.
 *
 * Each fixture's message is asserted on what the build validates (loadSources, as build() loads the graph,
 * in a QuadIndex, against loadShapes), through validateGraph and the ValidationFailedError it throws: the code
 * that makes the build's message, here without the dumps the build writes beside it and without the child
 * process it validates in (which only passes the violations back). One fixture goes through a whole build(),
 * child process included, which must fail with the same message and leave dist/ as it was: what a failed
 * validation leaves in dist/ does not depend on which rule failed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/build/build.js';
import { ValidationFailedError } from '../src/core/errors.js';
import { DEFAULT_BASE } from '../src/core/iri.js';
import { loadShapes, loadSources } from '../src/rdf/load.js';
import { QuadIndex } from '../src/rdf/quad-index.js';
import { validateGraph } from '../src/build/validate.js';
import { ROOT, scratchProject } from './support/project.js';
import { readRelease } from '../src/core/release.js';
import { rejection } from './support/rejection.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/shacl');
const NAMES = readdirSync(FIXTURES).sort();
const expectedError = (name: string): string => readFileSync(join(FIXTURES, name, 'expected-error.txt'), 'utf8');

describe('validateGraph', () => {
  it('accepts the project data with no warnings', async () => {
    const { quads } = loadSources(ROOT);
    expect(await validateGraph(quads, loadShapes(ROOT))).toEqual({ warnings: [] });
  });

  // One copy of the sources for the fixtures' messages: each puts its broken resource in the same file. Made in
  // a hook, so that a run whose filter skips these tests makes none.
  let sources: ReturnType<typeof scratchProject>;
  beforeAll(() => { sources = scratchProject(); });
  afterAll(() => sources?.cleanup());

  it.each(NAMES)('rejects %s with a message naming the resource, path and rule', async (name) => {
    copyFileSync(join(FIXTURES, name, 'input.ttl'), join(sources.root, 'data/statements/broken.ttl'));
    // What build() validates (src/build/validate-process.ts): the loaded sources as a QuadIndex, and the shapes.
    const loaded = loadSources(sources.root, DEFAULT_BASE);
    const failure = await rejection(validateGraph(new QuadIndex(loaded.quads), loadShapes(sources.root, DEFAULT_BASE)));
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect(`${failure.message}\n`).toBe(expectedError(name));
  });
});

describe('a build whose graph fails validation', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it(`fails with the validation's message (${NAMES[0]}), and nothing of it reaches dist/`, async () => {
    const project = scratchProject();
    cleanup = project.cleanup;
    copyFileSync(join(FIXTURES, NAMES[0]!, 'input.ttl'), join(project.root, 'data/statements/broken.ttl'));
    const failure = await build({ root: project.root }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect(`${(failure as Error).message}\n`).toBe(expectedError(NAMES[0]!));
    // Nothing of the failed build reached dist/: it holds the released folders it had, and no current version.
    expect(readdirSync(join(project.root, 'dist')).sort()).toEqual([...readRelease(ROOT).previousVersions].sort());
  });
});
