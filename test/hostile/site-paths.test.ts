/**
 * Finding 2 of the second hostile review: a theme IRI `…/id/theme/../../../../outside/x` passed
 * `asm-kg build` (SHACL included), and `asm-kg site --out DIR` then wrote x.html, .ttl, .nt, .jsonld
 * and .rdf outside DIR. The build now refuses IRIs under the base whose path is not plain segments
 * (src/core/iri-path.ts), naming the resource and the rule; the site checks the graph it reads with the
 * same rule, and every name it writes stays inside its folder (src/core/path-inside.ts).
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { unsafeIriPath } from '../../src/core/iri-path.js';
import { pathInside } from '../../src/core/path-inside.js';
import { ValidationFailedError } from '../../src/core/errors.js';
import { readRelease } from '../../src/core/release.js';
import { buildSite } from '../../src/site/build-site.js';
import { DIST, ROOT, scratchProject } from '../support/project.js';

const BASE = 'https://w3id.org/asm-kg/';
const ESCAPING = `${BASE}id/theme/../../../../outside/x`;
const RULE_MESSAGE = `SHACL validation failed with 1 violation:\n  Violation: <${ESCAPING}> [asm-kg:safe-iri-path] an IRI under the base becomes a file of the static site and a w3id.org path, so it must be plain segments: it has a dot segment ("..")`;

let cleanups: Array<() => void> = [];
afterEach(() => { for (const cleanup of cleanups) cleanup(); cleanups = []; });

describe('the IRI rule', () => {
  it.each([
    ['a dot segment', `${BASE}id/theme/../x`, 'it has a dot segment ("..")'],
    ['a single-dot segment', `${BASE}id/./theme/x`, 'it has a dot segment (".")'],
    ['a percent-encoded slash', `${BASE}id/theme/..%2Fx`, 'it holds a percent-encoded slash, dot, backslash or NUL (%2F, %2E, %5C, %00)'],
    ['percent-encoded dots', `${BASE}id/theme/%2e%2e/x`, 'it holds a percent-encoded slash, dot, backslash or NUL (%2F, %2E, %5C, %00)'],
    ['a backslash', `${BASE}id/theme/..\\x`, 'it holds a backslash'],
    ['a control character', `${BASE}id/theme/x\u0001`, 'it holds a control character'],
    ['white space', `${BASE}id/theme/x\u3000y`, 'it holds white space'],
    ['an empty segment', `${BASE}id//theme`, 'it has an empty segment ("//")'],
    ['a character with a meaning in a URL', `${BASE}id/theme/a|b`, 'it holds a character that is not allowed in an IRI path (<>"{}|^`)'],
  ])('refuses %s', (_name, iri, reason) => {
    expect(unsafeIriPath(iri, BASE)).toBe(reason);
  });

  it('accepts the IRIs the project mints, a folder, and what follows # or ?', () => {
    for (const iri of [`${BASE}id/statement/w2-a-1.2`, `${BASE}ontology#Obstacle`, `${BASE}id/statement/`, BASE, `${BASE}dataset/0.3.0/distribution/asm-kg.ttl`, `${BASE}x?a=../b#../c`, 'http://example.org/../x']) {
      expect(unsafeIriPath(iri, BASE)).toBeUndefined();
    }
  });
});

describe('pathInside', () => {
  it.each([
    ['../x', 'it has a dot segment ("..")'],
    ['a/../../x', 'it has a dot segment ("..")'],
    ['/etc/passwd', 'it is an absolute path'],
    ['a\\..\\x', 'it holds a backslash'],
    ['a//b', 'it has an empty segment ("//" or a trailing "/")'],
    ['a/./b', 'it has a dot segment (".")'],
    ['x\u0000', 'it holds a control character'],
  ])('refuses %j', (name, reason) => {
    expect(() => pathInside('/tmp/site', name)).toThrow(`${JSON.stringify(name)}: not a safe file name inside /tmp/site: ${reason}`);
  });

  it('gives the path inside the folder for a plain name', () => {
    expect(pathInside('/tmp/site', 'id/theme/x.ttl')).toBe('/tmp/site/id/theme/x.ttl');
  });
});

describe('the issue\'s reproduction', () => {
  it('asm-kg build refuses the theme IRI, naming it and the rule, and writes nothing', async () => {
    const project = scratchProject();
    cleanups.push(project.cleanup);
    appendFileSync(join(project.root, 'data/editorial/themes.ttl'), `\n<${ESCAPING}> a asm:Theme ;\n    skos:prefLabel "outside"@en ;\n    skos:definition "A theme whose IRI climbs out of its folder."@en ;\n    skos:inScheme scheme:themes .\n`);
    const outDir = join(project.root, 'out');
    const error = await build({ root: project.root, outDir }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as Error).message).toBe(RULE_MESSAGE);
    expect(existsSync(outDir)).toBe(false);
  });

  it('asm-kg site refuses a dist/ that holds it, and writes nothing inside or outside the folder', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'asm-kg-site-paths-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const root = join(scratch, 'project');
    for (const dir of ['ontology', 'data', 'queries']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
    cpSync(DIST, join(root, 'dist'), { recursive: true });
    // A dist/ made by a build without the rule: the IRI is in the dump the site reads.
    const version = readRelease(ROOT).version;
    appendFileSync(join(root, 'dist', version, 'asm-kg.nq'), `<${ESCAPING}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${BASE}ontology#Theme> <${BASE}graph/editorial> .\n<${ESCAPING}> <http://www.w3.org/2004/02/skos/core#prefLabel> "outside"@en <${BASE}graph/editorial> .\n`);
    // DIR/id/theme/../../../../outside/x is <scratch>/sites/outside/x: the old build wrote x.html, .ttl, … there.
    const sites = join(scratch, 'sites');
    mkdirSync(sites);
    const outDir = join(sites, 'a', 'site');
    const error = await buildSite({ root, outDir }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as Error).message).toBe(RULE_MESSAGE);
    expect(readdirSync(sites)).toEqual([]);
    expect(existsSync(join(scratch, 'outside'))).toBe(false);
  }, 300_000);
});
