/**
 * The build's check that the two engines agree ("if you use two engines, the differential test
 * runs on every build"): `asm-kg serve` answers with Oxigraph, `asm-kg query` and the static site with
 * Comunica, so every catalogue query must give the same answer on both, over the graph being released.
 *
 * - checkLiterals / LiteralCheck (literal-check.ts, re-exported here): every literal of the N-Quads dump
 *   comes back from Oxigraph's store as the very term written. Cheap, and run by every build.
 * - checkCatalogue: each catalogue query (no parameter bound) on Comunica (the query API's query()) and on
 *   Oxigraph (oxigraph-engine.ts), compared term for term: rows as a multiset, in order when the query's
 *   outermost modifiers ORDER BY; a CONSTRUCT's distinct triples as a set. Comunica is the costly half
 *   (about 27 s of CPU for our catalogue): a caller that has Comunica's answers already (the site build)
 *   passes them in.
 * A difference throws EngineMismatchError naming the query (or the literal) and the first differing row.
 */
import type * as RDF from '@rdfjs/types';
import { termKey, tripleKey } from '../core/term-key.js';
import { EngineMismatchError } from './literal-check.js';
import type { OxigraphEngine } from './oxigraph-engine.js';
import { parseQuery, type QueryForm } from './parse-query.js';
import type { BindingRow, QueryGraph, QueryResult } from './types.js';

export { checkLiterals, EngineMismatchError, LiteralCheck } from './literal-check.js';

export interface CatalogueItem {
  name: string;
  /** The query's file (named in the error). */
  path: string;
  text: string;
}

/** Two engines' answers are compared with every blank node alike: their labels are each engine's own. */
const ANSWER_KEY = { anonymousBlankNodes: true };

/**
 * A catalogue query's form and whether its outermost modifiers order it, from the parser the server uses
 * (Traqula, parse-query.ts): a keyword inside a string, an IRI, a prefix name (`PREFIX ask:`) or a
 * subquery is not the query's own, and an ORDER BY before a trailing VALUES block still orders it.
 */
export function catalogueShape(item: CatalogueItem, base: string): { form: QueryForm; ordered: boolean } {
  const { form, ordered } = parseQuery(item.text, base, item.path);
  return { form, ordered };
}

/** The first difference between two answers to one query, in words, or undefined if they are the same. */
export function difference(comunica: QueryResult, oxigraph: QueryResult, ordered: boolean): string | undefined {
  if (comunica.type !== oxigraph.type) return `Comunica gives ${comunica.type}, Oxigraph ${oxigraph.type}`;
  if (comunica.type === 'boolean' && oxigraph.type === 'boolean') {
    return comunica.value === oxigraph.value ? undefined : `Comunica answers ${comunica.value}, Oxigraph ${oxigraph.value}`;
  }
  if (comunica.type === 'quads' && oxigraph.type === 'quads') {
    const triples = (quads: RDF.Quad[]) => new Set(quads.map((q) => `${tripleKey(q, ANSWER_KEY)} .`));
    const [a, b] = [triples(comunica.quads), triples(oxigraph.quads)];
    const onlyA = [...a].filter((t) => !b.has(t)).sort();
    const onlyB = [...b].filter((t) => !a.has(t)).sort();
    if (onlyA.length === 0 && onlyB.length === 0) return undefined;
    return `${a.size} triples from Comunica, ${b.size} from Oxigraph; ${onlyA.length > 0 ? `only Comunica's: ${onlyA[0]}` : `only Oxigraph's: ${onlyB[0]}`}`;
  }
  if (comunica.type !== 'bindings' || oxigraph.type !== 'bindings') return undefined;
  const variables = comunica.variables;
  const row = (r: BindingRow) => variables.map((v) => `?${v}=${r[v] === undefined ? 'unbound' : termKey(r[v]!, ANSWER_KEY)}`).join(' ');
  const extra = oxigraph.rows.flatMap((r) => Object.keys(r)).find((v) => !variables.includes(v));
  if (extra !== undefined) return `Oxigraph binds ?${extra}, which Comunica's answer does not have`;
  const [a, b] = [comunica.rows.map(row), oxigraph.rows.map(row)];
  if (!ordered) { a.sort(); b.sort(); }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const at = ordered ? `row ${i + 1}` : `sorted row ${i + 1}`;
      return `${a.length} rows from Comunica, ${b.length} from Oxigraph; ${at}: Comunica ${a[i] ?? '(none)'}, Oxigraph ${b[i] ?? '(none)'}`;
    }
  }
  return undefined;
}

export interface CatalogueCheckOptions {
  base: string;
  /** Comunica's answers where the caller has them (by query name); the rest are computed over `graph`. */
  answers?: Map<string, QueryResult>;
  /** The graph for Comunica (the query API's QueryGraph); needed unless `answers` covers every query. */
  graph?: QueryGraph;
}

/** Throws EngineMismatchError for the first catalogue query whose answers differ. */
export async function checkCatalogue(engine: OxigraphEngine, catalogue: CatalogueItem[], options: CatalogueCheckOptions): Promise<void> {
  const { query } = await import('./engine.js');
  for (const item of catalogue) {
    const { form, ordered } = catalogueShape(item, options.base);
    if (form === 'DESCRIBE') continue; // DESCRIBE is answered by Comunica on both paths
    let comunica = options.answers?.get(item.name);
    if (comunica === undefined) {
      if (options.graph === undefined) throw new Error(`checkCatalogue: no answer and no graph for ${item.name}`);
      comunica = await query(options.graph, item.text, { name: item.name });
    }
    let oxigraph: QueryResult;
    try {
      oxigraph = engine.query(item.text, { baseIri: options.base, form, variables: comunica.type === 'bindings' ? comunica.variables : undefined });
    } catch (error) {
      throw new EngineMismatchError(item.path, `Comunica answers it, Oxigraph fails: ${error instanceof Error ? error.message : String(error)}`);
    }
    const found = difference(comunica, oxigraph, ordered);
    if (found !== undefined) throw new EngineMismatchError(item.path, `Comunica (asm-kg query, the site) and Oxigraph (asm-kg serve) answer differently: ${found}`);
  }
}
