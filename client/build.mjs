// Bundles the browser code of client/ into lib/assets/ with esbuild: the query page (YASGUI and its
// configuration), its style sheet, the service worker that runs SPARQL on the static site, and the
// search page's script.
// Run by `npm run compile`/`prepare`; the output is deterministic (no timestamps, no source maps).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'lib', 'assets');
mkdirSync(out, { recursive: true });

const common = {
  bundle: true, minify: true, legalComments: 'none', target: ['es2022'], logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
};
// The search script imports MiniSearch from /assets/minisearch.js, the package's own ES module build that
// the pages serve beside it (render/pages/index.ts), rather than a second copy inside the bundle.
const minisearchBeside = {
  name: 'minisearch-beside',
  setup(build) { build.onResolve({ filter: /^minisearch$/ }, () => ({ path: './minisearch.js', external: true })); },
};
await Promise.all([
  // jsonld.js (0.15 MB of the worker's 1.5 MB) is bundled; its code runs only for a JSON-LD answer.
  build({ ...common, entryPoints: [join(root, 'client', 'sparql-sw.ts')], outfile: join(out, 'sparql-sw.js'), format: 'iife', platform: 'browser',
    external: ['rdflib'], inject: [join(root, 'client', 'shims.js')] }),
  build({ ...common, entryPoints: [join(root, 'client', 'query-page.ts')], outfile: join(out, 'query-page.js'), format: 'iife', platform: 'browser',
    loader: { '.css': 'css' } }),
  build({ ...common, entryPoints: [join(root, 'client', 'search.ts')], outfile: join(out, 'search.js'), format: 'esm', platform: 'browser',
    plugins: [minisearchBeside] }),
]);
