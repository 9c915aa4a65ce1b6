/**
 * The query catalogue: queries/<name>.rq, each opening with a comment header that says what it answers
 * (queries/README.md describes it):
 *
 *   # title: Obstacles raised by each workshop
 *   # question: Which obstacles did each workshop raise, in document order?
 *   # parameters: none                      (or one line per parameter: name (type, e.g. …) description)
 *   # row: one obstacle: its workshop, position and verbatim text
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnknownQueryError } from '../core/errors.js';
import { decodeUtf8 } from '../rdf/parse.js';
import { PACKAGE_ROOT } from '../core/paths.js';

export interface CatalogueParameter {
  name: string;
  /** What the parentheses say, e.g. "IRI, e.g. ws:2". */
  type: string;
  description: string;
}

export interface QueryHeader {
  title: string | undefined;
  question: string | undefined;
  parameters: CatalogueParameter[];
  row: string | undefined;
}

export interface CatalogueEntry extends QueryHeader {
  name: string;
  path: string;
}

export interface CatalogueQuery extends CatalogueEntry {
  text: string;
}

export const CATALOGUE_FOLDER = 'queries';

/** The header of a query text: its leading `# key: value` lines (a key may repeat, as parameters does). */
export function parseQueryHeader(text: string): QueryHeader {
  const header: QueryHeader = { title: undefined, question: undefined, parameters: [], row: undefined };
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    const field = /^#\s*(title|question|parameters|row):\s*(.*?)\s*$/.exec(line);
    if (!field) continue;
    const [, key, value] = field;
    if (key === 'parameters') {
      if (value !== 'none' && value !== '') header.parameters.push(parseParameter(value!));
    } else {
      header[key as 'title' | 'question' | 'row'] = value;
    }
  }
  return header;
}

/** "workshop (IRI, e.g. ws:2) the workshop to print" → its name, type and description. */
function parseParameter(text: string): CatalogueParameter {
  const match = /^\??([^\s(]+)\s*(?:\(([^()]*(?:\([^()]*\)[^()]*)*)\))?\s*:?\s*(.*)$/.exec(text);
  return { name: match?.[1] ?? text, type: match?.[2]?.trim() ?? '', description: match?.[3]?.trim() ?? '' };
}

/** The names of the catalogue's queries (file names without .rq), sorted. */
function catalogueNames(folder: string): string[] {
  try {
    return readdirSync(folder).filter((file) => file.endsWith('.rq')).map((file) => file.slice(0, -'.rq'.length)).sort();
  } catch {
    return [];
  }
}

/** Every query of the catalogue with its header, by name. */
export function listCatalogue(root: string = PACKAGE_ROOT): CatalogueEntry[] {
  const folder = join(root, CATALOGUE_FOLDER);
  return catalogueNames(folder).map((name) => {
    const path = join(folder, `${name}.rq`);
    return { name, path, ...parseQueryHeader(decodeUtf8(readFileSync(path), path)) };
  });
}

/** One catalogue query by name; an unknown name throws an UnknownQueryError that lists the catalogue. */
export function readCatalogueQuery(name: string, root: string = PACKAGE_ROOT): CatalogueQuery {
  const folder = join(root, CATALOGUE_FOLDER);
  const names = catalogueNames(folder);
  if (!names.includes(name)) throw new UnknownQueryError(name, names);
  const path = join(folder, `${name}.rq`);
  const text = decodeUtf8(readFileSync(path), path);
  return { name, path, ...parseQueryHeader(text), text };
}
