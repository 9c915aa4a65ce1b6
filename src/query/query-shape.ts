/**
 * A query's shape: its syntax tree with the values it was written for taken out. The variables are
 * renamed in the order they first appear, literals keep their datatype or language but not their text,
 * and OFFSET is dropped; IRIs, the patterns, the operators and LIMIT stay. Two queries of one shape
 * usually cost the same to answer: the values a query is instantiated with (a name searched for, a page
 * of results, a counter in a variable's name) rarely change how much work it is, while its patterns do.
 *
 * The pool (serve/pool/client-classes.ts) classes a query that has no client by its shape: whether the
 * last query of that shape was cheap or expensive. A shape is a guess, and the pool treats it as one: the
 * next query of the shape corrects it.
 */
interface Node { [key: string]: unknown }

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of a parsed query (Traqula's syntax tree, without source positions), as JSON. */
export function queryShape(ast: unknown): string {
  const variables = new Map<string, number>();
  // JSON.stringify visits a node before its children and in document order, so the numbering follows the text.
  return JSON.stringify(ast, function shape(this: unknown, key: string, value: unknown) {
    if (key === 'offset' && isNode(this) && this.subType === 'limitOffset') return undefined;
    if (!isNode(value) || value.type !== 'term') return value;
    if (value.subType === 'variable' && typeof value.value === 'string') {
      if (!variables.has(value.value)) variables.set(value.value, variables.size);
      return { ...value, value: variables.get(value.value) };
    }
    if (value.subType === 'literal') return { ...value, value: '' };
    return value;
  });
}
