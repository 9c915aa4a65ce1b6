/**
 * Build: load → validate → publish the current version into a fresh dist/, with the released versions
 * carried over unchanged. The previous dist/ stays untouched unless the whole build succeeds.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Violation } from './errors.js';
import { DEFAULT_BASE } from './iri.js';
import { loadShapes, loadSources, type LoadedFile } from './load.js';
import { publishRelease, type WrittenFile } from './publish.js';
import { readRelease, releaseFolder, type Release } from './release.js';
import { carriedVersions, carryReleasedFolders, checkReleasedFolders } from './released-versions.js';
import { createStore } from './store.js';
import { validateGraph } from './validate.js';
import { replaceFolder } from './write-atomic.js';

/** The project root: the folder above src/ (or lib/ once compiled). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildOptions {
  root?: string;
  outDir?: string;
  base?: string;
  /** Where the released (frozen) version folders are read from: the committed dist/ by default. */
  releasedDir?: string;
}

export interface BuildReport {
  base: string;
  outDir: string;
  release: Release;
  sources: LoadedFile[];
  files: WrittenFile[];
  warnings: Violation[];
  triples: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const root = options.root ?? PROJECT_ROOT;
  const base = options.base ?? DEFAULT_BASE;
  const outDir = options.outDir ?? join(root, 'dist');
  const release = readRelease(root);
  const releasedDir = options.releasedDir ?? join(root, 'dist');
  const carried = carriedVersions(release, base);
  checkReleasedFolders(releasedDir, carried);
  const { quads, files: sources } = loadSources(root, base);
  const store = createStore(quads);
  const shapes = loadShapes(root, base);
  const { warnings } = await validateGraph(store, shapes);
  const files = await replaceFolder(outDir, async (folder) => [
    ...await publishRelease(folder, store, base, release, shapes),
    ...carryReleasedFolders(releasedDir, folder, carried),
  ]);
  const triples = files.find((f) => f.name === `${releaseFolder(release)}/asm-kg.nt`)?.triples ?? 0;
  return { base, outDir, release, sources, files, warnings, triples };
}
