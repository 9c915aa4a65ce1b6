/**
 * Turtle and N-Triples text with N3.js's writer, from triples already in the stable order.
 */
import { Writer, type Quad } from 'n3';

/** The text N3.js's writer makes of the quads, in the order given. */
export function writeQuads(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): string {
  const writer = new Writer(options);
  writer.addQuads(quads);
  let output = '';
  writer.end((error, result) => { if (error) throw error; output = result; });
  return output;
}

/** Only the prefixes some term uses, so the header lists nothing idle. */
function usedPrefixes(quads: Quad[], prefixes: Record<string, string>): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      if (t.termType === 'NamedNode') iris.add(t.value);
      else if (t.termType === 'Literal') iris.add(t.datatype.value);
    }
  }
  return Object.fromEntries(Object.entries(prefixes).filter(([, ns]) => [...iris].some((iri) => iri.startsWith(ns))));
}

/** Readable Turtle: prefixes, one block per subject (the writer groups consecutive triples). */
export function toTurtle(sortedTriples: Quad[], prefixes: Record<string, string>): string {
  const text = writeQuads(sortedTriples, { prefixes: usedPrefixes(sortedTriples, prefixes), format: 'text/turtle' });
  // A blank line between subjects makes the file easy to read and to diff.
  // (The writer escapes newlines inside literals, so ".\n" followed by a non-blank, non-"@" line ends a subject.)
  return text.replace(/\.\n(?=[^@\s])/g, '.\n\n');
}

/** N-Triples, one triple per line, lines sorted by code point. */
export function toNTriples(triples: Quad[]): string {
  const lines = writeQuads(triples, { format: 'N-Triples' }).split('\n').filter((line) => line !== '');
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n';
}

/** TriG: one block per named graph, prefixed, subjects in the stable order within each graph. */
export function toTriG(sortedQuads: Quad[], prefixes: Record<string, string>): string {
  return writeQuads(sortedQuads, { prefixes: usedPrefixes(sortedQuads, prefixes), format: 'application/trig' });
}

/** N-Quads, one quad per line, lines sorted by code point. */
export function toNQuads(quads: Quad[]): string {
  const lines = writeQuads(quads, { format: 'N-Quads' }).split('\n').filter((line) => line !== '');
  return lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n') + '\n';
}
