/**
 * The past in the static site: for each resource whose description changed between releases (or that a
 * later release no longer describes), its description as each release gave it (version/{v}/{path}.html,
 * .ttl, .nt, .jsonld, .rdf, .nq, .trig) and its TimeMap (timemap/{path}.txt). A resource that never
 * changed gets none: its page is its description in every release that has it, and the site stays small.
 * A static host cannot negotiate Accept-Datetime: the TimeMap's links are the IRIs, which the w3id rules
 * send to these files; datetime negotiation is `asm-kg serve`'s (serve/routes/memento.ts).
 */
import { mementoPath, timeMapPath } from '../core/memento-iris.js';
import type { ReleaseArchive } from '../render/release-archive.js';
import { versionedPage } from '../render/versioned-page.js';
import { timeMapOf } from '../render/time-map.js';
import { rdfDocuments } from './documents.js';
import type { SiteMap } from './paths.js';

/** The resources of the archive that get versioned files: those whose description changed. */
export function versionedResources(archive: ReleaseArchive): string[] {
  return archive.resources().filter((iri) => archive.changed(iri));
}

/** Writes, through `put`, every versioned file of the site. */
export async function writeMementos(input: {
  archive: ReleaseArchive;
  map: SiteMap;
  prefixes: Record<string, string>;
  isCurrent: (iri: string) => boolean;
  put: (file: string, body: string) => void;
}): Promise<{ resources: number; mementos: number }> {
  const { archive, map, put } = input;
  const resources = versionedResources(archive);
  let mementos = 0;
  for (const iri of resources) {
    const path = iri.slice(archive.base.length);
    const list = archive.mementos(iri);
    for (const { version } of list) {
      const description = archive.describe(version, iri)!;
      const documentPath = mementoPath(version, path);
      for (const [suffix, text] of Object.entries(await rdfDocuments(archive.indexOf(version), iri, input.prefixes))) put(`${documentPath}.${suffix}`, text);
      const file = map.fileOf(`/${documentPath}`);
      put(file, versionedPage({ archive, version, description, links: map.links(file), prefixes: input.prefixes, isCurrent: input.isCurrent }).html);
      mementos++;
    }
    // The TimeMap names the IRIs (absolute, under the base): they resolve through w3id.org to these files.
    put(map.fileOf(`/${timeMapPath(path)}`), timeMapOf(list, (p) => encodeURI(`${archive.base}${p}`)));
  }
  return { resources: resources.length, mementos };
}
