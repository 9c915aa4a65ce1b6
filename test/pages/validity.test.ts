/**
 * Every page the site has (pages.paths(), a search answer and an error page) is valid HTML: parse5
 * reports no parse error, and html-validate's standard and document rules find nothing. One rule is off:
 * require-sri asks for Subresource Integrity on every <link> and <script>, which protects files from
 * another origin; ours are all from the page's own origin.
 */
import { HtmlValidate, StaticConfigLoader, type ConfigData, type ResolvedConfig } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { queryErrorPage } from '../../src/render/pages/index.js';
import { booleanToHtml, bindingsToHtml } from '../../src/render/html-results.js';
import { Links } from '../../src/render/html.js';
import { BASE, loadPages, LINKS, parseStrict, ROOT } from './support.js';
import { join } from 'node:path';
import { vocabulary } from '../../src/core/iri.js';
import { readRelease } from '../../src/core/release.js';
import { ReleaseArchive } from '../../src/render/release-archive.js';
import { versionedPage } from '../../src/render/versioned-page.js';

/**
 * A StaticConfigLoader resolves its configuration again for every document it validates (the rule presets
 * merged, the element metadata built and checked against its schema): two thirds of the work for pages this
 * size. This one resolves it once and hands the same resolved configuration to every validation, as
 * html-validate's own FileSystemConfigLoader does from its cache for files of one folder.
 */
class ResolvedOnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride !== undefined) return super.getConfigFor(handle, configOverride);
    this.resolved ??= super.getConfigFor(handle);
    return this.resolved;
  }
}

const validator = new HtmlValidate(new ResolvedOnceConfigLoader({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: { 'require-sri': 'off' },
}));

describe('every page', () => {
  it('parses without errors and passes html-validate', async () => {
    const { pages } = await loadPages();
    const archive = ReleaseArchive.forRelease(readRelease(ROOT), join(ROOT, 'dist'), BASE);
    const documents: Array<[string, string]> = [
      ...pages.paths().map((path) => [path, pages.render(path, new URLSearchParams(), LINKS)!.html] as [string, string]),
      // A resource as each release described it (src/render/versioned-page.ts).
      ...['0.1.0', '0.2.1', '0.3.0'].map((version) => [`/version/${version}/id/statement/fw-next-steps-2.1`, versionedPage({
        archive, version, description: archive.describe(version, `${BASE}id/statement/fw-next-steps-2.1`)!, links: LINKS, prefixes: vocabulary(BASE).prefixes, isCurrent: () => true,
      }).html] as [string, string]),
      ['/search?q=mercury', pages.render('/search', new URLSearchParams('q=mercury'), LINKS)!.html],
      ['/search?kind=x', pages.render('/search', new URLSearchParams('kind=x'), LINKS)!.html],
      ['error 404', pages.errorPage(404, 'nothing is known about /x', LINKS)],
      ['query error', queryErrorPage(400, 'query:1:1: expected SELECT', 'SELEC * WHERE { ?s ?p ?o }', LINKS)],
      // The server's other HTML (src/render/html-results.ts) uses the same frame.
      ['SELECT result', bindingsToHtml('SELECT ?s ?o WHERE { ?s ?p ?o }', ['s', 'o'], [
        { s: DataFactory.namedNode('https://w3id.org/asm-kg/id/statement/w2-a-1'), o: DataFactory.literal('ASM can <and> should', 'en') }, {},
      ], { links: new Links('https://w3id.org/asm-kg/'), labels: new Map(), prefixes: [] })],
      ['ASK result', booleanToHtml('ASK { ?s ?p ?o }', true)],
    ];
    expect(documents.length).toBeGreaterThan(300);
    const problems: string[] = [];
    for (const [path, html] of documents) {
      for (const error of parseStrict(html).errors) problems.push(`${path}: parse5 ${error}`);
      const report = await validator.validateString(html);
      for (const result of report.results) for (const m of result.messages) problems.push(`${path}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
