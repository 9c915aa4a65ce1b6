/**
 * The shapes of a query's result, as the engines give them and the result writers here write them. Here,
 * below query/, so that the writers need nothing of the engines; query/types.ts re-exports them with the
 * rest of the query API's types.
 */
import type { Quad, Term } from '@rdfjs/types';

/** One solution of a SELECT: variable name (without "?") to RDF term; unbound variables are absent. */
export type BindingRow = Record<string, Term>;

export type QueryResult =
  | { type: 'bindings'; variables: string[]; rows: BindingRow[] }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; quads: Quad[] };
