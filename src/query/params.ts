/**
 * Query parameters: values given as strings become RDF terms by one fixed rule, and every parameter must
 * name a variable of the query. The terms reach the engine as bindings, never as query text, so a value
 * such as `} UNION { ?s ?p ?o }` stays a literal.
 *
 * The rule for a string value:
 *   <https://…>                    an IRI
 *   prefix:local                   an IRI, when `prefix` is one of the graph's prefixes (asm:, stk:, theme:, xsd:, …)
 *   "text"  "text"@en  "5"^^xsd:integer  "5"^^<http://…#integer>
 *                                  a literal: everything between the outer quotes, as it is (no escapes)
 *   anything else                  a plain literal (xsd:string) of the whole value
 */
import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { QueryParameterError } from '../core/errors.js';
import { vocabulary } from '../core/iri.js';

const PREFIXES: Record<string, string> = vocabulary().prefixes;

/** Characters an IRI reference may not contain (RFC 3987 as SPARQL's IRIREF restricts it). */
const BAD_IRI_CHARACTERS = /[\u0000-\u0020<>"{}|^`\\]/;

export function parameterTerm(name: string, value: Term | string): Term {
  if (typeof value !== 'string') return value;
  if (value.startsWith('<') && value.endsWith('>')) return iri(name, value.slice(1, -1));
  const literal = /^"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$/s.exec(value);
  if (literal) {
    const [, lexical, language, datatype] = literal;
    if (language) return DataFactory.literal(lexical!, language);
    if (datatype) {
      const type = expandIri(name, datatype);
      if (type === undefined) throw new QueryParameterError(`parameter ${name}: ${value} has an unknown datatype ${datatype}`);
      return DataFactory.literal(lexical!, type);
    }
    return DataFactory.literal(lexical!);
  }
  return expandIri(name, value) ?? DataFactory.literal(value);
}

/** `<iri>` or a prefixed name with one of our prefixes, as a named node; undefined for anything else. */
function expandIri(name: string, value: string): ReturnType<typeof DataFactory.namedNode> | undefined {
  if (value.startsWith('<') && value.endsWith('>')) return iri(name, value.slice(1, -1));
  const prefixed = /^([A-Za-z][\w.-]*)?:(\S*)$/.exec(value);
  const namespace = prefixed ? PREFIXES[prefixed[1] ?? ''] : undefined;
  return namespace === undefined ? undefined : iri(name, namespace + prefixed![2]!);
}

function iri(name: string, value: string): ReturnType<typeof DataFactory.namedNode> {
  if (BAD_IRI_CHARACTERS.test(value) || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) {
    throw new QueryParameterError(`parameter ${name}: <${value}> is not an absolute IRI`);
  }
  return DataFactory.namedNode(value);
}

/**
 * The variables a query mentions (?name or $name), read past comments, strings and IRIs; enough to tell a
 * misspelt parameter from a real one.
 */
export function queryVariables(sparql: string): string[] {
  const found = new Set<string>();
  const token = /#[^\n]*|<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)/g;
  for (const match of sparql.matchAll(token)) {
    if (match[1] !== undefined) found.add(match[1]);
  }
  return [...found];
}

/** Checks every parameter name against the query's variables and turns the values into terms. */
export function bindParameters(queryName: string, sparql: string, params: Record<string, Term | string>): Array<[string, Term]> {
  const entries = Object.entries(params);
  if (entries.length === 0) return [];
  const variables = queryVariables(sparql);
  return entries.map(([name, value]) => {
    const variable = name.replace(/^[?$]/, '');
    if (!variables.includes(variable)) {
      const known = variables.length === 0 ? 'it has none' : `its variables: ${variables.map((v) => `?${v}`).join(', ')}`;
      throw new QueryParameterError(`parameter ${variable}: ${queryName} has no variable ?${variable} (${known})`);
    }
    return [variable, parameterTerm(variable, value)];
  });
}
