/**
 * The frame of every page: head (stylesheet, favicon, RDF alternates, embedded JSON-LD), the site
 * navigation, breadcrumbs, and the main content. Every internal URL goes through PageLinks.href, so the
 * same HTML works on the server and in a static copy under any path prefix. No inline script or style:
 * the server's Content-Security-Policy allows only files from its own origin.
 */
import { formatsFor } from '../core/formats.js';
import { escapeHtml, jsonInScript } from './html.js';

export { escapeHtml };

export interface PageLinks { href(path: string): string }

export interface Crumb { label: string; path?: string }

export interface FrameParts {
  title: string;
  links: PageLinks;
  /** Where the page sits: Home is added in front. The last crumb is the page itself. */
  crumbs?: Crumb[];
  /** The resource path whose RDF documents are offered as alternates (e.g. /id/workshop/2). */
  alternatesOf?: string;
  /** JSON-LD of the resource, embedded as a data block. */
  jsonld?: string;
  /** Extra head elements, already HTML (scripts must be external, through links.href). */
  head?: string;
  main: string;
  /** A short description for search engines and link previews. */
  description?: string;
}

/** The RDF documents of a resource and their media types (the HTML page is the resource's own path). */
export const RDF_ALTERNATES: ReadonlyArray<{ suffix: string; type: string; label: string }> = formatsFor('alternate')
  .map((format) => ({ suffix: format.suffix!, type: format.mediaType, label: format.label }));

const NAV: Array<[string, string]> = [
  ['/', 'Home'],
  ['/id/workshop/', 'Workshops'],
  ['/id/stakeholder/', 'Stakeholders'],
  ['/id/theme/', 'Themes'],
  ['/consensus', 'Consensus'],
  ['/remedies', 'Remedies'],
  ['/search', 'Search'],
  ['/ontology', 'Ontology'],
  ['/sparql', 'SPARQL'],
  ['/dist/', 'Downloads'],
];

export function frame(parts: FrameParts): string {
  const { links } = parts;
  const a = (path: string) => escapeHtml(links.href(path));
  const alternates = parts.alternatesOf === undefined ? '' : RDF_ALTERNATES
    .map((alt) => `<link rel="alternate" type="${alt.type}" href="${a(`${parts.alternatesOf}.${alt.suffix}`)}">\n`).join('');
  const crumbs = parts.crumbs === undefined ? '' : breadcrumbs(parts.crumbs, links);
  const formats = parts.alternatesOf === undefined ? '' : `<p class="formats">This page as data: ${RDF_ALTERNATES
    .map((alt) => `<a href="${a(`${parts.alternatesOf}.${alt.suffix}`)}" type="${alt.type}">${alt.label}</a>`).join(' · ')}</p>\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} — asm-kg</title>
${parts.description === undefined ? '' : `<meta name="description" content="${escapeHtml(parts.description)}">\n`}<link rel="stylesheet" href="${a('/assets/site.css')}">
<link rel="icon" type="image/svg+xml" href="${a('/assets/favicon.svg')}">
${alternates}${parts.jsonld === undefined ? '' : `<script type="application/ld+json">${jsonInScript(parts.jsonld)}</script>\n`}${parts.head ?? ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="${a('/')}">asm-kg</a>
<nav aria-label="Site"><ul>${NAV.map(([path, label]) => `<li><a href="${a(path)}">${label}</a></li>`).join('')}</ul></nav>
</header>
${crumbs}<main id="main">
${parts.main}
${formats}</main>
<footer class="site"><p>Statements quoted verbatim from the learning event's workshops summary; data under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. Marked <span class="editorial">editorial</span>: the editors' reading, not the source's words.</p></footer>
</body>
</html>
`;
}

function breadcrumbs(crumbs: Crumb[], links: PageLinks): string {
  const all: Crumb[] = [{ label: 'Home', path: '/' }, ...crumbs];
  const items = all.map((crumb, i) => {
    const last = i === all.length - 1;
    if (last) return `<li aria-current="page">${escapeHtml(crumb.label)}</li>`;
    return crumb.path === undefined ? `<li>${escapeHtml(crumb.label)}</li>` : `<li><a href="${escapeHtml(links.href(crumb.path))}">${escapeHtml(crumb.label)}</a></li>`;
  });
  return `<nav class="crumbs" aria-label="Breadcrumbs"><ol>${items.join('')}</ol></nav>\n`;
}

/** A link to one of our paths. */
export function link(links: PageLinks, path: string, label: string, attributes = ''): string {
  return `<a href="${escapeHtml(links.href(path))}"${attributes}>${escapeHtml(label)}</a>`;
}

/** The editorial mark, with what it means. */
export const EDITORIAL = '<span class="editorial" title="the editors\' reading, not the source\'s words">editorial</span>';

/** A wide table in its own horizontal scroll box, so the page itself never scrolls sideways. */
export function scrollBox(table: string, label: string): string {
  return `<div class="scroll" role="region" aria-label="${escapeHtml(label)}" tabindex="0">\n${table}\n</div>`;
}

export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#7a4b0c"/><path d="M6 24 L13 10 L18 18 L21 14 L26 24 Z" fill="#f2c14e"/></svg>
`;

export const STYLESHEET = `/* asm-kg pages: one stylesheet, no inline styles (the Content-Security-Policy forbids them). */
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;line-height:1.5;color:#1d1d1d;background:#fff}
a{color:#0b5394}a:visited{color:#5b3b8a}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.3rem;z-index:2}
header.site{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding:.5rem 1rem;background:#3d2a0e;color:#fff}
header.site a{color:#fff;text-decoration:none}header.site a:hover,header.site a:focus{text-decoration:underline}
.brand{font-weight:700;font-size:1.1rem;margin-right:.5rem}
header.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem .9rem}
nav.crumbs{max-width:62rem;margin:0 auto;padding:.5rem 1rem 0;font-size:.9rem}
nav.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
nav.crumbs li+li::before{content:"›";padding:0 .4rem;color:#595959}
main{max-width:62rem;margin:0 auto;padding:0 1rem 2rem;overflow-wrap:anywhere}
footer.site{max-width:62rem;margin:0 auto;padding:1rem;border-top:1px solid #ddd;font-size:.85rem;color:#4a4a4a}
h1{font-size:1.6rem;line-height:1.25;margin:.8rem 0}h2{font-size:1.3rem;margin-top:1.8rem}h3{font-size:1.1rem}
code,.iri{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;overflow-wrap:anywhere}
small,.muted{color:#555}
blockquote.verbatim{font-size:1.2rem;border-left:4px solid #b8860b;margin:1rem 0;padding:.4rem 1rem;background:#fdf8ee}
.badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:3px;padding:0 .35rem;margin-right:.3rem;vertical-align:.1em;white-space:nowrap;border:1px solid transparent}
.kind-Issue{background:#e3eefa;color:#123c69}.kind-Obstacle{background:#fbe4e1;color:#7a1d12}
.kind-Opportunity{background:#e2f3e4;color:#1b5e20}.kind-SpecificStep{background:#efe6f7;color:#4a2670}
.badge.tentative{background:#fff4cc;color:#5c4400;border-color:#d8b400}.badge.recommendation{background:#fff;color:#7a4b0c;border-color:#b8860b}
.editorial{font-size:.72rem;font-weight:600;background:#e8e8f8;color:#2c2c6c;border-radius:3px;padding:0 .3rem;margin-left:.25rem;white-space:nowrap}
strong.emphasis{font-weight:700;letter-spacing:.02em;background:#fff2c2}
.marker{font-weight:600;color:#595959;margin-right:.25rem}
ol.report,ol.report ol{list-style:none;padding-left:0;margin:.3rem 0}
ol.report ol{padding-left:1.4rem;border-left:2px solid #eee}
li.statement{margin:.5rem 0}
.statement-text{margin:0}
.facts{font-size:.86rem;color:#444;margin:.15rem 0 0}
.facts span+span::before{content:" · "}
.section-heading{border-bottom:1px solid #ddd;padding-bottom:.2rem}
.group-heading{font-style:italic}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}
.scroll:focus{outline:2px solid #0b5394}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e6e6e6}
table.properties{width:100%}table.properties th{width:12rem}
table.matrix td,table.matrix th{text-align:center}table.matrix th[scope=row]{text-align:left;min-width:12rem}
td.heat-0{background:#fff}td.heat-1{background:#fdf1d6}td.heat-2{background:#f9dc97}td.heat-3{background:#f2c14e}td.heat-4{background:#d9962b}td.heat-5{background:#8c4a0a;color:#fff}
td[class^=heat-] a{color:#1d1d1d;font-weight:600}td.heat-5 a{color:#fff}
section.editors{border:1px dashed #8a8ac0;background:#f7f7fd;padding:.2rem 1rem 1rem;margin-top:1.5rem;border-radius:4px}
section.source{margin-top:1rem}
dl.facts-list{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.2rem 1rem}
dl.facts-list dt{font-weight:600}dl.facts-list dd{margin:0}
.basis{font-size:.85rem;color:#444}
.prevnext{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;font-size:.9rem}
.toc{columns:16rem;font-size:.95rem}
.pager{display:flex;gap:1rem;flex-wrap:wrap}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
form.search input[type=search]{flex:1 1 14rem;font-size:1rem;padding:.35rem}
form.search fieldset{border:1px solid #ddd;margin:0;padding:.3rem .6rem}
form.search label{flex:1 1 10rem;min-width:0}form.search label[for=q]{flex:0 0 100%}form.search select{width:100%;max-width:100%}
svg.plot{display:block;height:auto;max-width:100%}svg.plot text{white-space:pre}
button,input,select,textarea{font:inherit}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
.diagram{overflow-x:auto}
textarea{width:100%;font-family:ui-monospace,monospace}
.document pre,.document table{display:block;overflow-x:auto;max-width:100%}.document code{overflow-wrap:anywhere}
.document table{border-collapse:collapse}.document th,.document td{border:1px solid #ddd;padding:.2rem .5rem;vertical-align:top}
.document-source{font-size:.9rem;color:#444}.align-left{text-align:left}.align-center{text-align:center}.align-right{text-align:right}.missing-image{color:#444}
.note{border-left:4px solid #b8860b;background:#fdf8ee;padding:.5rem 1rem}
.error-message{border-left:4px solid #b00020;background:#fdecee;padding:.5rem 1rem;white-space:pre-wrap;font-family:ui-monospace,monospace}
.query-and-error{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem}
@media (max-width:40rem){.query-and-error{grid-template-columns:minmax(0,1fr)}dl.facts-list{grid-template-columns:minmax(0,1fr)}dl.facts-list dd{margin-bottom:.4rem}}
`;

export interface PageParts {
  title: string;
  /** Extra elements for <head>, already HTML. */
  head?: string;
  /** The content of <main>, already HTML. */
  main: string;
}

/**
 * A page of the server outside render/pages/ (query results, the query form, folder listings) in the site's
 * frame: the same stylesheet, navigation and favicon, no inline style. On the server a path is its link.
 */
export function page(parts: PageParts): string {
  return frame({ title: parts.title, links: { href: (path) => path }, main: parts.main, ...(parts.head === undefined ? {} : { head: parts.head }) });
}
