/**
 * The IRIs of the past (published promises, documented in docs/citing.md), relative to the base like the
 * paths of core/dereference.ts:
 *
 *   version/{version}/{path}   a resource as described in a release (a Memento): version/0.2.1/id/statement/w1-b-2,
 *                              its documents version/0.2.1/id/statement/w1-b-2.ttl, .nt, .jsonld, .rdf, .nq, .trig, .html
 *   timemap/{path}             the list of a resource's mementos (a TimeMap, application/link-format):
 *                              timemap/id/statement/w1-b-2
 *
 * `path` is the resource's IRI after the base (id/statement/w1-b-2); the current IRI is the Original
 * Resource and its TimeGate.
 */

export const VERSION_FOLDER = 'version/';
export const TIMEMAP_FOLDER = 'timemap/';

/** The path of a resource's memento in a release: version/0.2.1/id/statement/w1-b-2. */
export function mementoPath(version: string, path: string): string {
  return `${VERSION_FOLDER}${version}/${path}`;
}

/** The path of a resource's TimeMap: timemap/id/statement/w1-b-2. */
export function timeMapPath(path: string): string {
  return `${TIMEMAP_FOLDER}${path}`;
}

/** The release and the resource path of a memento's path, or undefined when it is none. */
export function parseMementoPath(path: string): { version: string; path: string } | undefined {
  const match = /^version\/(\d+\.\d+\.\d+)\/(.+)$/.exec(path);
  return match === null ? undefined : { version: match[1]!, path: match[2]! };
}

/** The resource path of a TimeMap's path, or undefined. */
export function parseTimeMapPath(path: string): string | undefined {
  return path.startsWith(TIMEMAP_FOLDER) && path.length > TIMEMAP_FOLDER.length ? path.slice(TIMEMAP_FOLDER.length) : undefined;
}
