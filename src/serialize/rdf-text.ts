/**
 * Turtle and N-Triples text with N3.js's writer, from triples already in the stable order.
 */
import { Writer, type Quad } from 'n3';

function write(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): string {
  const writer = new Writer(options);
  writer.addQuads(quads);
  let output = '';
  writer.end((error, result) => { if (error) throw error; output = result; });
  return output;
}

/** Readable Turtle: prefixes, one block per subject (the writer groups consecutive triples). */
export function toTurtle(sortedTriples: Quad[], prefixes: Record<string, string>): string {
  const used = Object.fromEntries(Object.entries(prefixes).filter(([, iri]) =>
    sortedTriples.some((q) => [q.subject, q.predicate, q.object].some((t) =>
      (t.termType === 'NamedNode' && t.value.startsWith(iri)) || (t.termType === 'Literal' && t.datatype.value.startsWith(iri))))));
  const text = write(sortedTriples, { prefixes: used, format: 'text/turtle' });
  // A blank line between subjects makes the file easy to read and to diff.
  // (The writer escapes newlines inside literals, so ".\n" followed by a non-blank, non-"@" line ends a subject.)
  return text.replace(/\.\n(?=[^@\s])/g, '.\n\n');
}

/** N-Triples, one triple per line, lines sorted by code point. */
export function toNTriples(triples: Quad[]): string {
  const lines = write(triples, { format: 'N-Triples' }).split('\n').filter((line) => line !== '');
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n';
}

/** N-Quads, one quad per line, lines sorted by code point. */
export function toNQuads(quads: Quad[]): string {
  const lines = write(quads, { format: 'N-Quads' }).split('\n').filter((line) => line !== '');
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n';
}
