/**
 * The counting suite: questions whose answers are counts or rows without DISTINCT, so that an engine whose
 * default graph is not a set (a triple of two named graphs matched twice) gives a wrong answer. Each id has
 * its expected answer computed by expected.py, which walks the dump's triples with rdflib and never runs
 * SPARQL; `answersOf` runs it once. Rows are compared as multisets of their terms' values.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Term } from '@rdfjs/types';
import { parseJsonResults } from '../support/sparql-results.js';

const PREFIXES = 'PREFIX asm: <https://w3id.org/asm-kg/ontology#>\n';

export interface Question { id: string; query: string }

export const QUESTIONS: Question[] = [
  { id: 'statements', query: 'SELECT (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?d) WHERE { ?s a asm:Statement }' },
  { id: 'statements-per-workshop', query: 'SELECT ?workshop (COUNT(?s) AS ?n) WHERE { ?s a asm:Statement ; asm:raisedIn ?workshop } GROUP BY ?workshop' },
  { id: 'statements-per-section', query: 'SELECT ?section (COUNT(?s) AS ?n) WHERE { ?s a asm:Statement ; asm:inSection ?section } GROUP BY ?section' },
  { id: 'statements-per-stakeholder-addressed', query: 'SELECT ?stakeholder (COUNT(?s) AS ?n) WHERE { ?s a asm:Statement ; asm:addressedTo ?stakeholder } GROUP BY ?stakeholder' },
  { id: 'statements-per-kind', query: 'SELECT ?kind (COUNT(?s) AS ?n) WHERE { ?s a asm:Statement, ?kind . FILTER (?kind != asm:Statement) } GROUP BY ?kind' },
  { id: 'statement-kind-rows', query: 'SELECT ?s ?kind WHERE { ?s a asm:Statement . ?s a ?kind }' },
  { id: 'statements-mentioning-women-or-gender', query: 'SELECT ?s ?text WHERE { ?s a asm:Statement ; asm:text ?text . FILTER (REGEX(?text, "women|gender", "i")) }' },
  { id: 'triples-in-default-graph', query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' },
  { id: 'statements-typed-per-graph', query: 'SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a asm:Statement } } GROUP BY ?g' },
  { id: 'triples-per-graph', query: 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' },
].map((q) => ({ ...q, query: PREFIXES + q.query }));

export type Rows = string[][];

/** The expected rows of every question, from expected.py over the N-Quads dump. */
export function answersOf(nquadsPath: string): Record<string, Rows> {
  const output = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'expected.py'), nquadsPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output) as Record<string, Rows>;
}

/** Rows as a comparable multiset: each row's values joined, the rows sorted (none merged). */
export function multiset(rows: Rows): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** A SPARQL JSON answer as rows of values, in the order of its variables. */
export function rowsOfJson(text: string): Rows {
  const parsed = parseJsonResults(text);
  if (typeof parsed === 'boolean') throw new Error(`a boolean, not rows: ${text.slice(0, 200)}`);
  return parsed.rows.map((row) => parsed.variables.map((v) => (row[v] as Term | undefined)?.value ?? ''));
}
