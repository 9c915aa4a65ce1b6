/**
 * Build: load → publish the current version into a fresh dist/, with the released versions carried over
 * unchanged, while a child process validates the loaded graph (src/build/validate-apart.ts). The previous dist/
 * stays untouched unless the whole build succeeds, validation included.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Violation } from '../core/errors.js';
import { DEFAULT_BASE } from '../core/iri.js';
import { loadShapes, loadSources, type LoadedFile } from '../rdf/load.js';
import { publishRelease, releaseGraph, type ReleaseGraph } from './publish.js';
import { NQUADS_DUMP, readRelease, releaseFolder, type Release, type WrittenFile } from '../core/release.js';
import { carriedVersions, carryReleasedFolders, checkReleasedFolders } from './released-versions.js';
import { Parser } from 'n3';
import { createStore } from '../rdf/store.js';
import { addMergedDefaultGraph } from '../query/default-graph.js';
import { QuadIndex } from '../rdf/quad-index.js';
import { validateApart } from './validate-apart.js';
import { PACKAGE_ROOT } from '../core/paths.js';
import { writeReleasePackages } from './release-packages.js';
import { checkIriPaths } from '../core/iri-path.js';
import { replaceFolder } from '../core/write-atomic.js';

export interface BuildOptions {
  root?: string;
  outDir?: string;
  base?: string;
  /** Where the released (frozen) version folders are read from: the committed dist/ by default. */
  releasedDir?: string;
  /**
   * Also compare Comunica's and Oxigraph's answers to every catalogue query before the release is swapped
   * in (src/query/engine-check.ts; `asm-kg build --check-engines`). Off by default: Comunica's half costs
   * some 27 s of CPU. The literals are always checked (well under a second).
   */
  checkEngines?: boolean;
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
  const root = options.root ?? PACKAGE_ROOT;
  const base = options.base ?? DEFAULT_BASE;
  const outDir = options.outDir ?? join(root, 'dist');
  const release = readRelease(root);
  const releasedDir = options.releasedDir ?? join(root, 'dist');
  const carried = carriedVersions(release, base);
  checkReleasedFolders(releasedDir, carried);
  const loaded = loadSources(root, base);
  // Before anything is written: an IRI under the base becomes a file path of the site (core/iri-path.ts).
  checkIriPaths(loaded.quads, base);
  const sources = loaded.files;
  const shapes = loadShapes(root, base);
  // Validation runs in a child process beside the dumps (src/build/validate-apart.ts); the new release is
  // swapped in only once it has passed, so a failing graph leaves the old dist/ as it was.
  const validation = validateApart(root, base, new QuadIndex(loaded.quads));
  let warnings: Violation[] = [];
  let files: WrittenFile[];
  try {
    // Held only until the dumps are written: the engine check reads the written dump, not this graph.
    let graph: ReleaseGraph | undefined = releaseGraph(loaded.quads, base);
    loaded.quads = [];
    files = await replaceFolder(outDir, async (folder) => {
      const written = await publishRelease(folder, graph!, base, release, shapes);
      graph = undefined;
      // The engines must agree on what was written (serve answers with Oxigraph, query with Comunica):
      // checked before the swap, so that a disagreement leaves the old dist/ in place, and while the
      // validation may still run. A failed validation is reported first, as before the check existed.
      const disagreement = await checkEngines(root, join(folder, releaseFolder(release), NQUADS_DUMP), join(releaseFolder(release), NQUADS_DUMP), base, options.checkEngines === true)
        .then(() => undefined, (error: unknown) => ({ error }));
      ({ warnings } = await validation.outcome);
      if (disagreement !== undefined) throw disagreement.error;
      const carriedFiles = carryReleasedFolders(releasedDir, folder, carried);
      // Each release's RO-Crate and data package, made from the bytes of its folder as now written.
      const packages = writeReleasePackages({ distFolder: folder, root, packageRoot: PACKAGE_ROOT, base, release, versions: [...carried, release.version] });
      return [...written, ...carriedFiles, ...packages];
    });
  } finally {
    validation.stop();
  }
  const triples = files.find((f) => f.name === `${releaseFolder(release)}/asm-kg.nt`)?.triples ?? 0;
  return { base, outDir, release, sources, files, warnings, triples };
}

/**
 * The engine check of the new release (src/query/engine-check.ts), loaded only here: Oxigraph is WebAssembly.
 * The catalogue's half, and the SPARQL parser it brings, only with --check-engines.
 */
async function checkEngines(root: string, dump: string, shown: string, base: string, catalogue: boolean): Promise<void> {
  const { LiteralCheck } = await import('../query/literal-check.js');
  // The literals, line by line: at a million triples the dump is 240 MB of text, and the check needs a few thousand lines of it.
  const literals = new LiteralCheck();
  let index = 0;
  for await (const line of createInterface({ input: createReadStream(dump, 'utf8'), crlfDelay: Infinity })) literals.add(line, index++);
  literals.finish(shown);
  if (!catalogue) return;
  const { checkCatalogue } = await import('../query/engine-check.js');
  const nquads = readFileSync(dump, 'utf8');
  const { OxigraphEngine } = await import('../query/oxigraph-engine.js');
  const { listCatalogue, readCatalogueQuery } = await import('../query/catalogue.js');
  const quads = new Parser({ format: 'N-Quads' }).parse(nquads);
  const store = createStore(quads);
  addMergedDefaultGraph(store);
  const graph = { store, endpoints: [], sources: [shown], size: store.size };
  const items = listCatalogue(root).map((entry) => ({ ...readCatalogueQuery(entry.name, root), path: entry.path }));
  await checkCatalogue(OxigraphEngine.fromNQuads(nquads), items, { base, graph });
}
