/**
 * The w3id.org redirect rules (w3id/.htaccess, to be submitted to the w3id.org repository as its
 * asm-kg/ folder): every IRI of the dataset resolves to the static site as it does on `asm-kg serve`.
 * Both are made from one table, core/dereference.ts (which kind of IRI is offered in which formats, and
 * where each goes), and the rules negotiate as serve's accept.ts does, in Apache mod_rewrite;
 * test/site/w3id-serve-parity.test.ts compares the two answer by answer.
 *
 *  - A thing (id/workshop/2, dataset/0.2.0, ontology, …) answers 303 See Other to its description on the
 *    host: .ttl, .nt, .jsonld, .rdf, .nq, .trig or .html, the best the Accept header allows, q-values and
 *    wildcards included, ties going to the more specific range, then to Turtle; 406 when none is
 *    acceptable.
 *  - A named graph (graph/links, named one by one) answers 303 See Other to its content
 *    (graph/links.content.ttl, …), or for HTML to its page.
 *  - A document (….ttl, ….content.nq, ….html, …), a file of dist/, and any other page answer 302 Found
 *    with the same path on the host (pages get the static site's .html / index.html names, see paths.ts).
 *
 * Negotiation in mod_rewrite: each format's quality is read from the header into an environment
 * variable as four digits (q=0.5 → 0500), from the most specific range that names it (*\/*, type/*, the
 * type, the type with media parameters; a range whose q accept.ts would not read is skipped, and a
 * header with no readable range accepts everything), then a key of quality, specificity (0 to 3) and
 * server preference is compared with `expr` integer comparisons to pick the best of each kind's offers.
 */
import { TIMEMAP_FOLDER, VERSION_FOLDER } from '../core/memento-iris.js';
import { ALL_OFFERS, OFFERS, seeOther, suffixOf, type IriKind } from '../core/dereference.js';

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
  /** The named graphs (graph/links, …), each with a page: named one by one, they answer as graphs. */
  graphs: string[];
  /**
   * Whether the site has versioned descriptions (version/{v}/{path}, a thing, negotiated as one) and
   * TimeMaps (timemap/{path} → timemap/{path}.txt). Accept-Datetime is not negotiated: a static host cannot.
   */
  mementos?: boolean;
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

const namesPattern = (names: string[]) => `^(${[...names].sort().map(escapeRegex).join('|')})$`;

// Accept headers as serve's accept.ts reads them, in PCRE. A token (RFC 9110) and a parameter of a range.
const TOKEN = "[-!#$%&'*+.^_`|~0-9a-z]+";
/** A q-value accept.ts takes (0 to 1, at most three decimals, maybe quoted): %1%2 is 0 and the decimals, %3 is 1. */
const Q_VALUE = '"?(?:(0)(?:\\.(\\d{0,3}))?|(1)(?:\\.0{0,3})?)"?';
/**
 * The first q parameter of a range's parameters (with ";q=1" appended, the default): media parameters
 * before it need a value, and a range whose q is not a q-value is ignored, as accept.ts ignores it.
 */
const Q_OF_PARAMETERS = `^(?:;\\s*(?:(?!q\\s*=)[^;=]+=[^;]*)?)*;\\s*q\\s*=\\s*${Q_VALUE}\\s*(?:;|$)`;
/** Some range of the header that accept.ts can read: without one, a header accepts everything. */
const READABLE_RANGE = `(?:^|,)\\s*(?:\\*/\\*|[-!#$%&'+.^_\`|~0-9a-z]${TOKEN.slice(0, -1)}*/${TOKEN})\\s*`
  + `(?:;\\s*(?:(?!q\\s*=)[^;=,]+=[^;,]*)?)*(?:;\\s*q\\s*=\\s*${Q_VALUE.replace(/\((?!\?)/g, '(?:')}\\s*(?:;[^,]*)?)?(?:,|$)`;

/**
 * The ranges that can give a media type its quality, least specific first so that a more specific one
 * overrides (accept.ts: the most specific matching range counts): *\/*, type/*, the type without media
 * parameters, the type with them. %1 is the range's parameters.
 */
function rangePatterns(mediaType: string): Array<[specificity: number, pattern: string]> {
  const [major] = mediaType.split('/');
  const type = escapeRegex(mediaType);
  return [
    [0, '(?:^|,)\\s*\\*/\\*\\s*((?:;[^,]*)?)(?:,|$)'],
    [1, `(?:^|,)\\s*${escapeRegex(major!)}/\\*\\s*((?:;[^,]*)?)(?:,|$)`],
    [2, `(?:^|,)\\s*${type}\\s*((?:;\\s*)*(?:;\\s*q\\s*=[^,]*)?)(?:,|$)`],
    [3, `(?:^|,)\\s*${type}\\s*((?:;\\s*)*;\\s*(?!q\\s*=)[^;,\\s][^,]*)(?:,|$)`],
  ];
}

export function htaccess(input: RedirectInput): string {
  if (!/^https?:\/\/[^\s"]+\/$/.test(input.host)) throw new Error(`the site's URL must be an absolute http(s) URL ending in "/", not "${input.host}"`);
  const host = input.host;
  // Server preference, best first (core/dereference.ts): the last digit of a format's key.
  const formats = ALL_OFFERS.map((mediaType, i) => {
    const suffix = suffixOf(mediaType);
    return { mediaType, suffix, env: `ASM_${suffix.toUpperCase()}`, order: ALL_OFFERS.length - i };
  });
  const format = (mediaType: string) => formats.find((f) => f.mediaType === mediaType)!;
  const lines: string[] = [
    `# ${input.base} → ${host}`,
    '# Written by `asm-kg site` (src/site/htaccess.ts) from the table `asm-kg serve` answers by',
    '# (src/core/dereference.ts), with the content negotiation of serve (src/serve/accept.ts):',
    '# things answer 303 See Other to their description in the format the Accept header prefers, named',
    '# graphs to their content (or their page); documents, dumps and pages answer 302 Found with their',
    '# address on the static host.',
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
    '# without q is q=1. No Accept header, or one without a range that can be read, accepts everything.',
    `RewriteRule ^ - [${formats.map((f) => `E=${f.env}_Q:0,E=${f.env}_S:0`).join(',')}]`,
    'RewriteCond %{HTTP:Accept} ^\\s*$ [OR]',
    `RewriteCond %{HTTP:Accept} !${READABLE_RANGE} [NC]`,
    `RewriteRule ^ - [${formats.map((f) => `E=${f.env}_Q:1`).join(',')}]`,
  ];
  for (const f of formats) {
    lines.push('', `# ${f.mediaType} (.${f.suffix})`);
    for (const [specificity, pattern] of rangePatterns(f.mediaType)) {
      lines.push(
        `RewriteCond %{HTTP:Accept} ${pattern} [NC]`,
        `RewriteCond %1;q=1 ${Q_OF_PARAMETERS} [NC]`,
        `RewriteRule ^ - [E=${f.env}_Q:%1%2%3,E=${f.env}_S:${specificity}]`,
      );
    }
    // Four digits: pad with zeros, then cut (q=1 → 1000, q=0.55 → 0550); the key adds specificity and preference.
    lines.push(
      `RewriteCond %{ENV:${f.env}_Q}000 ^(\\d{4})`,
      `RewriteRule ^ - [E=${f.env}_Q:%1,E=${f.env}_K:%1%{ENV:${f.env}_S}${f.order}]`,
    );
  }
  const kinds = Object.keys(OFFERS) as IriKind[];
  for (const kind of kinds) {
    const env = `ASM_${kind.toUpperCase()}`;
    const [first, ...rest] = OFFERS[kind].map(format);
    lines.push('', `# The best format for a ${kind}: the highest key (quality, then specificity, then our preference).`);
    lines.push(`RewriteRule ^ - [E=${env}_BEST:%{ENV:${first!.env}_K},E=${env}_SUFFIX:${first!.suffix}]`);
    for (const f of rest) {
      lines.push(
        `RewriteCond expr "reqenv('${f.env}_K') -gt reqenv('${env}_BEST')"`,
        `RewriteRule ^ - [E=${env}_BEST:%{ENV:${f.env}_K},E=${env}_SUFFIX:${f.suffix}]`,
      );
    }
  }
  /** 406 when no format the kind is offered in is acceptable, else 303 to where dereference.ts sends the best one. */
  const negotiate = (kind: IriKind, pattern: string) => {
    const env = `ASM_${kind.toUpperCase()}`;
    const rules = [`RewriteCond %{ENV:${env}_BEST} ^0000`, `RewriteRule ${pattern} - [R=406,L]`];
    // Targets that differ only by the format's suffix share a rule (a thing's: $1.ttl, $1.nt, … → $1.%{ENV:…}).
    const templates = new Map<string, string[]>();
    for (const f of OFFERS[kind].map(format)) {
      const target = seeOther(kind, '$1', f.mediaType);
      const template = target.endsWith(`.${f.suffix}`) ? `${target.slice(0, -f.suffix.length)}%{ENV:${env}_SUFFIX}` : target;
      templates.set(template, [...templates.get(template) ?? [], f.suffix]);
    }
    for (const [template, suffixes] of templates) {
      if (suffixes.length < OFFERS[kind].length) rules.push(`RewriteCond %{ENV:${env}_SUFFIX} ^(?:${suffixes.join('|')})$`);
      rules.push(`RewriteRule ${pattern} ${host}${template} [R=303,L,NE]`);
    }
    return rules;
  };
  if (input.fileLikeThings.length > 0) {
    lines.push('', '# Things whose names look like documents, before the documents: 406, or 303 to the best format.',
      ...negotiate('thing', namesPattern(input.fileLikeThings)));
  }
  if (input.graphs.length > 0) {
    lines.push('', '# A named graph: 406, or 303 to its content in the best format (its page for HTML).',
      ...negotiate('graph', namesPattern(input.graphs)));
  }
  if (input.mementos === true) {
    lines.push('', '# A TimeMap (Memento): its link-format file on the host.', `RewriteRule ^(${escapeRegex(TIMEMAP_FOLDER)}.+)$ ${host}$1.txt [R=302,L,NE]`);
  }
  lines.push(
    '',
    '# A document (a description, a graph\'s content, a page): the same path on the host.',
    `RewriteRule ^(.+\\.(?:${formats.map((f) => f.suffix).join('|')}))$ ${host}$1 [R=302,L,NE]`,
    '',
    '# A thing: 406 when no description format is acceptable, else 303 to the best one.',
    ...negotiate('thing', thingPattern(input)),
    ...(input.mementos === true ? ['', '# A thing as a release described it (a Memento): negotiated as the thing is.', ...negotiate('thing', `^(${escapeRegex(VERSION_FOLDER)}\\d+\\.\\d+\\.\\d+/.+)$`)] : []),
    '',
    '# Any other page (a list, the search, the query page): its file on the static host.',
    `RewriteRule ^(.*/)$ ${host}$1index.html [R=302,L,NE]`,
    `RewriteRule ^(.+)$ ${host}$1.html [R=302,L,NE]`,
    '',
  );
  return lines.join('\n');
}
