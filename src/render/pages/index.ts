/**
 * The pages a researcher reads, rendered on the server from the graph: each workshop's report as a
 * document, statements, stakeholders, themes, the consensus matrix, the obstacle → remedy map, lists of
 * every IRI folder, search, and the ontology's documentation. `asm-kg serve` answers with these pages
 * and the static site writes them, so the two cannot differ. Every page works without JavaScript.
 *
 * Paths are the server's ('/id/workshop/2', '/search'); every URL inside a page goes through
 * PageLinks.href, so the same HTML works at the root of the server and under any prefix of a static copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type N3 from 'n3';
import { listCatalogue } from '../../query/catalogue.js';
import { releaseFolder, type Release } from '../../core/release.js';
import { clientBundle } from '../editor-assets.js';
import { ResourceIndex } from '../resource-index.js';
import { vocabulary } from '../../core/iri.js';
import { historySection } from '../history.js';
import type { ReleaseArchive } from '../release-archive.js';
import { Bases } from './bases.js';
import { consensusPage } from './consensus.js';
import { errorHtml } from './errors.js';
import { Graph } from './graph.js';
import { homePage } from './home.js';
import { quadsToJsonLdBlock } from './jsonld.js';
import { FAVICON, frame, STYLESHEET, type PageLinks } from '../layout.js';
import { folderOf, listPage, listPaths, type Folder } from './lists.js';
import { ontologyPage } from './ontology.js';
import { remediesPage } from './remedies.js';
import { resourcePage } from './resource.js';
import { SearchIndex } from './search-index.js';
import { searchPage } from './search.js';
import { stakeholderPage } from './stakeholder.js';
import { statementPage } from './statement.js';
import type { Ctx } from './statement-item.js';
import { themePage } from './theme.js';
import { workshopPage, type Rendered } from './workshop.js';
import { readRecipes, recipeFiles, recipesPage, RECIPES_PATH } from './recipes.js';
import { documentAt, documentationFiles, documentationPage, documentPage, documentPaths, DOCS_PATH, readDocumentation } from './documentation.js';

export type { PageLinks } from '../layout.js';
export { consensusRows, type ConsensusRow } from './consensus.js';
export { queryErrorPage } from './errors.js';

export interface PagesInput {
  /** All named graphs of the built release, and the dataset descriptions. */
  store: N3.Store;
  base: string;
  release: Release;
  /** The project folder (data/ for the editors' bases, queries/, ontology/shapes/). */
  root: string;
  /** The released descriptions, for the History of statements, stakeholders and themes. */
  archive?: ReleaseArchive;
}

export interface RenderedPage { status: number; title: string; html: string }

export interface Pages {
  /** The page at a path (no query string), or undefined when there is no page there. */
  render(path: string, params: URLSearchParams, links: PageLinks): RenderedPage | undefined;
  /** Every page path a static export must write. */
  paths(): string[];
  /** The stylesheet, favicon, client scripts and search index. */
  assets(): Array<{ path: string; mediaType: string; body: string | Uint8Array }>;
  /** An HTML error page with the site's navigation. */
  errorPage(status: number, message: string, links: PageLinks): string;
}

const VIEWS = ['/', '/consensus', '/remedies', '/search', '/ontology'];

export function createPages(input: PagesInput): Pages {
  const { store, base, release, root } = input;
  const g = new Graph(store, base);
  const bases = new Bases(root);
  const index = new ResourceIndex(store, base);
  const prefixes: Record<string, string> = { ...vocabulary(base).prefixes, void: 'http://rdfs.org/ns/void#', dcat: 'http://www.w3.org/ns/dcat#', foaf: 'http://xmlns.com/foaf/0.1/' };
  const search = new SearchIndex(g);
  const catalogue = safeCatalogue(root);
  // The Python and R recipes (docs/recipes/), with a page and their files, when the project has them.
  const recipes = readRecipes(root);
  // The guides and decision records of docs/, with a page that lists them, when the project has them.
  const docs = readDocumentation(root);
  const hasDocs = docs.guides.length > 0;
  const shapesPath = join(root, 'ontology/shapes/asm-shapes.ttl');
  const shapes = existsSync(shapesPath) ? readFileSync(shapesPath, 'utf8') : undefined;

  // Every resource with a page: the IRIs under the base that the data says anything about.
  const resources = new Set<string>();
  for (const term of [...store.getSubjects(null, null, null), ...store.getObjects(null, null, null)]) {
    if (term.termType === 'NamedNode' && index.has(term.value)) resources.add(term.value);
  }
  const folders = new Map<string, Folder>();
  for (const iri of resources) {
    const folder = folderOf(base, iri);
    if (folder === undefined) continue;
    const entry = folders.get(folder.path) ?? { ...folder, members: [] };
    entry.members.push(iri);
    folders.set(folder.path, entry);
  }
  for (const folder of folders.values()) folder.members = folder.path === '/id/statement/' || folder.path === '/id/section/' ? g.byPosition(folder.members) : g.byLabel(folder.members);

  const page = (links: PageLinks, rendered: Rendered, extra: { alternatesOf?: string; jsonld?: string; head?: string } = {}): RenderedPage => ({
    status: 200,
    title: rendered.title,
    html: frame({ title: rendered.title, links, crumbs: rendered.crumbs, main: rendered.main, ...(rendered.description ? { description: rendered.description } : {}), ...extra }),
  });

  const resource = (iri: string, path: string, links: PageLinks): RenderedPage | undefined => {
    const description = index.describe(iri);
    if (description === undefined) return undefined;
    const ctx: Ctx = { g, links, bases };
    const folder = folderOf(base, iri);
    let rendered: Rendered;
    if (g.isA(iri, g.a('Workshop'))) rendered = workshopPage(ctx, iri);
    else if (g.isA(iri, g.a('Statement'))) rendered = statementPage(ctx, iri);
    else if (g.isA(iri, g.a('Stakeholder'))) rendered = stakeholderPage(ctx, iri);
    else if (g.isA(iri, g.a('Theme'))) rendered = themePage(ctx, iri);
    else rendered = resourcePage(ctx, description, folder?.label, folder && folders.has(folder.path) ? folder.path : undefined);
    if (input.archive !== undefined && (g.isA(iri, g.a('Statement')) || g.isA(iri, g.a('Stakeholder')) || g.isA(iri, g.a('Theme')))) {
      rendered = { ...rendered, main: `${rendered.main}\n${historySection({ archive: input.archive, iri, links, prefixes: Object.entries(prefixes) })}` };
    }
    return page(links, rendered, { alternatesOf: path, jsonld: quadsToJsonLdBlock(ResourceIndex.quadsOf(description), prefixes) });
  };

  return {
    render(path, params, links) {
      const ctx: Ctx = { g, links, bases };
      switch (path) {
        case '/': return page(links, homePage(ctx, { release, catalogue, folders: [...folders.values()], recipes: recipes.length > 0, docs: hasDocs }));
        case '/consensus': return page(links, consensusPage(ctx, catalogue.find((q) => q.name === 'theme-consensus')?.text));
        case '/remedies': return page(links, remediesPage(ctx));
        case '/search': {
          const result = searchPage(ctx, search, params);
          return { ...page(links, result.rendered, { head: `<script type="module" src="${escapeAttr(links.href('/assets/search.js'))}"></script>\n` }), status: result.status };
        }
        case '/ontology': return page(links, ontologyPage(ctx, { shapes, prefixes, version: releaseFolder(release) }), {
          alternatesOf: '/ontology',
          jsonld: quadsToJsonLdBlock(ResourceIndex.quadsOf(index.describe(`${base}ontology`)!), prefixes),
        });
        case RECIPES_PATH: if (recipes.length > 0) return page(links, recipesPage(links, recipes)); break;
        case DOCS_PATH: if (hasDocs) return page(links, documentationPage(links, docs)); break;
        default: break;
      }
      const document = hasDocs ? documentAt(docs, path) : undefined;
      if (document !== undefined) return page(links, documentPage(root, links, docs, document));
      const list = listPage({ g, links, bases }, folders, path);
      if (list !== undefined) return page(links, list);
      if (!path.startsWith('/') || path.includes('#')) return undefined;
      // Any IRI the index describes, not only those the site lists: serve's linked data asks for each of
      // them (with --backend the store may hold, say, a hash namespace named by no triple).
      const iri = base + path.slice(1);
      return index.has(iri) ? resource(iri, path, links) : undefined;
    },
    paths() {
      const resourcePaths = [...resources].map((iri) => `/${iri.slice(base.length)}`).filter((p) => p !== '/ontology').sort();
      return [...VIEWS, ...(recipes.length > 0 ? [RECIPES_PATH] : []), ...(hasDocs ? [DOCS_PATH, ...documentPaths(docs)] : []), ...listPaths([...folders.values()]), ...resourcePaths];
    },
    assets() {
      return [
        { path: '/assets/site.css', mediaType: 'text/css', body: STYLESHEET },
        { path: '/assets/favicon.svg', mediaType: 'image/svg+xml', body: FAVICON },
        { path: '/assets/search.js', mediaType: 'text/javascript', body: clientBundle('search.js') },
        { path: '/assets/minisearch.js', mediaType: 'text/javascript', body: minisearchModule() },
        { path: '/assets/search-index.json', mediaType: 'application/json', body: search.json() },
        ...recipeFiles(root, recipes),
        ...documentationFiles(root, docs),
      ];
    },
    errorPage(status, message, links) {
      return errorHtml(status, message, links);
    },
  };
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The catalogue's queries (name, title, text), for links that run them; none when the folder is absent. */
function safeCatalogue(root: string): Array<{ name: string; title: string; question: string; text: string }> {
  if (!existsSync(join(root, 'queries'))) return [];
  return listCatalogue(root).filter((q) => !q.name.endsWith('-violation')).map((q) => ({
    name: q.name, title: q.title ?? q.name, question: q.question ?? '', text: readFileSync(q.path, 'utf8'),
  }));
}

/** MiniSearch's browser build (ES module), served beside the client script that imports it. */
function minisearchModule(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('minisearch');
  return readFileSync(join(entry, '../../es/index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
}
