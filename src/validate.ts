/**
 * Validate: checks the graph against the SHACL shapes with shacl-engine (chosen over rdf-validate-shacl
 * for speed on our data; see bench/shacl.ts and the README). Violations fail the build; warnings are
 * returned for the build to print.
 */
import { DataFactory, Store, type Quad } from 'n3';
import Validator from 'shacl-engine/Validator.js';
import { ValidationFailedError, type Violation } from './errors.js';
import { WELL_KNOWN_PREFIXES } from './iri.js';
import { createStore } from './store.js';

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

/** Throws ValidationFailedError if any result has severity sh:Violation. `data` may be quads or a Store of them. */
export async function validateGraph(data: Quad[] | Store, shapes: Quad[]): Promise<ValidationOutcome> {
  const shapesStore = createStore(shapes);
  const dataStore = data instanceof Store ? data : createStore(data);
  const validator = new Validator(shapesStore, { factory: DataFactory });
  const report = await validator.validate({ dataset: dataStore });
  const results = (report.results as EngineResult[]).map(toViolation);
  const violations = results.filter((r) => r.severity === 'Violation').sort(byFocusThenPath);
  if (violations.length > 0) throw new ValidationFailedError(violations);
  return { warnings: results.filter((r) => r.severity !== 'Violation').sort(byFocusThenPath) };
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
