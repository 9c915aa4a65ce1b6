/**
 * Reads an N-Quads dump as a stream, never as a whole: the names of its graphs (one pass), and one graph's
 * triples as N-Triples text (one pass per graph, filtering). The release's N-Quads dump is sorted by line
 * (by subject), not grouped by graph, so a pass per graph is what keeps memory flat at any size.
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { DataFactory, StreamParser, StreamWriter, type Quad } from 'n3';

/** The named graphs of the dump, in first-seen order; "" stands for the default graph. */
export async function graphNamesOf(path: string): Promise<string[]> {
  const names = new Set<string>();
  const parser = createReadStream(path, { encoding: 'utf8' }).pipe(new StreamParser({ format: 'N-Quads' }));
  for await (const quad of parser as AsyncIterable<Quad>) names.add(quad.graph.termType === 'DefaultGraph' ? '' : quad.graph.value);
  return [...names];
}

/** The triples of one graph of the dump ("" for the default graph), as an N-Triples text stream. */
export function graphAsNTriples(path: string, graph: string): Readable {
  const parser = createReadStream(path, { encoding: 'utf8' }).pipe(new StreamParser({ format: 'N-Quads' }));
  const select = new Transform({
    objectMode: true,
    transform(quad: Quad, _encoding, done) {
      const name = quad.graph.termType === 'DefaultGraph' ? '' : quad.graph.value;
      if (name !== graph) { done(); return; }
      done(null, DataFactory.quad(quad.subject, quad.predicate, quad.object));
    },
  });
  parser.on('error', (error) => select.destroy(error));
  const writer = new StreamWriter({ format: 'N-Triples' });
  select.on('error', (error) => writer.destroy(error));
  // N3's writer is a readable-stream Transform, not a node one: hand out a node Readable over it.
  return Readable.from(parser.pipe(select).pipe(writer as unknown as NodeJS.WritableStream) as unknown as AsyncIterable<string>);
}
