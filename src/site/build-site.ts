/**
 * buildSite: the whole publication as static files (`asm-kg site`): every page of src/pages, each
 * resource's description as .ttl, .nt, .jsonld and .rdf beside its .html, the files of dist/ with listing
 * pages, the catalogue's queries with their answers, the query page with YASGUI and the in-browser SPARQL
 * engine (a service worker over the N-Quads dump), 404.html, and w3id/.htaccess for the w3id.org
 * redirects. paths.ts says where each path is written; links are relative, so the folder works on any
 * static host, at its root or under a path.
 *
 * Deterministic: the same sources give the same bytes (files are generated in memory, in a sorted order,
 * from the committed dist/, with no clock). The folder is written beside the old one and swapped in whole.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataFactory, Store, type Quad } from 'n3';
import { DEFAULT_BASE, vocabulary } from '../core/iri.js';
import { createPages } from '../render/pages/index.js';
import { listCatalogue, readCatalogueQuery, type CatalogueQuery } from '../query/catalogue.js';
import { query } from '../query/engine.js';
import { PACKAGE_ROOT } from '../core/paths.js';
import { builtGraphPath, loadGraph } from '../query/load-graph.js';
import { NQUADS_DUMP, readRelease, releaseFolder } from '../core/release.js';
import { ResourceIndex } from '../render/resource-index.js';
import { ALL_OFFERS, graphContentPath, OFFERS, suffixOf } from '../core/dereference.js';
import { graphContent } from '../query/graph-content.js';
import { GRAPH_TYPES, HTML } from '../core/formats.js';
import { escapeHtml } from '../render/html.js';
import { replaceFolder } from '../core/write-atomic.js';
import { checkIriPaths } from '../core/iri-path.js';
import { pathInside, UnsafePathError, unsafeNameReason } from '../core/path-inside.js';
import { catalogueIndex, cataloguePage, CATALOGUE_PATH } from './catalogue-pages.js';
import { distListing, type ListedEntry } from './dist-listing.js';
import { describedResources, rdfDocuments } from './documents.js';
import { editorAssets, SERVICE_WORKER } from '../render/editor-assets.js';
import { htaccess } from './htaccess.js';
import { writeMementos } from './mementos.js';
import { SiteMap } from './paths.js';
import { ReleaseArchive } from '../render/release-archive.js';
import { queryPage } from '../render/editor-page.js';

export interface SiteOptions {
  /** The project folder (default: this package); its dist/ must be built. */
  root?: string;
  /** Where to write the site (default: <root>/site). */
  outDir?: string;
  /** The URL the site will be published at, ending in "/": the target of the w3id redirects. */
  siteUrl?: string;
  /** The IRI base of the graph (default https://w3id.org/asm-kg/). */
  base?: string;
  /**
   * Whether Oxigraph's answers to the catalogue are compared with the Comunica answers the site shows
   * (default true; about 3 s of CPU). The site's bytes are the same either way: the check only throws.
   */
  checkEngines?: boolean;
}

export interface SiteReport {
  outDir: string;
  files: number;
  bytes: number;
  pages: number;
  resources: number;
  /** Whether w3id/.htaccess was written (it needs the site's URL). */
  redirects: boolean;
  /** How many catalogue queries Oxigraph answered as Comunica did (the engine check); 0 when it was left out. */
  enginesChecked: number;
}

const VOID = 'http://rdfs.org/ns/void#';

export async function buildSite(options: SiteOptions = {}): Promise<SiteReport> {
  const root = options.root ?? PACKAGE_ROOT;
  const base = options.base ?? DEFAULT_BASE;
  const outDir = options.outDir ?? join(root, 'site');
  const checkEngines = options.checkEngines ?? true;
  const files = await siteFiles(root, base, options.siteUrl, { checkEngines });
  // siteFiles throws unless Oxigraph answered every catalogue query as the pages show it.
  const enginesChecked = checkEngines ? listCatalogue(root).length : 0;
  const report = { outDir, files: files.size, bytes: 0, pages: 0, resources: 0, redirects: files.has('w3id/.htaccess'), enginesChecked };
  for (const [name, body] of files) {
    report.bytes += body.length;
    if (name.endsWith('.html')) report.pages++;
    if (name.endsWith('.ttl') && !name.startsWith('dist/') && !name.endsWith('.content.ttl')) report.resources++;
  }
  await replaceFolder(outDir, async (folder) => {
    // Straight into the new folder: nothing reads it before replaceFolder swaps it in whole, so a file needs no
    // temporary name of its own (one write instead of a write and a rename, 14,000 times), and each folder is made once.
    const made = new Set<string>();
    for (const [name, body] of files) {
      const path = pathInside(folder, name);
      const parent = dirname(path);
      if (!made.has(parent)) { mkdirSync(parent, { recursive: true }); made.add(parent); }
      writeFileSync(path, body);
    }
  });
  return report;
}

export interface SiteFilesOptions {
  /** Whether the engine check runs (SiteOptions.checkEngines; default true). */
  checkEngines?: boolean;
}

/** Every file of the site: path relative to the site folder → bytes, in sorted order. */
export async function siteFiles(root: string, base: string, siteUrl: string | undefined, { checkEngines = true }: SiteFilesOptions = {}): Promise<Map<string, Uint8Array>> {
  const release = readRelease(root);
  const version = releaseFolder(release);
  const distDir = join(root, 'dist');
  const descriptions = ['void.ttl', 'dcat.ttl'].map((name) => join(distDir, name));
  // The graph the pages describe: the release and its dataset descriptions, as serve loads it.
  const graph = await loadGraph({ root, sources: descriptions, mergeDefaultGraph: false });
  const store = stableBlankNodes(graph.store);
  // A dist/ built before the rule existed may hold an IRI that would be written outside the folder.
  checkIriPaths(store.getQuads(null, null, null, null), base);
  const index = new ResourceIndex(store, base);
  const prefixes = { ...vocabulary(base).prefixes, void: VOID, dcat: 'http://www.w3.org/ns/dcat#', foaf: 'http://xmlns.com/foaf/0.1/' };
  // Every resource as each release described it (frozen dumps): the pages' History, and the versioned files below.
  const archive = ReleaseArchive.forRelease(release, distDir, base);
  const pages = createPages({ store, base, release, root, archive });
  // The base IRI itself is the site's home: its page is index.html, and it gets no description files.
  const pagePaths = [...new Set(pages.paths())];
  const map = new SiteMap(pagePaths);
  const fileOf = (path: string) => map.fileOf(path);
  const staticLinks = (file: string) => map.links(file);
  const out = new Map<string, Uint8Array>();
  const put = (file: string, body: string | Uint8Array) => {
    // Every name is checked here, before anything is written, and again where it is written (pathInside).
    const unsafe = unsafeNameReason(file);
    if (unsafe !== undefined) throw new UnsafePathError('the site folder', file, unsafe);
    if (out.has(file)) throw new Error(`two things of the site would be written to ${file}`);
    out.set(file, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  };

  // The pages, each with links relative to its own file.
  for (const path of pagePaths) {
    if (path === '/sparql') continue; // the query page is this module's (below)
    const file = fileOf(path);
    const page = pages.render(path, new URLSearchParams(), staticLinks(file));
    if (page === undefined || page.status !== 200) throw new Error(`the page ${path} did not render (${page?.status ?? 'no page'})`);
    put(file, page.html);
  }
  for (const asset of pages.assets()) put(fileOf(asset.path), asset.body);

  // Each resource's description documents beside its page.
  const resources = describedResources(index, store.getQuads(null, null, null, null)).filter((iri) => iri !== base);
  for (const iri of resources) {
    const path = `/${iri.slice(base.length)}`;
    const documents = await rdfDocuments(index, iri, prefixes);
    // Every format serve redirects a thing to (core/dereference.ts) must be here: the w3id rules send there.
    for (const type of OFFERS.thing.filter((t) => t !== HTML)) if (documents[suffixOf(type)] === undefined) throw new Error(`no ${type} description of ${iri} is written`);
    for (const [suffix, text] of Object.entries(documents)) put(`${path.slice(1)}.${suffix}`, text);
    if (!out.has(fileOf(path))) throw new Error(`${iri} has no page: src/pages renders none at ${path}`);
  }

  // The descriptions of the resources that changed, as each release gave them, and their TimeMaps.
  const versioned = await writeMementos({ archive, map, prefixes, isCurrent: (iri) => index.has(iri), put: (file, body) => put(file, body) });

  // Each named graph's content, in every RDF format, where serve and the w3id rules send a graph's IRI.
  const graphs = store.getGraphs(null, null, null).map((g) => g.value).filter((g) => g.startsWith(base)).sort();
  for (const iri of graphs) {
    if (!resources.includes(iri)) throw new Error(`the graph ${iri} has no page: the provenance graph describes none at ${iri.slice(base.length - 1)}`);
    for (const type of GRAPH_TYPES) put(graphContentPath(iri.slice(base.length), type), await graphContent(store, graphs, iri, type, prefixes));
  }

  // The files of dist/ and a listing page per folder.
  copyDist(distDir, '/dist/', put, map);

  // The catalogue: its queries as files, and a page per query with its answer computed now.
  const catalogue = listCatalogue(root).map((entry) => readCatalogueQuery(entry.name, root));
  const prefixList = Object.entries(prefixes).sort(([, a], [, b]) => b.length - a.length);
  const dataGraph = await loadGraph({ root });
  const answers = new Map<string, Awaited<ReturnType<typeof query>>>();
  for (const entry of catalogue) {
    put(`queries/${entry.name}.rq`, entry.text);
    const file = fileOf(`/queries/${entry.name}`);
    const result = await query(dataGraph, entry.text, { name: entry.name });
    answers.set(entry.name, result);
    put(file, cataloguePage(entry, result, { links: staticLinks(file), base, prefixes: prefixList }, version));
  }
  // The site shows Comunica's answers; `asm-kg serve` gives Oxigraph's: they must be the same (issue 12).
  // Comunica's are computed already, so the check costs Oxigraph's half only (loading the dump and 40 queries: about 3 s of CPU).
  if (checkEngines) {
    const { checkCatalogue } = await import('../query/engine-check.js');
    const { OxigraphEngine } = await import('../query/oxigraph-engine.js');
    const oxigraph = OxigraphEngine.fromNQuads(readFileSync(builtGraphPath(root), 'utf8'));
    await checkCatalogue(oxigraph, catalogue, { base, answers });
  }
  put(fileOf(CATALOGUE_PATH), catalogueIndex(catalogue, staticLinks(fileOf(CATALOGUE_PATH))));

  // The query page: YASGUI over the service worker, which runs SPARQL on the N-Quads dump in the browser.
  const queryFile = fileOf('/sparql');
  put(queryFile, queryPage({
    links: staticLinks(queryFile),
    examples: examplesOf(catalogue),
    prefixes: vocabulary(base).prefixes,
    endpoint: 'sparql',
    // The worker's URL says where the dump is and the graph's prefixes (for Turtle, TriG and JSON-LD answers).
    serviceWorker: `${SERVICE_WORKER}?${new URLSearchParams({ dump: `dist/${version}/${NQUADS_DUMP}`, prefixes: JSON.stringify(vocabulary(base).prefixes) }).toString()}`,
    cataloguePath: CATALOGUE_PATH,
    about: `<p>SPARQL 1.1 over the whole graph (release ${escapeHtml(version)}; its default graph holds ${dataGraph.store.countQuads(null, null, null, DataFactory.defaultGraph())} triples), run in this browser: the page downloads the <a href="${escapeHtml(staticLinks(queryFile).href(`/dist/${version}/${NQUADS_DUMP}`))}">N-Quads dump</a> once and queries it with Comunica. The default graph is the RDF merge of the named graphs: each of their triples once, however many graphs hold it (<code>GRAPH ?g</code> gives each named graph with its own triples).</p>`,
  }));
  for (const asset of editorAssets(PACKAGE_ROOT, 'site')) put(fileOf(asset.path), asset.body);

  // What a static host sends for a missing path: links from the site's root (404.html sits there; a
  // host that serves it for a deeper path gets absolute links when the site's URL is known).
  const notFoundLinks = siteUrl === undefined ? staticLinks('404.html') : { href: (path: string) => new URL(fileOf(path.replace(/[?#].*$/, '')), siteUrl).href + (/[?#].*$/.exec(path)?.[0] ?? '') };
  put('404.html', pages.errorPage(404, 'There is nothing at this address.', notFoundLinks));
  // GitHub Pages: publish the folder as it is (no Jekyll, which would drop files starting with "_").
  put('.nojekyll', '');

  if (siteUrl !== undefined) {
    const folders = new Set<string>();
    const top = new Set<string>();
    const fileLike: string[] = [];
    const suffixes = new Set(ALL_OFFERS.map(suffixOf));
    for (const iri of resources) {
      const local = iri.slice(base.length);
      if (suffixes.has(/\.([a-z]+)$/.exec(local)?.[1] ?? '')) fileLike.push(local);
      const slash = local.lastIndexOf('/');
      if (slash < 0) top.add(local); else folders.add(local.slice(0, slash));
    }
    put('w3id/.htaccess', htaccess({
      host: siteUrl, base, thingFolders: [...folders], topThings: [...top], fileLikeThings: fileLike, graphs: graphs.map((g) => g.slice(base.length)),
      mementos: versioned.resources > 0,
    }));
    put('w3id/README.md', w3idReadme(base, siteUrl));
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The catalogue as the editor's examples; the data-quality checks (…-violation) last. */
function examplesOf(catalogue: CatalogueQuery[]) {
  const ordered = [...catalogue.filter((q) => !q.name.endsWith('-violation')), ...catalogue.filter((q) => q.name.endsWith('-violation'))];
  return ordered.map((q) => ({ name: q.name, title: q.title ?? q.name, question: q.question ?? '', query: q.text }));
}

function copyDist(folder: string, path: string, put: (file: string, body: string | Uint8Array) => void, map: SiteMap): void {
  const entries: ListedEntry[] = [];
  for (const name of readdirSync(folder).sort()) {
    // Hidden files are the build's temporaries, never published (as serve's /dist/ hides them).
    if (name.startsWith('.')) continue;
    const full = join(folder, name);
    const stats = statSync(full);
    if (stats.isDirectory()) {
      entries.push({ name, folder: true, bytes: 0 });
      copyDist(full, `${path}${name}/`, put, map);
    } else if (stats.isFile()) {
      entries.push({ name, folder: false, bytes: stats.size });
      put(`${path.slice(1)}${name}`, readFileSync(full));
    }
  }
  put(map.fileOf(path), distListing(path, entries, map.links(map.fileOf(path))));
}

function w3idReadme(base: string, siteUrl: string): string {
  return `# ${base}

The knowledge graph of the ASM workshops (artisanal and small-scale mining). Every IRI under ${base} is
redirected to the dataset's static site at ${siteUrl}:

- a thing (e.g. \`${base}id/workshop/2\`) answers 303 See Other to its description in the format the
  Accept header prefers: \`.ttl\` (Turtle, also when there is no Accept header), \`.nt\`, \`.jsonld\`,
  \`.rdf\`, \`.nq\`, \`.trig\` or \`.html\`; 406 when none is acceptable;
- a named graph (e.g. \`${base}graph/links\`) answers 303 See Other to the graph itself, its triples in
  the format the Accept header prefers (\`graph/links.content.ttl\` and the like), or for a browser to
  its page; its description stays at \`graph/links.ttl\` and the like;
- the ontology namespace \`${base}ontology#\` resolves through \`${base}ontology\`, a thing like the others;
- \`${base}dist/…\` (the dumps) and the documents answer 302 Found with the same path on the site.

The rules are generated by \`asm-kg site --base ${siteUrl}\` (src/site/htaccess.ts) from the table \`asm-kg serve\`
answers by (src/core/dereference.ts), and tested against Apache, answer by answer against \`asm-kg serve\`.
`;
}

/**
 * The store with blank-node labels that do not depend on how many documents the process parsed before:
 * N3.js labels a document's blank nodes b<n>_<label>, n counting parsers process-wide, so a second build
 * in the same process would name them otherwise. Each b<n>_ becomes b<rank>_ (its rank among the n seen).
 */
function stableBlankNodes(source: Store): Store {
  const numbers = new Set<number>();
  for (const q of source.getQuads(null, null, null, null)) {
    for (const t of [q.subject, q.object]) {
      const match = t.termType === 'BlankNode' ? /^b(\d+)_/.exec(t.value) : null;
      if (match) numbers.add(Number(match[1]));
    }
  }
  const rank = new Map([...numbers].sort((a, b) => a - b).map((n, i) => [n, i]));
  const relabel = <T extends Quad['subject'] | Quad['object']>(term: T): T => {
    if (term.termType !== 'BlankNode') return term;
    return DataFactory.blankNode(term.value.replace(/^b(\d+)_/, (_m, n: string) => `b${rank.get(Number(n))}_`)) as T;
  };
  const store = new Store();
  for (const q of source.getQuads(null, null, null, null)) store.addQuad(DataFactory.quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph));
  return store;
}
