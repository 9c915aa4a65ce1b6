/**
 * The release: its version and dates (data/release.json, edited by hand when a version is cut) and the
 * layout of dist/. Dumps go into a folder named after the version, so that a released dump's URL never
 * changes content; the dataset descriptions at the top of dist/ describe the current release.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Release {
  version: string;
  /** ISO dates (YYYY-MM-DD) of the first and of this release: never the clock, so builds stay byte-identical. */
  issued: string;
  modified: string;
  /** Versions released before this one, oldest first: their dist/<version>/ folders are frozen and carried over. */
  previousVersions: string[];
  title: string;
  description: string;
}

export const RELEASE_FILE = 'data/release.json';

export function readRelease(root: string): Release {
  const path = join(root, RELEASE_FILE);
  const release = JSON.parse(readFileSync(path, 'utf8')) as Partial<Release>;
  for (const key of ['version', 'issued', 'modified', 'title', 'description'] as const) {
    if (typeof release[key] !== 'string' || release[key] === '') throw new Error(`${RELEASE_FILE}: "${key}" must be a non-empty string`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(release.version!)) throw new Error(`${RELEASE_FILE}: "version" must look like 1.2.3, not "${release.version}"`);
  const previous = release.previousVersions ?? [];
  if (!Array.isArray(previous) || previous.some((v) => typeof v !== 'string' || !/^\d+\.\d+\.\d+$/.test(v) || v === release.version)) {
    throw new Error(`${RELEASE_FILE}: "previousVersions" must list earlier versions like 0.1.0, never the current one`);
  }
  release.previousVersions = previous;
  for (const key of ['issued', 'modified'] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(release[key]!)) throw new Error(`${RELEASE_FILE}: "${key}" must be a date YYYY-MM-DD, not "${release[key]}"`);
  }
  return release as Release;
}

/** The path of the versioned folder inside dist/, and where dist/ is published. */
export const releaseFolder = (release: Release): string => release.version;
export const downloadUrl = (base: string, release: Release, file: string): string => `${base}dist/${releaseFolder(release)}/${file}`;

/** The dump the query engine and the server load: every named graph. */
export const NQUADS_DUMP = 'asm-kg.nq';

/** Path of a file of the current release, e.g. releasePath(root, 'asm-kg.nq'). */
export function releasePath(root: string, file: string, distDir = join(root, 'dist')): string {
  return join(distDir, releaseFolder(readRelease(root)), file);
}

/** A file a build wrote into the release folder (a dump, a description, a carried released folder's file). */
export interface WrittenFile {
  /** Path relative to the release folder, e.g. "0.1.0/asm-kg.ttl" or "void.ttl". */
  name: string;
  bytes: number;
  triples: number | undefined;
}
