/**
 * The cache key of a query request: the query text with comments removed and white space folded outside
 * strings and IRIs (so that re-indenting a query, or adding a comment, still finds its cached result), and
 * the dataset the request selects; hashed (SHA-256), so that a key costs 64 characters whatever the size
 * of the query, and the caches can count what they hold.
 */
import { createHash } from 'node:crypto';

/**
 * A string, an IRI, an escaped character, a comment, or a run of white space, in that order. A long string
 * ends at the first unescaped triple quote (SPARQL's STRING_LITERAL_LONG1/2: an escape may hide a quote).
 */
const TOKEN = /"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>"{}|^`\\\s]*>|\\.|#[^\n\r]*|\s+/g;

export function normaliseQuery(text: string): string {
  let out = '';
  let last = 0;
  let pendingSpace = false;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const between = text.slice(last, match.index);
    if (between !== '') { out += (pendingSpace && out !== '' ? ' ' : '') + between; pendingSpace = false; }
    last = match.index + token.length;
    // White space and comments separate tokens: any run of them becomes one space.
    if (token.startsWith('#') || /^\s/.test(token)) { pendingSpace = true; continue; }
    out += (pendingSpace && out !== '' ? ' ' : '') + token;
    pendingSpace = false;
  }
  const rest = text.slice(last);
  if (rest !== '') out += (pendingSpace && out !== '' ? ' ' : '') + rest;
  return out;
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
 * The key of a request's answers: the normalised query and the dataset, as JSON so that no query text can
 * pass for another's dataset.
 */
export function requestKey(normalisedQuery: string, dataset: DatasetSelection | undefined): string {
  return JSON.stringify([normalisedQuery, datasetKey(dataset)]);
}

/** A fixed-size key for any list of strings: SHA-256 (hex) of their JSON, so that no two lists share one. */
export function hashKey(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
