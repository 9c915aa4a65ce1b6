/**
 * Where the graph's source files are and which named graph each folder feeds. The folder a file sits
 * in decides whether its triples are what the source says or what the editors interpret.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFolder {
  /** Folder under the project root. */
  dir: string;
  /** Named graph, relative to the base IRI. */
  graph: string;
}

export const SOURCE_FOLDERS: readonly SourceFolder[] = [
  { dir: 'ontology', graph: 'graph/ontology' },
  { dir: 'data/statements', graph: 'graph/statements' },
  { dir: 'data/editorial', graph: 'graph/editorial' },
  { dir: 'data/links', graph: 'graph/links' },
  { dir: 'data/provenance', graph: 'graph/provenance' },
];

export const SHAPES_FILE = 'ontology/shapes/asm-shapes.ttl';
export const SOURCE_DOCUMENT = 'data/source/workshops-summary.txt';

export interface SourceFile {
  /** Path relative to the project root, as printed in messages. */
  path: string;
  absolutePath: string;
  graph: string;
}

/** The Turtle files of every source folder (not sub-folders), in a stable order. */
export function listSourceFiles(root: string): SourceFile[] {
  return SOURCE_FOLDERS.flatMap(({ dir, graph }) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ttl'))
      .map((entry) => entry.name)
      .sort()
      .map((name) => {
        const absolutePath = join(root, dir, name);
        return { path: relative(root, absolutePath), absolutePath, graph };
      }));
}
