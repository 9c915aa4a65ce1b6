/**
 * RDF/XML, written root by root to a sink. For a graph without blank nodes these are exactly the bytes that
 * rdflib.js's writer makes (the dumps published so far were written by it, and a build must not change
 * them); rdflib builds the whole document as one nested tree and string (82 s for a million triples), this
 * writer keeps one root at a time. It follows rdflib 2.4's `statementsToXML`: roots in first-appearance
 * order, a subject's properties sorted by predicate with `localeCompare` (stable, so objects keep our
 * order), its first rdf:type as the element name, rdflib's prefix table (made by rdflib's own Serializer),
 * namespaces declared in order of first use, and its line layout (rdfxml-layout.ts).
 *
 * Where rdflib writes RDF/XML that does not read back as the graph, this writer does not follow it:
 * - A blank node that is the object of one triple is written inside that property: untyped as
 *   `rdf:parseType="Resource"`, typed as a node element (rdflib put a node element inside parseType
 *   "Resource", which parsers refuse or read as other triples). Any other blank node is a root element
 *   with an `rdf:nodeID` (b0, b1, … in order of use: a store's labels need not be XML names), and so is
 *   one nested deeper than MAX_NESTING (a long list) or on a cycle of such nodes.
 * - A predicate or type IRI that rdflib cannot split at '#' or the last '/' into an XML name is split
 *   before the longest XML name that ends it (`urn:ex:` + `p`); a type with no such name, or that is an
 *   RDF/XML syntax name, is written as an rdf:type property. A predicate with none cannot be written in
 *   RDF/XML at all: an error names it.
 * - Literal text keeps a carriage return and ']]>' (escaped), and a character XML cannot hold is an error.
 */
import type { Quad } from 'n3';
import { termKey } from '../core/term-key.js';
import { COMPACT_LIMIT, layoutBranch, treeToString, type Tree } from './rdfxml-layout.js';
import { codePoint, escapeAttribute, escapeText, isNcName, notXmlChar, splitAtNcName } from './xml-names.js';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF}type`;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
/** Blank nodes nested deeper than this are written as roots: a list of n items would otherwise indent n deep. */
const MAX_NESTING = 8;
/** RDF/XML's own names, which cannot stand for a predicate (RDF/XML 1.1 grammar: coreSyntaxTerms, rdf:Description, the old terms, and rdf:li, which parsers renumber). */
const NOT_PROPERTY_NAMES = new Set(['RDF', 'ID', 'about', 'bagID', 'parseType', 'resource', 'nodeID', 'datatype', 'aboutEach', 'aboutEachPrefix', 'Description', 'li'].map((name) => `${RDF}${name}`));
/** …nor a node element's type (rdf:Description there means no type). */
const NOT_TYPE_NAMES = NOT_PROPERTY_NAMES;
/** rdflib sorts with String.prototype.localeCompare(); a Collator with the same (default) locale and options orders alike, faster. */
const LOCALE_ORDER = new Intl.Collator();

type QName = (iri: string) => string;
/** What a pass that does not render gives for an element. */
const NOTHING: Tree = [];

interface RdflibSerializer {
  prefixes: Record<string, string>;
  namespaces: Record<string, string>;
  suggestNamespaces(namespaces: Record<string, string>): unknown;
  suggestPrefix(prefix: string, uri: string): void;
  makeUpPrefix(uri: string): string;
}

/** The graph as the writer walks it: each subject's triples, and how many triples have each blank node as object. */
interface Graph {
  subjects: Map<string, Quad[]>;
  incoming: Map<string, number>;
}

/** The whole document as one string (the sink collects it). */
export async function toRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>): Promise<string> {
  const chunks: string[] = [];
  await writeRdfXml(sortedTriples, prefixes, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** Writes the document in pieces to `sink`; throws, before writing anything, on a graph RDF/XML cannot hold. */
export async function writeRdfXml(sortedTriples: Quad[], prefixes: Record<string, string>, sink: (chunk: string) => void): Promise<void> {
  const names = await xmlNames(prefixes);
  const graph = readGraph(sortedTriples);

  // First pass: the namespaces in the order the trees use them (each subject's predicates, then its type),
  // and every error, before a byte is written.
  const used = new Map<string, string>([[RDF, 'rdf']]);
  for (const tree of rootTrees(graph, names, (iri) => names.qname(iri, used), false)) void tree;
  let header = '<rdf:RDF';
  for (const [ns, prefix] of used) header += `\n xmlns:${prefix}="${escapeAttribute(ns)}"`;
  header += '>';

  // Second pass: each root's tree, laid out as rdflib's XMLtreeToString does at level 0. The body is
  // held back until it is long enough that rdflib's document-level compaction (level -1) cannot apply.
  const held: string[] = [];
  let heldLength = 0;
  let streaming = false;
  let lastLength = 100000;
  for (const tree of rootTrees(graph, names, (iri) => names.qname(iri, used), true)) {
    const [text, length] = layoutBranch(tree, 0, lastLength);
    lastLength = length;
    if (streaming) { sink(text); continue; }
    held.push(text);
    heldLength += text.length;
    if (heldLength >= COMPACT_LIMIT) {
      streaming = true;
      sink(`${header}\n`);
      sink(held.join(''));
      held.length = 0;
    }
  }
  if (streaming) { sink('</rdf:RDF>\n'); return; }
  // A short document: rdflib's top level may put the whole body on one line.
  const trees = [...rootTrees(graph, names, (iri) => names.qname(iri, new Map(used)), true)];
  sink(treeToString([header, trees, '</rdf:RDF>'], -1));
}

/** The triples of each subject, subjects in order of first appearance; the blank nodes' incoming triples. */
function readGraph(triples: Quad[]): Graph {
  const subjects = new Map<string, Quad[]>();
  const incoming = new Map<string, number>();
  for (const q of triples) {
    const key = termKey(q.subject);
    const list = subjects.get(key);
    if (list === undefined) subjects.set(key, [q]); else list.push(q);
    if (q.object.termType === 'BlankNode') {
      const object = termKey(q.object);
      incoming.set(object, (incoming.get(object) ?? 0) + 1);
    }
  }
  return { subjects, incoming };
}

/**
 * The element tree of each root, in order: every IRI subject and every blank node that is not the object
 * of exactly one triple, in order of first appearance, each followed by the blank nodes it pushed out past
 * MAX_NESTING; then, one at a time, any blank node left on a cycle of singly referenced blank nodes. The
 * walk is the same on every pass (labels, order and nesting alike), so passes agree. Without `render`
 * it only names (in the order rendering would) and checks the literals, and yields empty trees.
 */
function* rootTrees(graph: Graph, names: XmlNames, qname: QName, render: boolean): Generator<Tree> {
  const labels = new Map<string, string>();
  const written = new Set<string>();
  const pushedOut: string[] = [];
  const nodeId = (key: string): string => {
    let label = labels.get(key);
    if (label === undefined) { label = `b${labels.size}`; labels.set(key, label); }
    return label;
  };
  const nested = (key: string): boolean => key.startsWith('_:') && graph.incoming.get(key) === 1;

  /** A subject's element: its type as the name where it can be one, its properties inside. */
  const nodeTree = (triples: Quad[], depth: number): Tree => {
    const subject = triples[0]!.subject;
    const { type, properties } = arrange(triples, names);
    const children: Tree = [];
    for (const q of properties) {
      const element = propertyElement(q, depth);
      for (const part of element) children.push(part);
    }
    const tag = type === undefined ? 'rdf:Description' : qname(type);
    if (!render) return NOTHING;
    const attribute = depth > 0 ? '' : subject.termType === 'BlankNode' ? ` rdf:nodeID="${nodeId(termKey(subject))}"` : ` rdf:about="${escapeAttribute(subject.value)}"`;
    return [`<${tag}${attribute}>`, children, `</${tag}>`];
  };

  /** One property as rdflib lays it out: one element, or an opening tag, what is inside, a closing tag. */
  const propertyElement = (q: Quad, depth: number): Tree => {
    const t = qname(q.predicate.value);
    const o = q.object;
    if (o.termType === 'NamedNode') return render ? [`<${t} rdf:resource="${escapeAttribute(o.value)}"/>`] : NOTHING;
    if (o.termType === 'Literal') {
      if (!render) {
        const bad = notXmlChar(o.value);
        if (bad !== undefined) throw new Error(`RDF/XML cannot write the literal of <${q.subject.value}> <${q.predicate.value}>: it holds ${codePoint(bad)}, which XML 1.0 does not allow`);
        return NOTHING;
      }
      const attribute = o.language ? ` xml:lang="${o.language}"` : o.datatype.value === XSD_STRING ? '' : ` rdf:datatype="${escapeAttribute(o.datatype.value)}"`;
      return [`<${t}${attribute}>${escapeText(o.value)}</${t}>`];
    }
    if (o.termType !== 'BlankNode') throw new Error(`RDF/XML cannot write a ${o.termType} object`);
    const key = termKey(o);
    if (!nested(key) || written.has(key)) return [`<${t} rdf:nodeID="${nodeId(key)}"/>`];
    written.add(key);
    const triples = graph.subjects.get(key);
    if (triples === undefined) return [`<${t} rdf:parseType="Resource"/>`];
    if (depth >= MAX_NESTING) { pushedOut.push(key); return [`<${t} rdf:nodeID="${nodeId(key)}"/>`]; }
    const [open, children, close] = nodeTree(triples, depth + 1) as [string, Tree, string];
    if (!render) return NOTHING;
    if (open === '<rdf:Description>') return [`<${t} rdf:parseType="Resource">`, children, `</${t}>`];
    return [`<${t}>`, [open, children, close], `</${t}>`];
  };

  for (const [key, triples] of graph.subjects) {
    if (nested(key)) continue;
    yield nodeTree(triples, 0);
    for (let out = pushedOut.shift(); out !== undefined; out = pushedOut.shift()) yield nodeTree(graph.subjects.get(out)!, 0);
  }
  for (const [key, triples] of graph.subjects) {
    if (!nested(key) || written.has(key)) continue;
    written.add(key);
    yield nodeTree(triples, 0);
    for (let out = pushedOut.shift(); out !== undefined; out = pushedOut.shift()) yield nodeTree(graph.subjects.get(out)!, 0);
  }
}

/** rdflib's order of a subject's properties, and the type that names its element (the first that can). */
function arrange(triples: Quad[], names: XmlNames): { type: string | undefined; properties: Quad[] } {
  const sorted = [...triples].sort((a, b) => LOCALE_ORDER.compare(a.predicate.value, b.predicate.value));
  const typeIndex = sorted.findIndex((q) => q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode'
    && !NOT_TYPE_NAMES.has(q.object.value) && names.split(q.object.value) !== undefined);
  if (typeIndex < 0) return { type: undefined, properties: sorted };
  return { type: sorted[typeIndex]!.object.value, properties: sorted.filter((_, i) => i !== typeIndex) };
}

interface XmlNames {
  /** [namespace, local name] of an IRI that can be an element name, else undefined. */
  split(iri: string): [string, string] | undefined;
  /** The IRI's element name, its namespace recorded in `used` on first use; throws if it has none. */
  qname(iri: string, used: Map<string, string>): string;
}

/**
 * rdflib's serializer for one document, as set up for `prefixes` before any prefix is made up. The set-up is
 * made once per table of prefixes and kept: rdflib's constructor reads solid-namespace's vocabularies anew
 * each time, which took some 2 s of CPU over the site's RDF/XML documents. Each document gets a copy of the
 * two tables that makeUpPrefix writes to (arrays used as maps, as rdflib makes them), so the prefixes one
 * document makes up are never seen by another.
 */
async function documentSerializer(prefixes: Record<string, string>): Promise<RdflibSerializer> {
  const key = JSON.stringify(Object.entries(prefixes));
  let setUp = setUpSerializers.get(key);
  if (setUp === undefined) {
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    for (const [prefix, iri] of Object.entries(prefixes)) store.setPrefixForURI(prefix, iri);
    setUp = new (rdflib.Serializer as unknown as new (store: unknown) => RdflibSerializer)(store);
    setUp.suggestNamespaces((store as unknown as { namespaces: Record<string, string> }).namespaces);
    setUp.suggestPrefix('rdf', RDF);
    // A handful of tables in practice (the release's, the site's); a caller that makes many does not hold them all.
    if (setUpSerializers.size >= SET_UP_SERIALIZERS) setUpSerializers.clear();
    setUpSerializers.set(key, setUp);
  }
  const serializer = Object.create(setUp) as RdflibSerializer;
  serializer.prefixes = Object.assign([], setUp.prefixes);
  serializer.namespaces = Object.assign([], setUp.namespaces);
  return serializer;
}

/** rdflib's serializers as set up, by their table of prefixes (documentSerializer). */
const setUpSerializers = new Map<string, RdflibSerializer>();
const SET_UP_SERIALIZERS = 16;

/**
 * rdflib's qname: split at '#' or the last '/', prefix from its table or made up. Where that leaves no XML
 * name (rdflib threw, or wrote a name no parser reads), the split before the longest XML name at the end.
 */
async function xmlNames(prefixes: Record<string, string>): Promise<XmlNames> {
  const serializer = await documentSerializer(prefixes);
  const cache = new Map<string, [string, string] | undefined>();
  const split = (iri: string): [string, string] | undefined => {
    if (cache.has(iri)) return cache.get(iri);
    let j = iri.indexOf('#');
    if (j < 0) j = iri.lastIndexOf('/');
    const parts: [string, string] | undefined = j >= 0 && isNcName(iri.slice(j + 1)) ? [iri.slice(0, j + 1), iri.slice(j + 1)] : splitAtNcName(iri);
    cache.set(iri, parts);
    return parts;
  };
  return {
    split,
    qname(iri, used) {
      const parts = split(iri);
      if (parts === undefined) throw new Error(`RDF/XML cannot write the predicate <${iri}>: RDF/XML writes a predicate as an XML element name, and no XML name (NCName) ends this IRI`);
      if (NOT_PROPERTY_NAMES.has(iri)) throw new Error(`RDF/XML cannot write the predicate <${iri}>: it is one of RDF/XML's own syntax names`);
      const [ns, local] = parts;
      const prefix = serializer.prefixes[ns] || serializer.makeUpPrefix(ns);
      if (!used.has(ns)) used.set(ns, prefix);
      return `${prefix}:${local}`;
    },
  };
}
