/**
 * The pieces every HTML page of the server is made of: escaping, links (an IRI under the base becomes a
 * link to the server's own page; only http(s) IRIs become links at all), terms, and the page frame.
 */
import type * as RDF from '@rdfjs/types';
import { isPlainString } from '../query/format/terms.js';

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

export interface PageParts {
  title: string;
  /** Extra elements for <head>, already HTML. */
  head?: string;
  /** The content of <main>, already HTML. */
  main: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45;color:#222}
nav a{margin-right:1rem}header{border-bottom:1px solid #ddd;margin-bottom:1rem}code,.iri{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #eee}
th{width:14rem;font-weight:600}blockquote{font-size:1.15em;border-left:4px solid #c90;margin:1rem 0;padding:.2rem 1rem;background:#fdf8ee}
.editorial{font-size:.75em;background:#eef;border-radius:3px;padding:0 .3rem;margin-left:.3rem}small{color:#666}ul.values{margin:0;padding-left:1rem}
textarea{width:100%;font-family:ui-monospace,monospace}`;

export function page(parts: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} — asm-kg</title>
<style>${STYLE}</style>
${parts.head ?? ''}</head>
<body>
<header><nav><a href="/">asm-kg</a><a href="/sparql">SPARQL</a><a href="/ontology">Ontology</a><a href="/dist/">Downloads</a></nav></header>
<main>
${parts.main}
</main>
</body>
</html>
`;
}
