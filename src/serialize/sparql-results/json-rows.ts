/**
 * How many solutions a SPARQL JSON results document holds, without parsing it into objects: what the
 * Oxigraph runner needs when Oxigraph writes a SELECT's answer itself (query/runners/oxigraph.ts), to apply the
 * row limit and to report the row count, at a fraction of what JSON.parse would allocate.
 *
 * It reads SPARQL 1.1 JSON results that give the head before the results (Oxigraph does, and so does our
 * own writer), whatever their white space: the solutions are the objects directly inside
 * `"results": { "bindings": [ … ] }`. Strings are skipped whole (with their escapes), so braces, brackets
 * and quotes inside a literal never count.
 */

/** A JSON string (escapes included), or one of the structural characters the count follows. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
const BINDINGS = /"bindings"\s*:\s*\[/g;

/** The number of solutions, or throws if the text has no `"bindings": [` array (an ASK, or not results). */
export function countJsonBindings(body: string): number {
  // Only the head comes before "bindings", and no string in it can hold a quote (variable names, link
  // IRIs), so the first match is the key itself, never text inside a string.
  BINDINGS.lastIndex = 0;
  const start = BINDINGS.exec(body);
  if (start === null) throw new Error('not a SPARQL JSON results document with bindings');
  let depth = 0;
  let rows = 0;
  TOKEN.lastIndex = BINDINGS.lastIndex;
  for (let match = TOKEN.exec(body); match !== null; match = TOKEN.exec(body)) {
    const token = match[0];
    if (token === '{' || token === '[') {
      if (depth === 0 && token === '{') rows++;
      depth++;
    } else if (token === '}' || token === ']') {
      if (depth === 0) return rows; // the `]` that closes the bindings
      depth--;
    }
  }
  throw new Error('the SPARQL JSON results document ends inside its bindings');
}
