/**
 * SHACL rejects broken statements: each folder of test/fixtures/shacl adds one broken resource to a copy
 * of the data, and the build must fail with exactly the messages in expected-error.txt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/build/build.js';
import { ValidationFailedError } from '../src/core/errors.js';
import { loadShapes, loadSources } from '../src/rdf/load.js';
import { validateGraph } from '../src/build/validate.js';
import { ROOT, scratchProject } from './support/project.js';
import { readRelease } from '../src/core/release.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/shacl');

describe('validateGraph', () => {
  it('accepts the project data with no warnings', async () => {
    const { quads } = loadSources(ROOT);
    expect(await validateGraph(quads, loadShapes(ROOT))).toEqual({ warnings: [] });
  });

  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it.each(readdirSync(FIXTURES).sort())('rejects %s with a message naming the resource, path and rule', async (name) => {
    const project = scratchProject();
    cleanup = project.cleanup;
    copyFileSync(join(FIXTURES, name, 'input.ttl'), join(project.root, 'data/statements/broken.ttl'));
    const failure = await build({ root: project.root }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect(`${(failure as Error).message}\n`).toBe(readFileSync(join(FIXTURES, name, 'expected-error.txt'), 'utf8'));
    // Nothing of the failed build reached dist/: it holds the released folders it had, and no current version.
    expect(readdirSync(join(project.root, 'dist')).sort()).toEqual([...readRelease(ROOT).previousVersions].sort());
  });
});
