/**
 * Synthetic corpora in our model, for the scale bench (bench/scale.ts): a project folder (ontology/,
 * data/, data/release.json) that `build({ root })` builds like ours.
 *
 * The corpus is our own learning event (event 1, the files as they are) plus N-1 copies of it, each under
 * its own IRIs: every statement, section, workshop and event IRI of copy k gets the prefix
 * `e{k}-` (st:w2-a-1 → st:e7-w2-a-1), and positions move by k × 10,000 so that each copy is one document
 * sequence of its own. Shared things (the ontology, the source document, which the shapes require statements to quote, the theme and stakeholder schemes, questions, places,
 * organisations, provenance) stay once. So each copy has exactly our shape: statements with text,
 * workshop, section, position, kind, markers and parent, and the editorial themes, asm:addresses,
 * asm:synthesises and actor links at our density, with the same editorial graph beside them.
 *
 *   npx tsx bench/generate-corpus.ts --triples 100000 --out /tmp/corpus-100k
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataFactory, Parser, Writer, type Quad, type Term } from 'n3';
import { DEFAULT_BASE } from '../src/core/iri.js';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
/** IRI namespaces that belong to one learning event, and are copied per event. */
const PER_EVENT = ['statement/', 'section/', 'workshop/', 'event/'].map((ns) => `${DEFAULT_BASE}id/${ns}`);
const POSITION = `${DEFAULT_BASE}ontology#position`;
/** The folders whose files describe the event (copied per event); the others are shared and kept once. */
const EVENT_FOLDERS = ['data/statements', 'data/editorial'];

export interface Corpus {
  root: string;
  events: number;
  /** Triples in the source files (before the build adds superclass types). */
  sourceTriples: number;
}

function perEvent(iri: string): string | undefined {
  return PER_EVENT.find((ns) => iri.startsWith(ns));
}

/** The triples of one folder's files, as written (the prefixes resolved against the default base). */
function readFolder(folder: string): Quad[] {
  const quads: Quad[] = [];
  for (const name of readdirSync(join(PROJECT, folder)).filter((n) => n.endsWith('.ttl')).sort()) {
    for (const q of new Parser({ baseIRI: DEFAULT_BASE }).parse(readFileSync(join(PROJECT, folder, name), 'utf8'))) quads.push(q);
  }
  return quads;
}

/** Copy k of a term: per-event IRIs renamed, anything else as it is. */
function copyTerm<T extends Term>(term: T, k: number): T {
  if (term.termType !== 'NamedNode') return term;
  const ns = perEvent(term.value);
  return ns === undefined ? term : DataFactory.namedNode(`${ns}e${k}-${term.value.slice(ns.length)}`) as unknown as T;
}

/** The triples of copy k: those about a per-event resource, renamed; those about shared things are left to event 1. */
function copyEvent(quads: Quad[], k: number): Quad[] {
  const copied: Quad[] = [];
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || perEvent(q.subject.value) === undefined) continue;
    let object = copyTerm(q.object, k);
    if (q.predicate.value === POSITION && object.termType === 'Literal') {
      object = DataFactory.literal(String(Number(object.value) + k * 10_000), object.datatype);
    }
    copied.push(DataFactory.quad(copyTerm(q.subject, k), q.predicate, object));
  }
  return copied;
}

function countTriples(folder: string): number {
  return readFolder(folder).length;
}

/** Writes a corpus of about `targetTriples` source triples into `root` (emptied first). */
export function generateCorpus(root: string, targetTriples: number): Corpus {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'data'), { recursive: true });
  cpSync(join(PROJECT, 'ontology'), join(root, 'ontology'), { recursive: true });
  for (const folder of ['data/statements', 'data/editorial', 'data/links', 'data/provenance']) {
    cpSync(join(PROJECT, folder), join(root, folder), { recursive: true, filter: (src) => !src.endsWith('.md') });
  }
  // No released versions to carry over: a corpus is a fresh project.
  const release = JSON.parse(readFileSync(join(PROJECT, 'data/release.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(root, 'data/release.json'), `${JSON.stringify({ ...release, previousVersions: [] }, null, 2)}\n`);

  const eventQuads = EVENT_FOLDERS.map((folder) => [folder, readFolder(folder)] as const);
  const base = ['ontology', 'data/statements', 'data/editorial', 'data/links', 'data/provenance'].reduce((n, f) => n + countTriples(f), 0);
  const perCopy = eventQuads.reduce((n, [, quads]) => n + copyEvent(quads, 2).length, 0);
  const events = Math.max(1, 1 + Math.round((targetTriples - base) / perCopy));
  let sourceTriples = base;
  for (let k = 2; k <= events; k++) {
    for (const [folder, quads] of eventQuads) {
      const copy = copyEvent(quads, k);
      // N-Triples is Turtle, so the build reads these files like any other.
      const writer = new Writer({ format: 'N-Triples' });
      writer.addQuads(copy);
      writer.end((error, text) => {
        if (error) throw error;
        writeFileSync(join(root, folder, `event-${k}.ttl`), text);
      });
      sourceTriples += copy.length;
    }
  }
  return { root, events, sourceTriples };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { triples: { type: 'string', default: '10000' }, out: { type: 'string' } } });
  if (values.out === undefined) throw new Error('--out DIR: where to write the corpus');
  const corpus = generateCorpus(values.out, Number(values.triples));
  process.stdout.write(`${corpus.root}: ${corpus.events} learning events, ${corpus.sourceTriples} source triples\n`);
}
