/**
 * A resource's history on its page: the releases in which its description changed, and for each what was
 * added and removed, in words made from the labels of the properties and values ("0.3.0: no longer
 * addresses “Lack of mining code”") and as triples, with links to the description as released.
 * The same section on the server and in the static site.
 */
import type { Quad } from 'n3';
import { mementoPath, timeMapPath } from '../core/memento-iris.js';
import { releaseInstant } from '../core/release-dates.js';
import { quadKey, tripleKey } from '../core/term-key.js';
import type { PageLinks } from './layout.js';
import type { Description } from './resource-index.js';
import { escapeHtml, shortIri } from './html.js';
import type { Change, ReleaseArchive } from './release-archive.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const LONGEST_VALUE = 90;

export interface HistoryInput {
  archive: ReleaseArchive;
  iri: string;
  links: PageLinks;
  prefixes: ReadonlyArray<[string, string]>;
}

/** The History section, or '' when no release describes the resource. */
export function historySection(input: HistoryInput): string {
  const { archive, iri, links } = input;
  const changes = archive.history(iri);
  if (changes.length === 0) return '';
  const path = iri.slice(archive.base.length);
  const mementos = archive.mementos(iri);
  const releases = mementos.map((m) => escapeHtml(m.version)).join(', ');
  if (changes.length === 1) {
    // Never changed: this page is its description in each of those releases (and the static site keeps no copies).
    return `<section class="history" aria-labelledby="h-history">
<h2 id="h-history">History</h2>
<p>First published in ${escapeHtml(changes[0]!.version)} (${longDate(changes[0]!.date)}); its description is the same in every release that has it: ${releases}.</p>
</section>`;
  }
  const versionLink = (version: string) => `<a href="${escapeHtml(links.href(`/${mementoPath(version, path)}`))}">${escapeHtml(version)}</a>`;
  const items = changes.map((change) => `<li id="release-${escapeHtml(change.version)}">${changeHtml(input, change, versionLink)}</li>`);
  return `<section class="history" aria-labelledby="h-history">
<h2 id="h-history">History</h2>
<p>Described in release${mementos.length === 1 ? '' : 's'} ${mementos.map((m) => versionLink(m.version)).join(', ')}; its description changed in the releases below. Each release’s description stays at its own address, as released; <a href="${escapeHtml(links.href(`/${timeMapPath(path)}`))}" type="application/link-format">the list of them</a> is a Memento TimeMap.</p>
<ol class="history">
${items.join('\n')}
</ol>
</section>`;
}

function changeHtml(input: HistoryInput, change: Change, versionLink: (version: string) => string): string {
  const when = `<strong>${change.gone ? escapeHtml(change.version) : versionLink(change.version)}</strong> <span class="muted">(${longDate(change.date)})</span>`;
  if (change.previous === undefined) return `${when}: first published.`;
  if (change.gone) return `${when}: no longer described (it was in ${versionLink(change.previous)}).`;
  const words = describeChange(change, input.iri);
  const triples = [
    ...change.removed.map((q) => `− ${tripleText(q, input.prefixes)}`),
    ...change.added.map((q) => `+ ${tripleText(q, input.prefixes)}`),
  ];
  return `${when}, compared with ${versionLink(change.previous)}:
<ul class="changes">${words.map((w) => `<li>${w}</li>`).join('')}</ul>
<details><summary>as triples (${change.removed.length} removed, ${change.added.length} added)</summary><pre class="triples">${escapeHtml(triples.join('\n'))}</pre></details>`;
}

/**
 * The change in words, HTML: each added or removed triple as a phrase; a triple that only moved between
 * named graphs, and a linked resource whose label changed, once each. The labels of linked resources come
 * and go with the links and are not repeated in words (the triples list them).
 */
export function describeChange(change: Change, iri: string): string[] {
  const phrases: string[] = [];
  const addedByTriple = new Map(change.added.map((q) => [tripleKey(q), q]));
  const moved = new Set<string>();
  const addedLabels = new Map(change.added.filter((q) => isLabelOfOther(q, change.after, iri)).map((q) => [q.subject.value, q]));
  const relabelled = new Set<string>();
  for (const q of change.removed) {
    const same = addedByTriple.get(tripleKey(q));
    if (same !== undefined) {
      moved.add(tripleKey(q));
      phrases.push(`${phrase(q, iri, change.after, true).replace(/^(now|no longer) /, '').replace(/ <span class="editorial".*$/, '')}: now in ${graphName(same)} (was in ${graphName(q)})`);
      continue;
    }
    if (isLabelOfOther(q, change.before, iri)) {
      const newer = addedLabels.get(q.subject.value);
      if (newer !== undefined && !relabelled.has(q.subject.value)) {
        relabelled.add(q.subject.value);
        phrases.push(`${name(q.subject.value, change.before)} is now called ${quoted(newer.object.value)}`);
      }
      continue;
    }
    phrases.push(phrase(q, iri, change.before, false));
  }
  for (const q of change.added) {
    if (moved.has(tripleKey(q)) || isLabelOfOther(q, change.after, iri)) continue;
    phrases.push(phrase(q, iri, change.after, true));
  }
  return phrases;
}

function graphName(q: Quad): string {
  return `<code>${escapeHtml(q.graph.value.replace(/^.*\/graph\//, 'graph/'))}</code>`;
}

/** A label triple of a linked resource (not of the resource itself or its fragments). */
function isLabelOfOther(q: Quad, description: Description | undefined, iri: string): boolean {
  if (description === undefined || q.subject.value === iri) return false;
  const key = quadKey(q);
  return description.labelQuads.some((l) => quadKey(l) === key);
}

function phrase(q: Quad, iri: string, description: Description | undefined, added: boolean): string {
  const now = added ? 'now' : 'no longer';
  const editorial = /\/graph\/(editorial|links)$/.test(q.graph.value) ? ' <span class="editorial" title="the editors’ reading, not the source’s words">editorial</span>' : '';
  const predicate = escapeHtml(description?.labels.get(q.predicate.value) ?? localName(q.predicate.value));
  if (q.object.termType === 'NamedNode' && q.object.value === iri && q.subject.value !== iri) {
    return `${name(q.subject.value, description)} ${now} ${predicate} it${editorial}`;
  }
  const value = q.object.termType === 'Literal' ? quoted(q.object.value) : name(q.object.value, description);
  const statement = q.predicate.value === RDF_TYPE ? `${now} a ${value}` : `${now} ${predicate} ${value}`;
  return q.subject.value === iri ? `${statement}${editorial}` : `${name(q.subject.value, description)}: ${statement}${editorial}`;
}

/** A resource by its label in the description (HTML, quoted in italics), else its local name. */
function name(iri: string, description: Description | undefined): string {
  const label = description?.labels.get(iri);
  return label === undefined ? `<code>${escapeHtml(localName(iri))}</code>` : `<em>${escapeHtml(label)}</em>`;
}

function quoted(text: string): string {
  return `“${escapeHtml(text.length > LONGEST_VALUE ? `${text.slice(0, LONGEST_VALUE - 1)}…` : text)}”`;
}

function localName(iri: string): string {
  return iri.replace(/^.*[/#]/, '') || iri;
}

function tripleText(q: Quad, prefixes: ReadonlyArray<[string, string]>): string {
  const term = (t: Quad['object']) => (t.termType === 'Literal' ? JSON.stringify(t.value) + (t.language ? `@${t.language}` : '')
    : t.termType === 'BlankNode' ? `_:${t.value}` : shortIri(t.value, prefixes) === t.value ? `<${t.value}>` : shortIri(t.value, prefixes));
  return `${term(q.subject)} ${term(q.predicate)} ${term(q.object)} .${/\/graph\/[^/]+$/.test(q.graph.value) ? `  # ${q.graph.value.replace(/^.*\/graph\//, 'graph/')}` : ''}`;
}

/** One formatter for every page: toLocaleDateString builds a new one per call, a millisecond each, on thousands of pages. */
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 2026-12-02 → 2 December 2026. */
export function longDate(date: string): string {
  return LONG_DATE.format(releaseInstant({ version: '', date }));
}
