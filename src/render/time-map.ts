/**
 * The TimeMap of a resource (RFC 7089, application/link-format): the original, the TimeGate and every
 * release that describes it. Served at /timemap/… (serve/routes/memento.ts) and written as a file of the
 * static site (site/mementos.ts), from this one function so that the two say the same.
 */
import { mementoPath, timeMapPath } from '../core/memento-iris.js';
import { httpDate, releaseInstant } from '../core/release-dates.js';
import { timeMap } from '../serialize/link-format.js';
import type { Memento } from './release-archive.js';

/** The TimeMap of a resource, its URIs made by `uri` from paths relative to the base (the server's paths, or the IRIs). */
export function timeMapOf(mementos: Memento[], uri: (path: string) => string): string {
  const path = mementos[0]!.path;
  return timeMap({
    original: uri(path),
    self: uri(timeMapPath(path)),
    timegate: uri(path),
    mementos: mementos.map((m) => ({ uri: uri(mementoPath(m.version, path)), datetime: httpDate(releaseInstant(m)) })),
  });
}
