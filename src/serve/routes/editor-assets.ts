/**
 * The query editor on `asm-kg serve`: the /sparql page for a browser (YASGUI over the server's own
 * endpoint, the plain form under it) and the editor's bundles under /assets/query-editor/.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { vocabulary } from '../../iri.js';
import { listCatalogue } from '../../query/catalogue.js';
import { escapeHtml } from '../../render/html.js';
import { sendDocument } from '../respond.js';
import type { ServiceFacts } from '../service-description.js';
import { editorAssets } from '../../render/editor-assets.js';
import { queryPage, type QueryExample } from '../../render/editor-page.js';

const SERVER_LINKS = { href: (path: string) => path };

/** The catalogue's queries as the editor's examples: the questions first, the data-quality checks after. */
export function catalogueExamples(root: string): QueryExample[] {
  const entries = listCatalogue(root);
  const ordered = [...entries.filter((q) => !q.name.endsWith('-violation')), ...entries.filter((q) => q.name.endsWith('-violation'))];
  return ordered.map((q) => ({ name: q.name, title: q.title ?? q.name, question: q.question ?? '', query: readFileSync(q.path, 'utf8') }));
}

/** The page a browser gets at GET /sparql (without a query). */
export function serveQueryPage(facts: ServiceFacts, root: string, base: string): string {
  return queryPage({
    links: SERVER_LINKS,
    examples: catalogueExamples(root),
    prefixes: vocabulary(base).prefixes,
    endpoint: '/sparql',
    formAction: '/sparql',
    cataloguePath: undefined,
    about: `<p>Read-only SPARQL 1.1 over the whole graph (${facts.triples} triples; the default graph is the merge of the named graphs, each triple once: ${facts.graphs.map((g) => `<code>${escapeHtml(g.name)}</code>`).join(', ')}).
A query runs for at most ${facts.timeoutMs} ms and gives at most ${facts.maxRows} rows.
Send <code>Accept: text/turtle</code> here for the service description.</p>`,
  });
}

export function registerEditorAssets(app: FastifyInstance, cacheControl: string): void {
  for (const asset of editorAssets(undefined, 'serve')) {
    const body = Buffer.from(asset.body);
    app.get(asset.path, (request, reply) => sendDocument(request, reply, { body, mediaType: asset.mediaType, cacheControl }));
  }
}
