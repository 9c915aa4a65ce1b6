/** Helpers shared by the tests: a scratch copy of the project's sources, and the built graph. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../../src/core/paths.js';
import { readRelease } from '../../src/core/release.js';

/** The project's root: core/paths.ts is small, where importing src/build/build.js would load the whole build. */
export const ROOT = PROJECT_ROOT;
export const DIST = join(ROOT, 'dist');
/** The folder of the current release's dumps, dist/<version>/. */
export const RELEASE_DIR = join(DIST, readRelease(ROOT).version);

/** A temporary copy of ontology/, data/ and the released dist/ folders, to break on purpose. Returns its root and a cleanup. */
export function scratchProject(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'asm-kg-test-'));
  for (const dir of ['ontology', 'data']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  // A project has its released versions in dist/; the build carries them over and refuses to run without them.
  for (const version of readRelease(ROOT).previousVersions) cpSync(join(DIST, version), join(root, 'dist', version), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const FORMATS: Record<string, string> = { ttl: 'text/turtle', nt: 'N-Triples', nq: 'N-Quads', trig: 'application/trig' };

/** A committed dump of the current release as N3 quads (Turtle, N-Triples, N-Quads or TriG). */
export function readDump(name = 'asm-kg.ttl'): Quad[] {
  const format = FORMATS[name.slice(name.lastIndexOf('.') + 1)]!;
  return new Parser({ format }).parse(readFileSync(join(RELEASE_DIR, name), 'utf8'));
}
