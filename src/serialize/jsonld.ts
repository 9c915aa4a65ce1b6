/**
 * JSON-LD: the graph compacted with our context. Built from quad objects: jsonld.fromRDF on an
 * N-Quads string is quadratic (197 s for 100k triples here), on RDF/JS quads it takes well under a second.
 */
import jsonld from 'jsonld';
import type { Quad } from 'n3';
import { compactFlatNodes } from './jsonld-flat.js';
import { naturalCompare, naturalKey } from './order.js';

type NodeObject = Record<string, unknown> & { id?: string };

/** Subjects per jsonld.js call: each call's node objects are written and dropped before the next. */
const SUBJECTS_PER_SLICE = 5_000;

/**
 * Compacts `sortedTriples` with `context` (embedded, so the file stands on its own).
 *
 * A graph without blank nodes is compacted in slices of subjects and written node by node: each node
 * object depends only on its own triples and the context, so the text is the same as from one call over
 * the whole graph, without jsonld.js holding the expanded and compacted trees of a million triples at
 * once (only each node's text is kept). Blank nodes may be nested or relabelled across subjects, so such
 * a graph is compacted whole.
 */
export async function toJsonLd(sortedTriples: Quad[], context: Record<string, unknown>): Promise<string> {
  const hasBlankNodes = sortedTriples.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode');
  if (hasBlankNodes || sortedTriples.length === 0) {
    const nodes = await compactNodes(sortedTriples, context);
    return `${JSON.stringify({ '@context': context['@context'], '@graph': nodes }, null, 2)}\n`;
  }
  // JSON.stringify(document, null, 2), written in pieces: the nodes sit two levels deep in the document.
  // (The only line breaks JSON.stringify writes are its own: it escapes those inside strings.)
  // Nodes sort by their compacted id (asm:Echo, ev:e2-learning-event), not in the triples' order of full
  // IRIs: each node is kept as its text and its id, and the texts are sorted at the end.
  const nodes: Array<[string, string]> = [];
  for (const slice of subjectSlices(sortedTriples)) {
    for (const node of await compactNodes(slice, context)) nodes.push([node.id ?? '', indent(`    ${JSON.stringify(node, null, 2)}`, 4)]);
  }
  nodes.sort(([a], [b]) => naturalCompare(a, b));
  const head = `{\n  "@context": ${indent(JSON.stringify(context['@context'], null, 2), 2)},\n  "@graph": [\n`;
  return `${head}${nodes.map(([, text]) => text).join(',\n')}\n  ]\n}\n`;
}

/** The compacted node objects of some triples, in id order (naturally: st:w2-a-9 before st:w2-a-10). */
async function compactNodes(triples: Quad[], context: Record<string, unknown>): Promise<NodeObject[]> {
  // useNativeTypes turns xsd:integer and xsd:boolean into JSON numbers and booleans; toRDF gives them back.
  const expanded = await jsonld.fromRDF(triples as unknown as object, { useNativeTypes: true });
  dropStringDatatype(expanded);
  // jsonld.js's own steps node by node where the nodes are flat (src/serialize/jsonld-flat.ts), the same objects.
  const flat = await compactFlatNodes(expanded as Array<Record<string, unknown>>, context);
  if (flat !== undefined) return flat.sort((a, b) => naturalCompare(a.id ?? '', b.id ?? ''));
  const compacted = (await jsonld.compact(expanded, context["@context"] as jsonld.ContextDefinition, { skipExpansion: true } as jsonld.Options.Compact)) as Record<string, unknown>;
  const nodes = (compacted['@graph'] as NodeObject[] | undefined) ?? [stripContext(compacted)];
  return nodes.sort((a, b) => naturalCompare(a.id ?? '', b.id ?? ''));
}

/**
 * The triples in slices of about SUBJECTS_PER_SLICE subjects, each subject's triples in one slice. The
 * triples are in the stable order, which sorts subjects by their natural key first and may interleave
 * two subjects whose keys tie (src/serialize/order.ts): a slice ends only where that key changes.
 */
function* subjectSlices(sortedTriples: Quad[]): Generator<Quad[]> {
  let start = 0;
  let subjects = 0;
  for (let i = 1; i <= sortedTriples.length; i++) {
    if (i < sortedTriples.length && sortedTriples[i]!.subject.value === sortedTriples[i - 1]!.subject.value) continue;
    subjects++;
    if (i === sortedTriples.length || (subjects >= SUBJECTS_PER_SLICE && naturalKeyDiffers(sortedTriples[i - 1]!.subject.value, sortedTriples[i]!.subject.value))) {
      yield sortedTriples.slice(start, i);
      start = i;
      subjects = 0;
    }
  }
}

/** Whether two IRIs differ in natural key (not only in the spelling of their digit runs, "1" and "01"). */
const naturalKeyDiffers = (a: string, b: string): boolean => naturalKey(a) !== naturalKey(b);

/** Every line but the first indented by `spaces` more. */
const indent = (text: string, spaces: number): string => text.replace(/\n/g, `\n${' '.repeat(spaces)}`);

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * jsonld.js (9.0) keeps "@type": xsd:string on plain strings when useNativeTypes is on; a JSON-LD
 * string value already means xsd:string, so the type is dropped to let the strings compact plainly.
 */
function dropStringDatatype(value: unknown): void {
  if (Array.isArray(value)) { value.forEach(dropStringDatatype); return; }
  if (value === null || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  if ('@value' in node && node['@type'] === XSD_STRING) { delete node['@type']; return; }
  Object.values(node).forEach(dropStringDatatype);
}

function stripContext(node: Record<string, unknown>): NodeObject {
  const { '@context': _context, ...rest } = node;
  return rest;
}
