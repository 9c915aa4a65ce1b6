/**
 * Compaction of flat JSON-LD nodes (no blank nodes, lists, graphs, indexes or reverse properties: what
 * jsonld.fromRDF makes of our dumps' triples), node by node, with jsonld.js's own steps: the loop of
 * jsonld.js 9's compact() over a node object's properties (lib/compact.js, `api.compact`), calling its
 * compactIri (term selection, IRI compaction), compactValue and addValue. What it leaves out is the work
 * that is the same for every node of a dump: compactIri is remembered per IRI, and term selection per
 * property and kind of value. At a million triples jsonld.compact took some 9 s and most of a build's
 * garbage; this gives the same node objects (test/jsonld-flat.test.ts compares them on our graph and a
 * corpus, and the dumps are byte for byte those of jsonld.compact).
 *
 * A node outside the flat case (any key or value jsonld.fromRDF gives only for blank nodes, lists or
 * literals with a base direction, or a context with scoped contexts, nesting or map containers) makes
 * compactFlatNodes answer undefined, and the caller compacts with jsonld.compact.
 */
import jsonld from 'jsonld';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ActiveContext { mappings: Map<string, Record<string, unknown> | undefined> }
interface CompactIriArgs { activeCtx: ActiveContext; iri: string; value?: unknown; relativeTo: { vocab: boolean }; reverse?: boolean; base?: string }
const compactApi = require('jsonld/lib/compact.js') as {
  compactIri(args: CompactIriArgs): string;
  compactValue(args: { activeCtx: ActiveContext; activeProperty: string; value: unknown; options: object }): unknown;
};
const contextApi = require('jsonld/lib/context.js') as {
  getInitialContext(options: object): ActiveContext;
  getContextValue(ctx: ActiveContext, key: string | null, type: string): unknown;
};
// jsonld.js has processContext, but its type declarations do not.
const { processContext } = jsonld as unknown as { processContext(active: ActiveContext, local: unknown, options: object): Promise<ActiveContext> };
const { addValue } = require('jsonld/lib/util.js') as { addValue(subject: object, property: string, value: unknown, options: { propertyIsArray: boolean }): void };

type Expanded = Record<string, unknown>;
export type NodeObject = Record<string, unknown> & { id?: string };

/** jsonld.compact's options, as it sets them (lib/jsonld.js) for an object input. */
const OPTIONS = { base: '', compactArrays: true, compactToRelative: true, graph: false, skipExpansion: true, link: false };

/** The processed context and the remembered answers, per context object. */
const compactors = new WeakMap<object, Promise<FlatCompactor | undefined>>();

/** The nodes compacted, or undefined when one of them (or the context) is outside the flat case. */
export async function compactFlatNodes(expanded: Expanded[], context: Record<string, unknown>): Promise<NodeObject[] | undefined> {
  if (!compactors.has(context)) compactors.set(context, FlatCompactor.for(context));
  const compactor = await compactors.get(context)!;
  if (compactor === undefined || !expanded.every(isFlatNode)) return undefined;
  return expanded.map((node) => compactor.node(node));
}

/** A node object of IRI-named subjects whose values are plain value objects or references to IRIs. */
function isFlatNode(node: Expanded): boolean {
  for (const [key, values] of Object.entries(node)) {
    if (key === '@id') { if (typeof values !== 'string' || values.startsWith('_:')) return false; continue; }
    if (key === '@type') { if (!Array.isArray(values) || !values.every((t) => typeof t === 'string' && !t.startsWith('_:'))) return false; continue; }
    if (key.startsWith('@') || !Array.isArray(values) || values.length === 0) return false;
    for (const value of values as Expanded[]) {
      if (typeof value !== 'object' || value === null) return false;
      const keys = Object.keys(value);
      if ('@id' in value) { if (keys.length !== 1 || typeof value['@id'] !== 'string' || (value['@id'] as string).startsWith('_:')) return false; continue; }
      if (!('@value' in value) || !keys.every((k) => k === '@value' || k === '@type' || k === '@language')) return false;
    }
  }
  return '@id' in node;
}

class FlatCompactor {
  private readonly iris = new Map<string, string>();
  private readonly terms = new Map<string, string>();

  private constructor(private readonly activeCtx: ActiveContext) {}

  /** The compactor for a context, or undefined if the context uses what the flat loop leaves out. */
  static async for(context: Record<string, unknown>): Promise<FlatCompactor | undefined> {
    const activeCtx = await processContext(contextApi.getInitialContext(OPTIONS), context['@context'], OPTIONS);
    for (const definition of activeCtx.mappings.values()) {
      if (definition === undefined || definition === null) continue;
      if ('@context' in definition || '@nest' in definition || definition.reverse === true) return undefined;
      const container = (definition['@container'] as string[] | undefined) ?? [];
      if (container.some((c) => c !== '@set')) return undefined;
    }
    return new FlatCompactor(activeCtx);
  }

  /** compact() of one node object (lib/compact.js), for the flat case. */
  node(node: Expanded): NodeObject {
    const result: NodeObject = {};
    for (const property of Object.keys(node).sort()) {
      const values = node[property];
      if (property === '@id') {
        result[this.iri('@id', true)] = this.iri(values as string, false);
        continue;
      }
      if (property === '@type') {
        const types = (values as string[]).map((type) => this.iri(type, true));
        addValue(result, this.iri('@type', true), types.length === 1 ? types[0] : types, { propertyIsArray: false });
        continue;
      }
      for (const value of values as Expanded[]) {
        const term = this.term(property, value);
        const container = (contextApi.getContextValue(this.activeCtx, term, '@container') as string[] | undefined) ?? [];
        const compacted = compactApi.compactValue({ activeCtx: this.activeCtx, activeProperty: term, value, options: OPTIONS });
        const isArray = container.includes('@set') || (Array.isArray(compacted) && compacted.length === 0);
        addValue(result, term, compacted, { propertyIsArray: isArray });
      }
    }
    return result;
  }

  /** compactIri of an IRI or keyword, remembered. */
  private iri(iri: string, vocab: boolean): string {
    const key = `${vocab ? 'v' : 'i'}${iri}`;
    let compacted = this.iris.get(key);
    if (compacted === undefined) {
      compacted = compactApi.compactIri({ activeCtx: this.activeCtx, iri, relativeTo: { vocab }, ...(vocab ? {} : { base: OPTIONS.base }) });
      this.iris.set(key, compacted);
    }
    return compacted;
  }

  /**
   * The term compactIri selects for a property and a value, remembered per what of the value it reads
   * (lib/compact.js, compactIri with a value): for a value object, its language, direction and type and
   * whether it has keys besides @value; for a reference, whether its IRI compacts to a term of that IRI.
   */
  private term(property: string, value: Expanded): string {
    const kind = '@id' in value
      ? `@id ${this.isTermIri(value['@id'] as string)}`
      : JSON.stringify([value['@language'] ?? null, value['@direction'] ?? null, value['@type'] ?? null, Object.keys(value).length]);
    const key = `${property} ${kind}`;
    let term = this.terms.get(key);
    if (term === undefined) {
      term = compactApi.compactIri({ activeCtx: this.activeCtx, iri: property, value, relativeTo: { vocab: true }, reverse: false });
      this.terms.set(key, term);
    }
    return term;
  }

  private isTermIri(iri: string): boolean {
    const compacted = this.iri(iri, true);
    return this.activeCtx.mappings.has(compacted) && this.activeCtx.mappings.get(compacted)?.['@id'] === iri;
  }
}
