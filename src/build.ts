/**
 * Build: load → validate → serialize into a fresh dist/. The previous dist/ stays untouched unless the
 * whole build succeeds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quad } from 'n3';
import type { Violation } from './errors.js';
import { DEFAULT_BASE, vocabulary } from './iri.js';
import { loadShapes, loadSources, type LoadedFile } from './load.js';
import { jsonldContext } from './serialize/jsonld-context.js';
import { toJsonLd } from './serialize/jsonld.js';
import { sortedQuads, sortedTriples } from './serialize/order.js';
import { toNQuads, toNTriples, toTurtle } from './serialize/rdf-text.js';
import { validateGraph } from './validate.js';
import { replaceFolder } from './write-atomic.js';

/** The project root: the folder above src/ (or lib/ once compiled). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildOptions {
  root?: string;
  outDir?: string;
  base?: string;
}

export interface WrittenFile {
  name: string;
  bytes: number;
  triples: number | undefined;
}

export interface BuildReport {
  base: string;
  outDir: string;
  sources: LoadedFile[];
  files: WrittenFile[];
  warnings: Violation[];
  triples: number;
}

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const root = options.root ?? PROJECT_ROOT;
  const base = options.base ?? DEFAULT_BASE;
  const outDir = options.outDir ?? join(root, 'dist');
  const { quads, files: sources } = loadSources(root, base);
  const { warnings } = await validateGraph(quads, loadShapes(root, base));

  const files = await replaceFolder(outDir, async (folder) => {
    const written: WrittenFile[] = [];
    const emit = (name: string, content: string, triples?: number): void => {
      writeFileSync(join(folder, name), content);
      written.push({ name, bytes: Buffer.byteLength(content), triples });
    };
    await writeDumps(quads, base, emit);
    return written;
  });
  const triples = files.find((f) => f.name === 'asm-kg.nt')?.triples ?? 0;
  return { base, outDir, sources, files, warnings, triples };
}

type Emit = (name: string, content: string, triples?: number) => void;

async function writeDumps(quads: Quad[], base: string, emit: Emit): Promise<void> {
  const { prefixes } = vocabulary(base);
  const all = sortedTriples(quads);
  const ontology = sortedTriples(quads.filter((q) => q.graph.value === `${base}graph/ontology`));
  const context = jsonldContext(base);

  emit('asm-kg.ttl', toTurtle(all, prefixes), all.length);
  emit('asm-kg.nt', toNTriples(all), all.length);
  emit('asm-kg.nq', toNQuads(sortedQuads(quads)), quads.length);
  emit('asm-kg.jsonld', await toJsonLd(all, context), all.length);
  emit('context.jsonld', `${JSON.stringify(context, null, 2)}\n`);
  emit('ontology.ttl', toTurtle(ontology, prefixes), ontology.length);
}
