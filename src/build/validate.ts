/**
 * Validate: checks the graph against the SHACL shapes with shacl-engine (chosen over rdf-validate-shacl
 * for speed on our data; see bench/shacl.ts and docs/decisions/0005-shacl-engine.md). Violations fail the build; warnings are
 * returned for the build to print.
 *
 * At scale (a million triples) two things made shacl-engine slow, and both are avoided here without
 * changing what it checks or the order it reports in:
 * - one validation run remembers every (shape, focus node, value) it has checked, so its memory grows with
 *   the graph and garbage collection dominates: the focus nodes are validated in slices instead, shape by
 *   shape and in the engine's own target order, each slice a run of its own over the same data graph;
 * - N3's Store.match() builds a stream object per call: the engine reads the store through arrays
 *   (store.getQuads, the same quads in the same order).
 */
import { DataFactory, Store, type Quad, type Term } from 'n3';
import Validator from 'shacl-engine/Validator.js';
import { ValidationFailedError, type Violation } from '../core/errors.js';
import { WELL_KNOWN_PREFIXES } from '../core/iri.js';
import { QuadIndex } from '../rdf/quad-index.js';
import { createStore } from '../rdf/store.js';

const SH = WELL_KNOWN_PREFIXES.sh;

interface EngineResult {
  severity?: { value: string };
  focusNode?: { term?: { value: string } };
  path?: Array<{ predicates?: Array<{ value: string }>; quantifier?: string; start?: string }> | null;
  constraintComponent?: { value: string };
  shape?: { ptr?: { term?: { value: string; termType: string } } };
  message?: Array<{ value: string }>;
  value?: { term?: { value: string } };
}

export interface ValidationOutcome {
  warnings: Violation[];
}

/**
 * Throws ValidationFailedError if any result has severity sh:Violation. `data` may be quads, a Store of
 * them, or a QuadIndex of them (src/rdf/quad-index.ts: the same answers in the same order, in a fraction of
 * the memory; the build validates through one).
 */
export async function validateGraph(data: Quad[] | Store | QuadIndex, shapes: Quad[]): Promise<ValidationOutcome> {
  const shapesStore = createStore(shapes);
  const validator = new Validator(shapesStore, { factory: DataFactory }) as unknown as EngineValidator;
  const dataset = data instanceof QuadIndex ? readThroughArrays(data) : readThroughArrays(data instanceof Store ? data : createStore(data));
  const results: Violation[] = [];
  // The engine's own loop (Validator.validate), with each shape's targets cut into slices. The shape map
  // is iterated live, as the engine does: shapes met while compiling join it (they have no targets).
  // A pointer to any node of the data graph, made with the engine's own pointer class (grapoi's PathList).
  const anyNode = new validator.shapesPtr.constructor({ dataset, factory: DataFactory });
  rememberPointerDatasets(validator.shapesPtr);
  for (const shape of validator.shapes.values()) {
    const focusNodes = (await shape.resolveTargets({ focusNode: anyNode })).terms;
    for (let start = 0; start < focusNodes.length; start += SLICE) {
      const report = await validator.validate({ dataset, terms: focusNodes.slice(start, start + SLICE) }, [{ terms: [shape.ptr.term] }]);
      for (const result of report.results as EngineResult[]) results.push(toViolation(result));
    }
  }
  const violations = results.filter((r) => r.severity === 'Violation').sort(byFocusThenPath);
  if (violations.length > 0) throw new ValidationFailedError(violations);
  return { warnings: results.filter((r) => r.severity !== 'Violation').sort(byFocusThenPath) };
}

/**
 * grapoi's pointer lists (PathList, 1.3) work out their dataset on every read of `dataset`, by putting the
 * dataset of each of their pointers in a Set; shacl-engine reads it once per value of a property (through
 * `node()`), so a focus node with n values costs n² steps. A theme on which 20,000 statements are (a
 * million-triple corpus; the ThemeInUseShape walks ^asm:theme) took most of a build's validation. A list's
 * pointers are set when it is made and never change (grapoi assigns `ptrs` only in its constructor), so
 * its dataset is worked out once and kept with it: the same value, read once.
 * test/validate-pointer-datasets.test.ts checks that the getter is found and replaced.
 */
export function rememberPointerDatasets(pointer: object): void {
  let owner: object | null = Object.getPrototypeOf(pointer) as object | null;
  while (owner !== null && Object.getOwnPropertyDescriptor(owner, 'dataset')?.get === undefined) owner = Object.getPrototypeOf(owner) as object | null;
  const descriptor = owner === null ? undefined : Object.getOwnPropertyDescriptor(owner, 'dataset');
  if (owner === null || descriptor?.get === undefined) throw new Error('shacl-engine\'s pointer class has no dataset getter: grapoi changed; see rememberPointerDatasets');
  if (REMEMBERED in descriptor.get) return;
  const computed = descriptor.get;
  const kept = new WeakMap<object, unknown>();
  const get = function (this: object): unknown {
    if (!kept.has(this)) kept.set(this, computed.call(this));
    return kept.get(this);
  };
  Object.defineProperty(owner, 'dataset', { ...descriptor, get: Object.assign(get, { [REMEMBERED]: true }) });
}

const REMEMBERED = Symbol('asm-kg: dataset remembered');

/** Focus nodes per validation run: small enough that a run's memory stays small, large enough to cost nothing. */
const SLICE = 1_000;

/** The parts of shacl-engine's Validator and Shape that the sliced loop uses (it has no types). */
interface EngineShape {
  ptr: { term: Term };
  resolveTargets(context: { focusNode: unknown }): Promise<{ terms: Term[] }>;
}
interface EngineValidator {
  shapes: Map<unknown, EngineShape>;
  shapesPtr: { constructor: new (args: { dataset: unknown; factory: unknown }) => unknown };
  validate(data: { dataset: unknown; terms?: Term[] }, shapes?: Array<{ terms: Term[] }>): Promise<{ results: unknown[] }>;
}

/**
 * The store as the engine reads it (match, size): match() answers with an array of the quads that N3's own
 * match() would stream, in the same order, so the engine sees the same graph, without a stream object per call.
 */
function readThroughArrays(store: Store | QuadIndex): { size: number; match: (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null) => Quad[] & { size: number } } {
  return {
    get size() { return store.size; },
    match: (s, p, o, g) => {
      const quads = store instanceof QuadIndex ? store.match(s, p, o, g) : store.getQuads(s ?? null, p ?? null, o ?? null, g ?? null);
      // A property on the array itself: Object.assign on an array took a slow path, per match.
      (quads as Quad[] & { size: number }).size = quads.length;
      return quads as Quad[] & { size: number };
    },
  };
}

function toViolation(result: EngineResult): Violation {
  const severity = (result.severity?.value ?? `${SH}Violation`).slice(SH.length) as Violation['severity'];
  const constraint = (result.constraintComponent?.value ?? '').replace(SH, 'sh:');
  const shapeTerm = result.shape?.ptr?.term;
  return {
    severity,
    focusNode: result.focusNode?.term?.value ?? '?',
    path: describePath(result.path),
    constraint,
    shape: shapeTerm && shapeTerm.termType === 'NamedNode' ? shapeTerm.value : '',
    message: (result.message ?? []).map((m) => m.value).join(' ') || constraint,
    value: result.value?.term?.value,
  };
}

/** Renders a shacl-engine path as <iri>, ^<iri> for inverse steps, joined by "/". */
function describePath(path: EngineResult['path']): string | undefined {
  if (!path || path.length === 0) return undefined;
  return path.map((step) => {
    const iris = (step.predicates ?? []).map((p) => `<${p.value}>`).join('|');
    return step.start === 'object' ? `^${iris}` : iris;
  }).join('/');
}

const byFocusThenPath = (a: Violation, b: Violation): number =>
  a.focusNode.localeCompare(b.focusNode) || (a.path ?? '').localeCompare(b.path ?? '') || a.constraint.localeCompare(b.constraint);
