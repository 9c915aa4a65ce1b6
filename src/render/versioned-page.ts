/**
 * The HTML of a resource as described in one release (a memento): the release and its date, links to the
 * current description, to the other releases and to the TimeMap, then the description as the resource
 * page shows it, from that release's frozen dump. The same page on the server and in the static site.
 */
import { DataFactory } from 'n3';
import { mementoPath, timeMapPath } from '../core/memento-iris.js';
import { frame, type PageLinks } from './layout.js';
import { quadsToJsonLdBlock } from './pages/jsonld.js';
import { ResourceIndex, type Description } from './resource-index.js';
import { escapeHtml, shortIri, termHtml, type TermContext } from './html.js';
import { descriptionHtml } from './description-html.js';
import { longDate } from './history.js';
import { PageTermLinks } from './page-term-links.js';
import type { ReleaseArchive } from './release-archive.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

export interface VersionedPageInput {
  archive: ReleaseArchive;
  version: string;
  description: Description;
  links: PageLinks;
  prefixes: Record<string, string>;
  /** Whether the current release describes an IRI: its current page is then linked, else its memento in this release. */
  isCurrent(iri: string): boolean;
}

export function versionedPage(input: VersionedPageInput): { title: string; html: string } {
  const { archive, version, description, links } = input;
  const { iri } = description;
  const path = iri.slice(archive.base.length);
  const release = archive.release(version)!;
  const prefixList = Object.entries(input.prefixes);
  // A linked IRI goes to its current page; one the current release no longer describes, to this release's memento of it.
  const termLinks: PageLinks = {
    href: (target) => {
      const linked = archive.base + target.slice(1).replace(/#.*$/, '');
      return links.href(input.isCurrent(linked) || archive.describe(version, linked) === undefined ? target : `/${mementoPath(version, target.slice(1))}`);
    },
  };
  const context: TermContext = { links: new PageTermLinks(archive.base, termLinks), labels: description.labels, prefixes: prefixList };
  const label = description.labels.get(iri) ?? shortIri(iri, prefixList);
  const title = `${label} (as released in ${version})`;
  const types = description.outgoing.filter((q) => q.subject.value === iri && q.predicate.value === RDF_TYPE).map((q) => q.object.value);
  const kinds = archive.specificTypes(version, types);
  const others = archive.mementos(iri).map((m) => (m.version === version ? `<strong>${escapeHtml(m.version)}</strong>`
    : `<a href="${escapeHtml(links.href(`/${mementoPath(m.version, path)}`))}">${escapeHtml(m.version)}</a>`));
  const text = description.outgoing.find((q) => q.subject.value === iri && q.predicate.value === `${archive.base}ontology#text`)?.object;
  const main = `<h1>${escapeHtml(label)}</h1>
<p class="memento">As released in <strong>${escapeHtml(version)}</strong> on ${longDate(release.date)}, from that release’s dump (<a href="${escapeHtml(links.href(`/dist/${version}/asm-kg.nq`))}">dist/${escapeHtml(version)}/asm-kg.nq</a>); this description never changes.
${input.isCurrent(iri) ? `<a href="${escapeHtml(links.href(`/${path}`))}">The current description</a>.` : 'The current release no longer describes it.'}
Releases that describe it: ${others.join(', ')} (<a href="${escapeHtml(links.href(`/${timeMapPath(path)}`))}" type="application/link-format">TimeMap</a>).</p>
${text ? `<blockquote class="verbatim" cite="${escapeHtml(iri)}">${escapeHtml(text.value)}</blockquote>` : ''}
<table class="summary">
<tr><th>IRI</th><td><code>${escapeHtml(iri)}</code></td></tr>
${kinds.length > 0 ? `<tr><th>Kind</th><td>${kinds.map((k) => termHtml(DataFactory.namedNode(k), context)).join(', ')}</td></tr>` : ''}
</table>
${descriptionHtml(description, archive.base, context)}`;
  const html = frame({
    title, links, main,
    crumbs: [{ label: `Release ${version}`, path: `/dist/${version}/` }, { label }],
    alternatesOf: `/${mementoPath(version, path)}`,
    jsonld: quadsToJsonLdBlock(ResourceIndex.quadsOf(description), input.prefixes),
  });
  return { title, html };
}
