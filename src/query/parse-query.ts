/**
 * A request's query, parsed once with the parser Comunica itself uses (Traqula) into the algebra the
 * engine runs, and checked on that algebra before anything runs: it must be a query, not an update; every
 * SERVICE must name an allowed endpoint (a variable endpoint never is); and the dataset a request selects
 * (default-graph-uri, named-graph-uri) replaces the query's own FROM and FROM NAMED, as the SPARQL
 * Protocol says.
 */
import { toAlgebra } from '@traqula/algebra-sparql-1-2';
import { Parser } from '@traqula/parser-sparql-1-2';
import { AstFactory } from '@traqula/rules-sparql-1-2';
import { DataFactory } from 'rdf-data-factory';
import { QuerySyntaxError } from '../core/errors.js';
import { isParseError, toQuerySyntaxError } from './syntax-error.js';
import { ServiceRefusedError, UpdateRefusedError } from './errors.js';
import type { DatasetSelection } from './query-key.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** An algebra operation, as far as this module looks into it (Comunica takes the object as it is). */
export interface Operation {
  type: string;
  [key: string]: unknown;
}

export interface ParsedQuery {
  form: QueryForm;
  operation: Operation;
  /** The endpoints of the query's SERVICE clauses: IRIs, or `?name` for a variable. */
  services: string[];
  /** Where a SELECT's outermost LIMIT is, or would go, in the text (undefined where the parser gave no positions). */
  limit?: LimitPlace;
  /** Whether the query's outermost solution modifiers include ORDER BY (a subquery's do not count). */
  ordered: boolean;
}

/** A SELECT's outermost LIMIT / OFFSET: the span of the clause if it has one, else where one can be inserted. */
export interface LimitPlace {
  limit?: number;
  offset?: number;
  /** [start, end) of the LIMIT/OFFSET clause in the query text. */
  span?: [number, number];
  /** Just after the WHERE clause and the other solution modifiers (before a trailing VALUES). */
  insertAt: number;
}

/**
 * The query text with its outermost LIMIT at most `limit` (OFFSET kept): what lets an engine that returns
 * whole results (Oxigraph) stop at the row limit instead of building a result of millions of rows.
 */
export function withLimit(text: string, place: LimitPlace, limit: number): string {
  if (place.limit !== undefined && place.limit <= limit) return text;
  const clause = `LIMIT ${limit}${place.offset === undefined ? '' : ` OFFSET ${place.offset}`}`;
  if (place.span !== undefined) return `${text.slice(0, place.span[0])}${clause}${text.slice(place.span[1])}`;
  return `${text.slice(0, place.insertAt)} ${clause} ${text.slice(place.insertAt)}`;
}

interface Located { loc?: { sourceLocationType: string; start?: number; end?: number } }

function limitPlace(ast: { where?: Located; solutionModifiers?: Record<string, (Located & { limit?: number; offset?: number }) | undefined> }): LimitPlace | undefined {
  const ends: number[] = [];
  for (const node of [ast.where, ast.solutionModifiers?.group, ast.solutionModifiers?.having, ast.solutionModifiers?.order]) {
    if (node === undefined) continue;
    if (node.loc?.sourceLocationType !== 'source' || node.loc.end === undefined) return undefined;
    ends.push(node.loc.end);
  }
  if (ends.length === 0) return undefined;
  const clause = ast.solutionModifiers?.limitOffset;
  if (clause === undefined) return { insertAt: Math.max(...ends) };
  if (clause.loc?.sourceLocationType !== 'source' || clause.loc.start === undefined || clause.loc.end === undefined) return undefined;
  return { limit: clause.limit, offset: clause.offset, span: [clause.loc.start, clause.loc.end], insertAt: Math.max(...ends) };
}

// Full position tracking, as Comunica configures it, so that errors say where.
const parser = new Parser({ lexerConfig: { positionTracking: 'full' } });
const dataFactory = new DataFactory();

/** Throws QuerySyntaxError (with line and column where the parser gives them) or UpdateRefusedError. */
export function parseQuery(text: string, baseIRI: string, name = 'query'): ParsedQuery {
  try {
    const astFactory = new AstFactory();
    const ast = parser.parse(text, { baseIRI, astFactory }) as { type: string; subType?: string; solutionModifiers?: { order?: unknown } };
    if (ast.type === 'update') throw new UpdateRefusedError('the request is a SPARQL Update, and only queries are accepted');
    const operation = toAlgebra(ast as Parameters<typeof toAlgebra>[0], { quads: true, blankToVariable: true, baseIRI, dataFactory }) as unknown as Operation;
    const form = ast.subType?.toUpperCase() as QueryForm;
    const limit = form === 'SELECT' ? limitPlace(ast as Parameters<typeof limitPlace>[0]) : undefined;
    const ordered = ast.solutionModifiers?.order !== undefined;
    return { form, operation, services: servicesOf(operation), ordered, ...(limit === undefined ? {} : { limit }) };
  } catch (error) {
    if (error instanceof UpdateRefusedError || error instanceof QuerySyntaxError) throw error;
    if (isParseError(error)) throw toQuerySyntaxError(error, text, name);
    throw new QuerySyntaxError(name, undefined, undefined, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Every SERVICE endpoint anywhere in the algebra, found by walking all of it, expressions included (a
 * SERVICE can hide in FILTER EXISTS, a subquery or a MINUS).
 */
export function servicesOf(operation: Operation): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) { node.forEach(visit); return; }
    const record = node as Record<string, unknown>;
    if (typeof record.termType === 'string') return; // an RDF term: nothing below
    if (record.type === 'service') {
      const endpoint = record.name as { termType: string; value: string };
      found.push(endpoint.termType === 'Variable' ? `?${endpoint.value}` : endpoint.value);
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(operation);
  return found;
}

/** Throws ServiceRefusedError for the first SERVICE endpoint that is not in `allowed`. */
export function checkServices(parsed: ParsedQuery, allowed: readonly string[]): void {
  for (const service of parsed.services) {
    if (!allowed.includes(service)) throw new ServiceRefusedError(service.startsWith('?') ? service : `<${service}>`, allowed);
  }
}

/**
 * The operation over the request's dataset: the query's own FROM / FROM NAMED (the outermost `from`
 * operation) is replaced by the request's graphs. Without a request dataset the query is left as it is.
 */
export function withDataset(operation: Operation, dataset: DatasetSelection | undefined): Operation {
  if (dataset === undefined) return operation;
  const input = operation.type === 'from' ? (operation.input as Operation) : operation;
  return {
    type: 'from',
    input,
    default: [...new Set(dataset.defaultGraphs)].map((iri) => dataFactory.namedNode(iri)),
    named: [...new Set(dataset.namedGraphs)].map((iri) => dataFactory.namedNode(iri)),
  };
}
