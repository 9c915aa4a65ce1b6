/**
 * RDF/XML, written subject by subject to a sink, in exactly the bytes that rdflib.js's writer makes (the
 * dumps published so far were written by it, and a build must not change them). rdflib builds the whole
 * document as one nested tree and string (82 s for a million triples); this writer keeps one subject at a
 * time. It follows rdflib 2.4's `statementsToXML`: roots in first-appearance order, a subject's properties
 * sorted by predicate with `localeCompare` (stable, so objects keep our order), its first rdf:type as the
 * element name, rdflib's prefix table (made by rdflib's own Serializer), namespaces declared in order of
 * first use, and its line layout (XMLtreeToString, ported below). Graphs with blank nodes, which rdflib
 * nests, are still written by rdflib itself (there are none in ours).
 */
import type { Quad } from 'n3';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF}type`;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const INDENT = 4;
const WIDTH = 80;
/** rdflib sorts with String.prototype.localeCompare(); a Collator with the same (default) locale and options orders alike, faster. */
const LOCALE_ORDER = new Intl.Collator();

type Tree = Array<string | Tree>;

interface RdflibSerializer {
  prefixes: Record<string, string>;
  _notNameChars: string;
  suggestNamespaces(namespaces: Record<string, string>): unknown;
  suggestPrefix(prefix: string, uri: string): void;
  makeUpPrefix(uri: string): string;
}

/** The whole document as one string (the sink collects it). */
export async function toRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>): Promise<string> {
  const chunks: string[] = [];
  await writeRdfXml(sortedTriples, prefixes, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** Writes the document in pieces to `sink`. */
export async function writeRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>, sink: (chunk: string) => void): Promise<void> {
  if (sortedTriples.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')) {
    sink(await rdflibRdfXml(sortedTriples, prefixes));
    return;
  }
  const qname = await qnames(prefixes);
  const subjects = groupBySubject(sortedTriples);

  // First pass: the namespaces in the order rdflib first uses them (each subject's predicates, then its type).
  const used = new Map<string, string>([[RDF, 'rdf']]);
  for (const triples of subjects) {
    const { type, properties } = arrange(triples);
    for (const q of properties) qname(q.predicate.value, used);
    if (type !== undefined) qname(type, used);
  }
  let header = '<rdf:RDF';
  for (const [ns, prefix] of used) header += `\n xmlns:${prefix}="${escapeForXml(ns)}"`;
  header += '>';

  // Second pass: each subject's tree, laid out as rdflib's XMLtreeToString does at level 0. The body is
  // held back until it is long enough that rdflib's document-level compaction (level -1) cannot apply.
  const held: string[] = [];
  let heldLength = 0;
  let streaming = false;
  let lastLength = 100000;
  for (const triples of subjects) {
    const tree = subjectTree(triples, (iri) => qname(iri, used));
    const [text, length] = layoutBranch(tree, 0, lastLength);
    lastLength = length;
    if (streaming) { sink(text); continue; }
    held.push(text);
    heldLength += text.length;
    if (heldLength >= 10 * (WIDTH + INDENT)) {
      streaming = true;
      sink(`${header}\n`);
      sink(held.join(''));
      held.length = 0;
    }
  }
  if (streaming) { sink('</rdf:RDF>\n'); return; }
  // A short document: rdflib's top level may put the whole body on one line.
  const trees = subjects.map((triples) => subjectTree(triples, (iri) => qname(iri, new Map(used))));
  sink(treeToString([header, trees, '</rdf:RDF>'], -1));
}

/** The triples of each subject, subjects in order of first appearance. */
function groupBySubject(triples: Quad[]): Quad[][] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of triples) {
    const list = bySubject.get(q.subject.value);
    if (list === undefined) bySubject.set(q.subject.value, [q]); else list.push(q);
  }
  return [...bySubject.values()];
}

/** rdflib's order of a subject's properties, and the type that names its element. */
function arrange(triples: Quad[]): { type: string | undefined; properties: Quad[] } {
  const sorted = [...triples].sort((a, b) => LOCALE_ORDER.compare(a.predicate.value, b.predicate.value));
  const typeIndex = sorted.findIndex((q) => q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode');
  if (typeIndex < 0) return { type: undefined, properties: sorted };
  return { type: sorted[typeIndex]!.object.value, properties: sorted.filter((_, i) => i !== typeIndex) };
}

function subjectTree(triples: Quad[], qname: (iri: string) => string): Tree {
  const { type, properties } = arrange(triples);
  const children: string[] = properties.map((q) => {
    const t = qname(q.predicate.value);
    const o = q.object;
    if (o.termType === 'NamedNode') return `<${t} rdf:resource="${escapeForXml(o.value)}"/>`;
    if (o.termType !== 'Literal') throw new Error(`RDF/XML: cannot write a ${o.termType} object`);
    const attribute = o.language ? ` xml:lang="${o.language}"` : o.datatype.value === XSD_STRING ? '' : ` rdf:datatype="${escapeForXml(o.datatype.value)}"`;
    return `<${t}${attribute}>${escapeForXml(o.value)}</${t}>`;
  });
  const tag = type === undefined ? 'rdf:Description' : qname(type);
  return [`<${tag} rdf:about="${escapeForXml(triples[0]!.subject.value)}">`, children, `</${tag}>`];
}

/** rdflib's qname: split at '#' or the last '/', prefix from its table or made up; records first use. */
async function qnames(prefixes: Record<string, string>): Promise<(iri: string, used: Map<string, string>) => string> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  for (const [prefix, iri] of Object.entries(prefixes)) store.setPrefixForURI(prefix, iri);
  const serializer = new (rdflib.Serializer as unknown as new (store: unknown) => RdflibSerializer)(store);
  serializer.suggestNamespaces((store as unknown as { namespaces: Record<string, string> }).namespaces);
  serializer.suggestPrefix('rdf', RDF);
  const cache = new Map<string, [string, string]>();
  return (iri, used) => {
    let split = cache.get(iri);
    if (split === undefined) {
      let j = iri.indexOf('#');
      if (j < 0) j = iri.lastIndexOf('/');
      if (j < 0) throw new Error(`Cannot make qname out of <${iri}>`);
      for (const c of iri.slice(j + 1)) {
        if (serializer._notNameChars.includes(c)) throw new Error(`Invalid character "${c}" cannot be in XML qname for URI: ${iri}`);
      }
      const ns = iri.slice(0, j + 1);
      split = [ns, iri.slice(j + 1)];
      cache.set(iri, split);
    }
    const [ns, local] = split;
    const prefix = serializer.prefixes[ns] || serializer.makeUpPrefix(ns);
    if (!used.has(ns)) used.set(ns, prefix);
    return `${prefix}:${local}`;
  };
}

function escapeForXml(text: string): string {
  return text.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');

function treeToLine(tree: Tree): string {
  let text = '';
  for (const branch of tree) text += typeof branch === 'string' ? branch : treeToLine(branch);
  return text;
}

/**
 * One branch of a tree at `level`, as rdflib's XMLtreeToString lays it out inside its loop: the text it
 * adds and the `lastLength` after it. (A continuation onto the previous line needs a previous line shorter
 * than level × 4 + 4, which no element line at level 0 is.)
 */
function layoutBranch(branch: Tree, level: number, lastLength: number): [string, number] {
  let substr = treeToString(branch, level + 1);
  let asString: string | undefined;
  if (substr.length < 10 * (WIDTH - INDENT * level) && !substr.includes('"""')) {
    const line = treeToLine(branch);
    if (line.length < WIDTH - INDENT * level) { asString = `   ${line}`; substr = ''; }
  }
  if (asString === undefined) return [substr, 10000];
  if (lastLength < INDENT * level + 4) throw new Error('RDF/XML: a line continuation that rdflib would make');
  const line = spaces(INDENT * level) + asString;
  return [`${line}\n`, line.length];
}

/** rdflib 2.4's XMLtreeToString, as it is. */
function treeToString(tree: Tree, level = 0): string {
  let str = '';
  let lastLength = 100000;
  for (let branch of tree) {
    if (typeof branch !== 'string') {
      let substr = treeToString(branch, level + 1);
      if (substr.length < 10 * (WIDTH - INDENT * level) && !substr.includes('"""')) {
        const line = treeToLine(branch);
        if (line.length < WIDTH - INDENT * level) { branch = `   ${line}`; substr = ''; }
      }
      if (substr) lastLength = 10000;
      str += substr;
    }
    if (typeof branch === 'string') {
      if (lastLength < INDENT * level + 4) {
        str = `${str.slice(0, -1)} ${branch}\n`;
        lastLength += branch.length + 1;
      } else {
        const line = spaces(INDENT * level) + branch;
        str += `${line}\n`;
        lastLength = line.length;
      }
    }
  }
  return str;
}

/** rdflib.js itself, for graphs with blank nodes (which it nests or names). */
async function rdflibRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>): Promise<string> {
  const rdflib = await import('rdflib');
  const store = rdflib.graph();
  for (const [prefix, iri] of Object.entries(prefixes)) store.setPrefixForURI(prefix, iri);
  const node = (term: Quad['subject'] | Quad['object']) => {
    if (term.termType === 'Literal') {
      return term.language ? rdflib.lit(term.value, term.language) : rdflib.lit(term.value, undefined, rdflib.sym(term.datatype.value));
    }
    if (term.termType === 'BlankNode') return rdflib.blankNode(term.value);
    return rdflib.sym(term.value);
  };
  for (const q of sortedTriples) {
    store.add(node(q.subject) as never, rdflib.sym(q.predicate.value), node(q.object) as never);
  }
  // No base: every IRI is written absolute, so the file means the same wherever it is downloaded to.
  const text = rdflib.serialize(null, store, undefined, 'application/rdf+xml');
  if (text === undefined) throw new Error('rdflib wrote no RDF/XML');
  return text.endsWith('\n') ? text : `${text}\n`;
}
