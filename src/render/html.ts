/**
 * The pieces every HTML page of the server is made of: escaping, links (an IRI under the base becomes a
 * link to the server's own page; only http(s) IRIs become links at all), and terms. The page frame is layout.ts.
 */
import type * as RDF from '@rdfjs/types';
import { isPlainString } from '../serialize/sparql-results/terms.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: every character that could end a text run or an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * JSON inside <script type="application/ld+json">: `<` is written \u003c so that no `</script>` or
 * `<!--` can end the element early; U+2028/2029 are escaped for old JavaScript parsers.
 */
export function jsonInScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Maps IRIs to hrefs: our own IRIs (under the base) to paths on this server. */
export class Links {
  constructor(readonly base: string) {}

  /** The server path of an IRI under the base (with its fragment), or undefined. */
  local(iri: string): string | undefined {
    return iri.startsWith(this.base) ? `/${iri.slice(this.base.length)}` : undefined;
  }

  /** Where a link to `iri` should go, or undefined when it must not be a link (javascript:, data:, urn:, …). */
  href(iri: string): string | undefined {
    return this.local(iri) ?? (/^https?:\/\/[^\s]+$/i.test(iri) ? iri : undefined);
  }
}

export type Labels = ReadonlyMap<string, string>;

/** A shortened IRI for display: the prefixed name when a prefix fits, the IRI otherwise. */
export function shortIri(iri: string, prefixes: ReadonlyArray<[string, string]>): string {
  for (const [prefix, namespace] of prefixes) {
    if (iri.startsWith(namespace) && /^[\w.-]*$/.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`;
  }
  return iri;
}

export interface TermContext {
  links: Links;
  labels: Labels;
  prefixes: ReadonlyArray<[string, string]>;
}

/** One RDF term as HTML: a link (labelled when a label is known) or a literal with its language or datatype. */
export function termHtml(term: RDF.Term, context: TermContext): string {
  switch (term.termType) {
    case 'NamedNode': {
      const label = context.labels.get(term.value);
      const shown = label ?? shortIri(term.value, context.prefixes);
      const href = context.links.href(term.value);
      const title = label === undefined ? '' : ` title="${escapeHtml(term.value)}"`;
      return href === undefined ? `<span class="iri">${escapeHtml(shown)}</span>` : `<a href="${escapeHtml(href)}"${title}>${escapeHtml(shown)}</a>`;
    }
    case 'BlankNode': return `<span class="bnode">_:${escapeHtml(term.value)}</span>`;
    case 'Literal': {
      const text = `<span class="literal">${escapeHtml(term.value)}</span>`;
      if (term.language) return `${text} <small class="lang">@${escapeHtml(term.language)}</small>`;
      if (isPlainString(term)) return text;
      return `${text} <small class="datatype">${escapeHtml(shortIri(term.datatype.value, context.prefixes))}</small>`;
    }
    default: return escapeHtml(term.value);
  }
}
