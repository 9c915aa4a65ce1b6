/**
 * The date each version was released: data/release.json "releases", a list of { "version", "date" }
 * (YYYY-MM-DD), oldest first. A released folder's packages (its RO-Crate's datePublished) need the date of
 * their own version, which "modified" gives only for the current one. Read from the file, never the clock,
 * so that a rebuild writes the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const RELEASE_FILE = 'data/release.json';

/**
 * The release date of `version`: its entry in "releases", or for the current version, not yet listed,
 * "modified". Otherwise an error naming the file and the version it lacks.
 */
export function releaseDate(root: string, version: string): string {
  const release = JSON.parse(readFileSync(join(root, RELEASE_FILE), 'utf8')) as { version?: string; modified?: string; releases?: unknown };
  const releases = Array.isArray(release.releases) ? release.releases as Array<{ version?: unknown; date?: unknown }> : [];
  const entry = releases.find((r) => r.version === version);
  const date = entry === undefined && version === release.version ? release.modified : entry?.date;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error(`${RELEASE_FILE}: "releases" gives no date YYYY-MM-DD for version ${version}, which its packages (RO-Crate datePublished) need`);
  }
  return date;
}
