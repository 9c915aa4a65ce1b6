/**
 * The parsed queries a query runner keeps for reuse (runners/comunica.ts for Comunica, runners/oxigraph.ts for
 * Oxigraph): a repeated query is parsed and checked once. Bounded by the estimated bytes of the parses as
 * well as their number, so that a run of huge distinct queries cannot fill a query process's heap.
 */
import { Lru } from '../core/lru.js';
import { parseQuery, type ParsedQuery } from './parse-query.js';

/**
 * Estimated heap bytes of a parsed query per character of its text, twice the worst we measured
 * (process.memoryUsage over 20 parses of 120-250 KB queries: 1 byte per character for a long literal, 10
 * for 4,000 triple patterns, 16 for a VALUES of 25,000 strings). An estimate is enough: it keeps a run of
 * huge distinct queries from filling the heap with parses nobody reuses.
 */
export const PARSED_BYTES_PER_CHAR = 32;
export const DEFAULT_PARSE_CACHE_BYTES = 16 * 1024 * 1024;

export class ParseCache {
  private readonly parsed: Lru<string, ParsedQuery>;

  constructor(private readonly base: string, maxBytes = DEFAULT_PARSE_CACHE_BYTES) {
    this.parsed = new Lru({ maxEntries: 512, maxBytes });
  }

  /** The estimated bytes of the parses kept. */
  get totalBytes(): number { return this.parsed.totalBytes; }

  clear(): void { this.parsed.clear(); }

  /** The query parsed (throwing parseQuery's errors), from the cache when its key was parsed before. */
  parse(task: { key: string; query: string }): ParsedQuery {
    const cached = this.parsed.get(task.key);
    if (cached !== undefined) return cached;
    const parsed = parseQuery(task.query, this.base);
    this.parsed.set(task.key, parsed, task.key.length * 2 + task.query.length * PARSED_BYTES_PER_CHAR);
    return parsed;
  }
}
