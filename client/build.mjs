// Bundles the browser code of client/ into lib/assets/ with esbuild: the query page (YASGUI and its
// configuration), its style sheet, and on the static site the SPARQL endpoint in the browser: the small
// script that starts it from the page's head, the service worker, the engine (a dedicated worker with
// Comunica) and jsonld.js, which the engine loads only for JSON-LD answers.
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
  build({ ...common, entryPoints: [join(root, 'client', 'sparql-sw.ts')], outfile: join(out, 'sparql-sw.js'), format: 'iife', platform: 'browser' }),
  // The engine; src/query/format/quads.ts's import('jsonld') becomes the loader of the JSON-LD bundle below.
  build({ ...common, entryPoints: [join(root, 'client', 'sparql-engine.ts')], outfile: join(out, 'sparql-engine.js'), format: 'iife', platform: 'browser',
    alias: { jsonld: join(root, 'client', 'jsonld-loader.ts') }, external: ['rdflib'], inject: [join(root, 'client', 'shims.js')] }),
  build({ ...common, entryPoints: [join(root, 'client', 'jsonld-global.ts')], outfile: join(out, 'jsonld.js'), format: 'iife', platform: 'browser',
    inject: [join(root, 'client', 'shims.js')] }),
  build({ ...common, entryPoints: [join(root, 'client', 'start-engine.ts')], outfile: join(out, 'start-engine.js'), format: 'iife', platform: 'browser' }),
  build({ ...common, entryPoints: [join(root, 'client', 'query-page.ts')], outfile: join(out, 'query-page.js'), format: 'iife', platform: 'browser',
    loader: { '.css': 'css' } }),
]);
