/**
 * The cache key of a query request: the query as the SPARQL parser reads it (Traqula, the parser Comunica
 * uses), and the dataset the request selects. Two query texts share a key only if they parse to the same
 * syntax tree: re-indenting a query or adding a comment still finds its cached result, while an escape
 * (`\u0020`), a Unicode space or a `#` inside an IRI or a string is read as the parser reads it, never
 * guessed at. Keys are hashed (SHA-256), so that a key costs 64 characters whatever the size of the query,
 * and the caches can count what they hold.
 */
import { createHash } from 'node:crypto';
import { Parser } from '@traqula/parser-sparql-1-2';
import { AstFactory } from '@traqula/rules-sparql-1-2';
import { Lru } from '../core/lru.js';
import { queryShape } from './query-shape.js';

// No source positions: the tree then holds what the query says, not where it says it.
const parser = new Parser();

/** What a query text is known by: its cache key, and its shape (query-shape.ts; none when it does not parse). */
export interface QueryKeys {
  key: string;
  shape: string | undefined;
}

/** Query texts seen lately, by the hash of their exact text: a repeated text is not parsed again. */
const recent = new Lru<string, QueryKeys>({ maxEntries: 10_000 });

/**
 * The key of a query text: the hash of its syntax tree (as JSON, which keeps every value apart), or of
 * the text itself when the parser refuses it (the query process then reports the error in full).
 */
export function queryKey(text: string): string {
  return queryKeys(text).key;
}

/** The key and the shape of a query text, from one parse. */
export function queryKeys(text: string): QueryKeys {
  const textHash = hashKey('text', text);
  const known = recent.get(textHash);
  if (known !== undefined) return known;
  const tree = parse(text);
  const keys: QueryKeys = tree === undefined
    ? { key: hashKey('text', text), shape: undefined }
    : { key: hashKey('tree', JSON.stringify(tree)), shape: hashKey('shape', queryShape(tree)) };
  recent.set(textHash, keys);
  return keys;
}

/** The keys of a text keyed lately (here or by rememberQueryKeys), without parsing it; undefined otherwise. */
export function knownQueryKeys(text: string): QueryKeys | undefined {
  return recent.get(hashKey('text', text));
}

/** Keeps the keys of a text that were computed elsewhere (serve's render worker, off the server's thread). */
export function rememberQueryKeys(text: string, keys: QueryKeys): void {
  recent.set(hashKey('text', text), keys);
}

/** What a query's key is made of: its syntax tree, or its exact text when it does not parse. */
export function canonicalQuery(text: string): ['tree' | 'text', string] {
  const tree = parse(text);
  return tree === undefined ? ['text', text] : ['tree', JSON.stringify(tree)];
}

function parse(text: string): unknown {
  try {
    // A factory per parse: its blank node labels count up from the start of each query.
    const astFactory = new AstFactory({ tracksSourceLocation: false });
    return parser.parse(text, { astFactory });
  } catch {
    return undefined;
  }
}

/** The dataset of a request (SPARQL Protocol default-graph-uri / named-graph-uri), undefined for none. */
export interface DatasetSelection {
  defaultGraphs: string[];
  namedGraphs: string[];
}

export function datasetKey(dataset: DatasetSelection | undefined): string {
  if (dataset === undefined) return '';
  // The default graph is a merge, so the order of the graphs does not matter; neither does repetition.
  // JSON keeps the lists apart whatever characters the IRIs hold.
  const sorted = (iris: string[]) => [...new Set(iris)].sort();
  return JSON.stringify({ default: sorted(dataset.defaultGraphs), named: sorted(dataset.namedGraphs) });
}

/**
 * The key of a request's answers: the query's key and the dataset, as JSON so that no query can pass for
 * another's dataset.
 */
export function requestKey(queryKey: string, dataset: DatasetSelection | undefined): string {
  return JSON.stringify([queryKey, datasetKey(dataset)]);
}

/** A fixed-size key for any list of strings: SHA-256 (hex) of their JSON, so that no two lists share one. */
export function hashKey(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
