// Bundles the browser code of client/ into lib/assets/ with esbuild: the query page (YASGUI and its
// configuration), its style sheet, and the service worker that runs SPARQL on the static site.
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
await Promise.all([
  // jsonld.js (0.15 MB of the worker's 1.5 MB) is bundled; its code runs only for a JSON-LD answer.
  build({ ...common, entryPoints: [join(root, 'client', 'sparql-sw.ts')], outfile: join(out, 'sparql-sw.js'), format: 'iife', platform: 'browser',
    external: ['rdflib'], inject: [join(root, 'client', 'shims.js')] }),
  build({ ...common, entryPoints: [join(root, 'client', 'query-page.ts')], outfile: join(out, 'query-page.js'), format: 'iife', platform: 'browser',
    loader: { '.css': 'css' } }),
]);
