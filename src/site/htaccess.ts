/**
 * The w3id.org redirect rules (w3id/.htaccess, to be submitted to the w3id.org repository as its
 * asm-kg/ folder): every IRI of the dataset resolves to the static site, with the content negotiation
 * that `asm-kg serve` does (src/serve/accept.ts), written in Apache mod_rewrite.
 *
 *  - A thing (id/workshop/2, graph/editorial, dataset/0.2.0, ontology, …) answers 303 See Other to its
 *    description on the host: .ttl, .nt, .jsonld, .rdf or .html, the best the Accept header allows,
 *    q-values and wildcards included, ties going to the more specific range, then to Turtle; 406 when
 *    none is acceptable.
 *  - A document (….ttl, ….html, …), a file of dist/, and any other page answer 302 Found with the same
 *    path on the host (pages get the static site's .html / index.html names, see paths.ts).
 *
 * Negotiation in mod_rewrite: each format's quality is read from the header into an environment
 * variable as four digits (q=0.5 → 0500), then a key of quality, specificity (2 the type itself,
 * 1 type/*, 0 *\/*) and server preference is compared with `expr` integer comparisons to pick the best.
 */
import { DOCUMENT_FORMATS } from './documents.js';

export interface RedirectInput {
  /** Where the static site is published, ending in "/" (e.g. https://example.github.io/asm-kg/). */
  host: string;
  /** The IRI base the rules serve (https://w3id.org/asm-kg/), for the header comment. */
  base: string;
  /** Folders of things below the base (id/workshop, graph, dataset) and things at the top (ontology). */
  thingFolders: string[];
  topThings: string[];
  /** Things whose names end like a description document's (dataset/…/distribution/asm-kg.ttl): named one by one. */
  fileLikeThings: string[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern (relative to the w3id folder, as .htaccess sees it) of every thing the dataset names. */
export function thingPattern(input: Pick<RedirectInput, 'thingFolders' | 'topThings'>): string {
  const parts = [
    ...[...input.thingFolders].sort().map((folder) => `${escapeRegex(folder)}/[^/]+`),
    ...[...input.topThings].sort().map(escapeRegex),
  ];
  return `^(${parts.join('|')})$`;
}

export function htaccess(input: RedirectInput): string {
  if (!/^https?:\/\/[^\s"]+\/$/.test(input.host)) throw new Error(`the site's URL must be an absolute http(s) URL ending in "/", not "${input.host}"`);
  const host = input.host;
  const things = thingPattern(input);
  // Server preference, best first (as serve's DOCUMENT_TYPES, RDF/XML after JSON-LD): the last digit of the key.
  const formats = DOCUMENT_FORMATS.map((format, i) => ({ ...format, env: `ASM_${format.suffix.toUpperCase()}`, order: DOCUMENT_FORMATS.length - i }));
  const suffixes = formats.map((f) => f.suffix).join('|');
  const lines: string[] = [
    `# ${input.base} → ${host}`,
    '# Written by `asm-kg site` (src/site/htaccess.ts); the content negotiation is that of `asm-kg serve`.',
    '# Things answer 303 See Other to their description in the format the Accept header prefers;',
    '# documents, dumps and pages answer 302 Found with their address on the static host.',
    '',
    'Options +FollowSymLinks -MultiViews',
    'Header always set Access-Control-Allow-Origin "*"',
    'Header always set Vary "Accept" "expr=%{REQUEST_STATUS} == 303 || %{REQUEST_STATUS} == 406"',
    'RewriteEngine on',
    '',
    '# The site itself, and the files of dist/ (the dumps), at the same path on the host.',
    `RewriteRule ^$ ${host} [R=302,L]`,
    `RewriteRule ^(dist/.*)$ ${host}$1 [R=302,L,NE]`,
    '',
    '# The quality of each format: none (0) until a range of the Accept header names it; a range',
    '# without q is q=1. No Accept header at all accepts everything.',
    `RewriteRule ^ - [${formats.map((f) => `E=${f.env}_Q:0,E=${f.env}_S:0`).join(',')}]`,
    'RewriteCond %{HTTP:Accept} ^\\s*$',
    `RewriteRule ^ - [${formats.map((f) => `E=${f.env}_Q:1`).join(',')}]`,
  ];
  const range = (type: string) => `(?:^|,)\\s*${type}\\s*((?:;[^,]*)?)(?:,|$)`;
  for (const format of formats) {
    const [major] = format.mediaType.split('/');
    lines.push('', `# ${format.mediaType} (.${format.suffix})`);
    // Least specific first, so that a more specific range overrides: */*, then type/*, then the type.
    for (const [specificity, pattern] of [[0, '\\*/\\*'], [1, `${escapeRegex(major!)}/\\*`], [2, escapeRegex(format.mediaType)]] as const) {
      lines.push(
        `RewriteCond %{HTTP:Accept} ${range(pattern)} [NC]`,
        'RewriteCond %1;q=1 ;\\s*q=([01])(?:\\.(\\d*))?',
        `RewriteRule ^ - [E=${format.env}_Q:%1%2,E=${format.env}_S:${specificity}]`,
      );
    }
    // Four digits: pad with zeros, then cut (q=1 → 1000, q=0.55 → 0550); the key adds specificity and preference.
    lines.push(
      `RewriteCond %{ENV:${format.env}_Q}000 ^(\\d{4})`,
      `RewriteRule ^ - [E=${format.env}_Q:%1,E=${format.env}_K:%1%{ENV:${format.env}_S}${format.order}]`,
    );
  }
  lines.push('', '# The best format: the highest key (quality, then specificity, then our preference).');
  const [first, ...rest] = formats;
  lines.push(`RewriteRule ^ - [E=ASM_BEST:%{ENV:${first!.env}_K},E=ASM_SUFFIX:${first!.suffix}]`);
  for (const format of rest) {
    lines.push(
      `RewriteCond expr "reqenv('${format.env}_K') -gt reqenv('ASM_BEST')"`,
      `RewriteRule ^ - [E=ASM_BEST:%{ENV:${format.env}_K},E=ASM_SUFFIX:${format.suffix}]`,
    );
  }
  const negotiate = (pattern: string) => [
    'RewriteCond %{ENV:ASM_BEST} ^0000',
    `RewriteRule ${pattern} - [R=406,L]`,
    `RewriteRule ${pattern} ${host}$1.%{ENV:ASM_SUFFIX} [R=303,L,NE]`,
  ];
  if (input.fileLikeThings.length > 0) {
    lines.push('', '# Things whose names look like documents, before the documents: 406, or 303 to the best format.',
      ...negotiate(`^(${[...input.fileLikeThings].sort().map(escapeRegex).join('|')})$`));
  }
  lines.push(
    '',
    '# A description document: the same path on the host.',
    `RewriteRule ^(.+\\.(?:${suffixes}))$ ${host}$1 [R=302,L,NE]`,
    '',
    '# A thing: 406 when no description format is acceptable, else 303 to the best one.',
    ...negotiate(things),
    '',
    '# Any other page (a list, the search, the query page): its file on the static host.',
    `RewriteRule ^(.*/)$ ${host}$1index.html [R=302,L,NE]`,
    `RewriteRule ^(.+)$ ${host}$1.html [R=302,L,NE]`,
    '',
  );
  return lines.join('\n');
}
