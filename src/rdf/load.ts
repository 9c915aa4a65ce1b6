/**
 * Load: reads the ontology and data files into one list of quads, each in its named graph, rebased onto
 * the requested base IRI and with superclass types materialised.
 */
import { type Quad } from 'n3';
import { addSuperclassTypes } from './entail.js';
import { DEFAULT_BASE, rebase } from '../core/iri.js';
import { interningFactory, parseTurtleFile } from './parse.js';
import { listSourceFiles, SHAPES_FILE } from '../core/sources.js';
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

/** The SHACL shapes, rebased like the data (they name our schemes and classes). */
export function loadShapes(root: string, base: string = DEFAULT_BASE): Quad[] {
  return rebase(parseTurtleFile(SHAPES_FILE, join(root, SHAPES_FILE), DEFAULT_BASE + 'graph/shapes'), base);
}
