/**
 * `asm-kg site`: the options of the static export, read from argv, and the summary it prints.
 */
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { checkBase } from '../core/iri.js';
import type { SiteOptions, SiteReport } from '../site/build-site.js';

export const SITE_HELP = `asm-kg site: write the whole publication as static files

Usage:
  asm-kg site [--out DIR] [--base URL] [--iri-base IRI] [--root DIR]

Writes every page, each resource's description (.html, .ttl, .nt, .jsonld, .rdf), the files of dist/,
the catalogue queries with their answers, the query page (YASGUI, with SPARQL run in the browser),
404.html, and, given --base, w3id/.htaccess: the w3id.org redirect rules to the site.
The same sources give the same bytes. Any static web server can serve the folder as it is.

Options:
  --out DIR       folder to write (default: site/ in the project); replaced as a whole
  --base URL      where the site will be published, e.g. https://example.github.io/asm-kg/ (ending in "/"):
                  the target of the w3id.org redirects; without it, no w3id/ folder is written
  --iri-base IRI  the base of the graph's IRIs (default https://w3id.org/asm-kg/)
  --root DIR      project folder holding data/, queries/ and the built dist/ (default: this package)
`;

export type ParsedSite = { help: true } | { help: false; options: SiteOptions };

export function parseSiteArgs(argv: string[]): ParsedSite {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      out: { type: 'string' },
      base: { type: 'string' },
      'iri-base': { type: 'string' },
      root: { type: 'string' },
    },
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) throw new UsageError(`site takes no arguments, only options (got "${positionals[0]}"; try asm-kg site --help)`);
  const options: SiteOptions = {};
  if (values.out !== undefined) options.outDir = resolve(values.out);
  if (values.root !== undefined) options.root = resolve(values.root);
  if (values['iri-base'] !== undefined) options.base = checkBase(values['iri-base']);
  if (values.base !== undefined) {
    let url: URL | undefined;
    try { url = new URL(values.base); } catch { url = undefined; }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || !values.base.endsWith('/') || /[\s"]/.test(values.base)) {
      throw new UsageError(`--base: "${values.base}" must be the absolute http(s) URL the site is published at, ending in "/"`);
    }
    options.siteUrl = values.base;
  }
  return { help: false, options };
}

export function siteSummary(report: SiteReport, milliseconds: number): string {
  const where = relative(process.cwd(), report.outDir) || '.';
  const lines = [
    `Wrote ${where}/: ${report.files} files, ${report.bytes} bytes (${report.pages} HTML pages, ${report.resources} resources described).`,
    report.redirects ? `  ${where}/w3id/.htaccess: the w3id.org redirect rules, to submit as the asm-kg/ folder of the w3id.org repository.`
      : '  No w3id/ redirect rules: give --base URL (where the site is published) to write them.',
    `Built in ${milliseconds} ms.`,
  ];
  return `${lines.join('\n')}\n`;
}
