/** Helpers shared by the tests: a scratch copy of the project's sources, and the built graph. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { readFileSync } from 'node:fs';
import { PROJECT_ROOT } from '../../src/build.js';

export const ROOT = PROJECT_ROOT;
export const DIST = join(ROOT, 'dist');

/** A temporary copy of ontology/ and data/, to break on purpose. Returns its root and a cleanup. */
export function scratchProject(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'asm-kg-test-'));
  for (const dir of ['ontology', 'data']) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The committed dump as N3 quads. */
export function readDump(name = 'asm-kg.ttl'): Quad[] {
  return new Parser({ format: name.endsWith('.nt') ? 'N-Triples' : 'text/turtle' }).parse(readFileSync(join(DIST, name), 'utf8'));
}
