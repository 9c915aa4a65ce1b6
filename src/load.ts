/**
 * Load: reads the ontology and data files into one list of quads, each in its named graph, rebased onto
 * the requested base IRI and with superclass types materialised.
 */
import { type Quad, type Store } from 'n3';
import { addSuperclassTypes, isTypeOrSubclass, superclassTypes } from './entail.js';
import { DEFAULT_BASE, rebase } from './iri.js';
import { interningFactory, parseTurtleFile } from './parse.js';
import { listSourceFiles, SHAPES_FILE } from './sources.js';
import { join } from 'node:path';

export interface LoadedFile {
  path: string;
  graph: string;
  triples: number;
}

export interface LoadedGraph {
  base: string;
  quads: Quad[];
  files: LoadedFile[];
}

export function loadSources(root: string, base: string = DEFAULT_BASE): LoadedGraph {
  const files: LoadedFile[] = [];
  const quads: Quad[] = [];
  const terms = interningFactory();
  for (const file of listSourceFiles(root)) {
    // Parse with the default base's graph name; rebase moves it with everything else.
    const parsed = parseTurtleFile(file.path, file.absolutePath, DEFAULT_BASE + file.graph, terms);
    files.push({ path: file.path, graph: base + file.graph, triples: parsed.length });
    // One by one: spreading a large array into push() overflows the call stack (about 120,000 arguments).
    for (const quad of parsed) quads.push(quad);
  }
  return { base, quads: addSuperclassTypes(rebase(quads, base)), files };
}

/**
 * The same graph as loadSources, added to `store` file by file: the build never holds the parsed quads of
 * every file and the store at once (at a million triples each is about a gigabyte). Superclass types are
 * added last, as loadSources appends them (src/entail.ts, the same rule).
 */
export function loadSourcesInto(store: Store, root: string, base: string = DEFAULT_BASE): LoadedFile[] {
  const files: LoadedFile[] = [];
  const types: Quad[] = [];
  const subclasses: Quad[] = [];
  const terms = interningFactory();
  for (const file of listSourceFiles(root)) {
    const parsed = rebase(parseTurtleFile(file.path, file.absolutePath, DEFAULT_BASE + file.graph, terms), base);
    files.push({ path: file.path, graph: base + file.graph, triples: parsed.length });
    for (const quad of parsed) {
      store.addQuad(quad);
      const kind = isTypeOrSubclass(quad);
      if (kind === 'type') types.push(quad);
      else if (kind === 'subclass') subclasses.push(quad);
    }
  }
  for (const quad of superclassTypes(types, subclasses, (q) => store.countQuads(q.subject, null, q.object, q.graph) > 0)) store.addQuad(quad);
  return files;
}

/** The SHACL shapes, rebased like the data (they name our schemes and classes). */
export function loadShapes(root: string, base: string = DEFAULT_BASE): Quad[] {
  return rebase(parseTurtleFile(SHAPES_FILE, join(root, SHAPES_FILE), DEFAULT_BASE + 'graph/shapes'), base);
}
