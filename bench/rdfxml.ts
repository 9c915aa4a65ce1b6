/**
 * The RDF/XML writer (src/serialize/rdfxml.ts) on two synthetic graphs of N triples each, with its wall
 * and CPU time and RSS: the release's dump copied under new subject IRIs until it has N triples (no blank
 * nodes: the dumps' case), and N/5 subjects each with a typed blank node of three triples nested in it (the
 * shape of VoID's class partitions and DCAT's checksums). The graphs are built in this process, so only the
 * writing is timed.
 *
 *   npx tsx bench/rdfxml.ts 1000000
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.js';
import { vocabulary } from '../src/core/iri.js';
import { readRelease } from '../src/core/release.js';
import { writeRdfXml } from '../src/serialize/rdfxml.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const triples = Number(process.argv[2] ?? 100_000);
const EX = 'http://example.org/ns#';

function copiesOfTheDump(n: number): Quad[] {
  const dump = new Parser({ format: 'N-Triples' }).parse(readFileSync(join(PROJECT_ROOT, 'dist', readRelease(PROJECT_ROOT).version, 'asm-kg.nt'), 'utf8'));
  const out: Quad[] = [];
  for (let k = 0; out.length < n; k += 1) {
    for (const q of dump) {
      if (out.length === n) break;
      out.push(k === 0 ? q : quad(namedNode(`${q.subject.value}-c${k}`), q.predicate, q.object));
    }
  }
  return out;
}

function nestedBlankNodes(n: number): Quad[] {
  const out: Quad[] = [];
  for (let i = 0; out.length < n; i += 1) {
    const s = namedNode(`http://example.org/id/${i}`);
    const b = blankNode(`p${i}`);
    out.push(quad(s, namedNode(`${EX}title`), literal(`Title ${i}`, 'en')), quad(s, namedNode(`${EX}part`), b),
      quad(b, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Part`)),
      quad(b, namedNode(`${EX}n`), literal(String(i), namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
      quad(b, namedNode(`${EX}label`), literal(`part ${i}`)));
  }
  return out.slice(0, n);
}

for (const [label, graph, prefixes] of [
  ['the dump, copied (no blank nodes)', copiesOfTheDump(triples), vocabulary().prefixes],
  ['a nested typed blank node per subject', nestedBlankNodes(triples), { ex: EX }],
] as const) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let chars = 0;
  await writeRdfXml(graph, prefixes, (chunk) => { chars += chunk.length; });
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${graph.length} triples, ${(chars / 1e6).toFixed(1)} M characters in ${(performance.now() - wall).toFixed(0)} ms `
    + `(cpu ${((used.user + used.system) / 1000).toFixed(0)} ms), rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}
