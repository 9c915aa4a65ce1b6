/**
 * The browser bundles of client/ (YASGUI with its configuration, its style sheet, the SPARQL service
 * worker), which `npm run compile` writes to lib/assets/ with esbuild (client/build.mjs). serve and the
 * static site serve them as files of their own: nothing is loaded from another host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/paths.js';
import { EDITOR_SCRIPT, EDITOR_STYLE } from './editor-page.js';

export interface Asset { path: string; mediaType: string; body: Uint8Array }

export const SERVICE_WORKER = '/sw.js';

const FILES: Array<{ path: string; file: string; mediaType: string }> = [
  { path: EDITOR_SCRIPT, file: 'query-page.js', mediaType: 'text/javascript' },
  { path: EDITOR_STYLE, file: 'query-page.css', mediaType: 'text/css' },
  // At the top of the site: a service worker controls only the pages at and below its own folder.
  { path: SERVICE_WORKER, file: 'sparql-sw.js', mediaType: 'text/javascript' },
];

export function assetsFolder(root: string = PACKAGE_ROOT): string {
  return join(root, 'lib', 'assets');
}

/** The bundles; a clear error when they were never built. */
export function editorAssets(root: string = PACKAGE_ROOT, which: 'serve' | 'site' = 'site'): Asset[] {
  const folder = assetsFolder(root);
  return FILES.filter((f) => which === 'site' || f.path !== SERVICE_WORKER).map(({ path, file, mediaType }) => ({ path, mediaType, body: clientBundle(file, folder) }));
}

/** One bundle of client/ (e.g. search.js) from lib/assets/; a clear error when it was never built. */
export function clientBundle(file: string, folder: string = assetsFolder()): Buffer {
  const full = join(folder, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: the browser bundles of client/ are built by \`npm run compile\` (node client/build.mjs)`);
  return readFileSync(full);
}
