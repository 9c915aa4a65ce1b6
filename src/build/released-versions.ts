/**
 * Released versions are frozen: once dist/<version>/ is published its bytes never change, because its URLs
 * are cited and cached for good. A build writes only the current version and carries every earlier one
 * (data/release.json "previousVersions") over from the committed dist/ byte for byte.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_BASE } from '../core/iri.js';
import type { Release, WrittenFile } from '../core/release.js';

/**
 * The released folders that a build under `base` carries over. They were published under the default base,
 * so a build for another base (a mirror, a test) carries none: its IRIs would not be theirs.
 */
export function carriedVersions(release: Release, base: string): string[] {
  return base === DEFAULT_BASE ? release.previousVersions : [];
}

/** Throws, before anything is built, if a released folder is missing from the committed dist/. */
export function checkReleasedFolders(releasedDir: string, versions: string[]): void {
  for (const version of versions) {
    const folder = join(releasedDir, version);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new Error(`${folder}: version ${version} was released (data/release.json "previousVersions") and its folder is missing; restore it with \`git checkout -- dist/${version}\``);
    }
  }
}

/** Copies each released folder from `releasedDir` into `outFolder`, and reports the files copied. */
export function carryReleasedFolders(releasedDir: string, outFolder: string, versions: string[]): WrittenFile[] {
  const carried: WrittenFile[] = [];
  for (const version of versions) {
    const from = join(releasedDir, version);
    for (const entry of readdirSync(from, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const source = join(entry.parentPath, entry.name);
      const name = relative(releasedDir, source);
      mkdirSync(join(outFolder, name, '..'), { recursive: true });
      copyFileSync(source, join(outFolder, name));
      carried.push({ name, bytes: statSync(source).size, triples: undefined });
    }
  }
  return carried.sort((a, b) => a.name.localeCompare(b.name));
}
