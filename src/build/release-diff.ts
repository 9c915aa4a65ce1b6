/**
 * The machine-readable difference between this release and the one before it: the quads added and the
 * quads removed, each as an N-Quads file in the new version's folder (so every change is stated per named
 * graph, by its fourth term). Applying it is set arithmetic on quads: (previous − removed) ∪ added = current.
 *
 * The previous release is read from its frozen dump, dist/<previous>/asm-kg.nq, of the committed dist/ (the
 * folder the build carries over byte for byte). Both sides pass through the same N-Quads writer, so that a
 * quad is compared by its canonical line, never by how an older writer happened to escape it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { PACKAGE_ROOT } from '../core/paths.js';
import { NQUADS_DUMP, type Release } from '../core/release.js';
import { carriedVersions } from './released-versions.js';
import { toNQuads } from '../serialize/rdf-text.js';

/** The committed dist/ of this package. */
const COMMITTED_DIST = join(PACKAGE_ROOT, 'dist');

export interface ReleaseDiff {
  /** The version compared with, e.g. "0.1.0". */
  since: string;
  /** File names inside the current version's folder. */
  addedFile: string;
  removedFile: string;
  /** Sorted N-Quads text of the quads added and removed. */
  added: string;
  removed: string;
  addedCount: number;
  removedCount: number;
}

/** File names of the diff against `since`, e.g. changes-since-0.1.0.added.nq. */
export const diffFileNames = (since: string): { added: string; removed: string } => ({
  added: `changes-since-${since}.added.nq`,
  removed: `changes-since-${since}.removed.nq`,
});

/** The canonical N-Quads lines of some quads (sorted, no empty line). */
export function nquadLines(quads: Quad[]): string[] {
  return quads.length === 0 ? [] : toNQuads(quads).split('\n').filter((line) => line !== '');
}

/** Parses an N-Quads document; a parse error names the file. */
export function readNQuads(path: string): Quad[] {
  try {
    return new Parser({ format: 'N-Quads' }).parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

/**
 * The diff of the current quads against the latest released version, or undefined when there is none to
 * compare with (the first release, or a build under another base, which carries no released folders).
 */
export function releaseDiff(current: Quad[], base: string, release: Release, distDir = COMMITTED_DIST): ReleaseDiff | undefined {
  const since = carriedVersions(release, base).at(-1);
  if (since === undefined) return undefined;
  const path = join(distDir, since, NQUADS_DUMP);
  if (!existsSync(path)) throw new Error(`${path}: the dump of released version ${since} is missing, so the diff of ${release.version} against it cannot be written`);
  const before = new Set(nquadLines(readNQuads(path)));
  const after = new Set(nquadLines(current));
  const added = [...after].filter((line) => !before.has(line));
  const removed = [...before].filter((line) => !after.has(line));
  const text = (lines: string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  const names = diffFileNames(since);
  return {
    since, addedFile: names.added, removedFile: names.removed,
    added: text(added), removed: text(removed), addedCount: added.length, removedCount: removed.length,
  };
}
