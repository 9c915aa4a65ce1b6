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
  /**
   * Each published version with the date it was released, oldest first: every earlier version and, once it
   * is out, the current one (dated "modified"). Memento answers a date with the release in force then.
   */
  releases: ReleaseDate[];
  title: string;
  description: string;
}

export interface ReleaseDate {
  version: string;
  /** YYYY-MM-DD, the day the version was published. */
  date: string;
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
  release.releases = checkReleaseDates(release.releases, release.previousVersions, release.version!, release.modified!);
  return release as Release;
}

/**
 * The "releases" list: every earlier version in the order of "previousVersions", then at most the current
 * one, dated "modified"; dates never go back. Absent, no version has a date (and nothing has mementos).
 */
function checkReleaseDates(value: unknown, previous: string[], version: string, modified: string): ReleaseDate[] {
  if (value === undefined) return [];
  const fail = (why: string): never => { throw new Error(`${RELEASE_FILE}: "releases" ${why}`); };
  if (!Array.isArray(value)) fail('must be a list of { "version", "date" }');
  const list = value as unknown[];
  list.forEach((entry, i) => {
    const e = entry as Partial<ReleaseDate> | null;
    if (typeof e !== 'object' || e === null || typeof e.version !== 'string' || typeof e.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) {
      fail(`entry ${i + 1} must be { "version": "1.2.3", "date": "YYYY-MM-DD" }`);
    }
  });
  const releases = list as ReleaseDate[];
  const expected = releases.length > previous.length ? [...previous, version] : previous;
  if (releases.map((r) => r.version).join(' ') !== expected.join(' ')) fail(`must list ${[...previous, version].join(', ')} in that order (the current version last, once released), not ${releases.map((r) => r.version).join(', ')}`);
  releases.forEach((r, i) => { if (i > 0 && r.date < releases[i - 1]!.date) fail(`dates ${r.version} (${r.date}) before ${releases[i - 1]!.version} (${releases[i - 1]!.date})`); });
  const current = releases.find((r) => r.version === version);
  if (current !== undefined && current.date !== modified) fail(`dates ${version} ${current.date}, but "modified" says ${modified}`);
  return releases;
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
